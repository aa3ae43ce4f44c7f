"""Cache truth: a cached run is reused only with the interpreter and package versions it ran with,
and a pin that is not installed is said out loud."""

from __future__ import annotations

import io
from pathlib import Path

import nbformat

from fissures.publish import environment, execute
from fissures.publish.site import Options, build
from tests.conftest import make_data_dir, write_notebook


def _cached_run(tmp_path: Path) -> tuple[Path, execute.RunOptions]:
    path = write_notebook(tmp_path / "notebooks" / "01-a.ipynb", ("md", "# A\n\nText."),
                          ("code", "import json\nprint(json.dumps([1]))"))
    options = execute.RunOptions(cache=tmp_path / "cache", figures=tmp_path / "figures",
                                 data=make_data_dir(tmp_path / "data"))
    run = tmp_path / "run"
    run.mkdir()
    result = execute.execute(path, options, run)
    assert result.failure is None
    assert execute.cached(path, options) is not None
    return path, options


def test_the_kernel_reports_what_it_imported(tmp_path: Path):
    _, options = _cached_run(tmp_path)
    entry = next((options.cache / "01-a").iterdir())
    import json

    manifest = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["python"] == environment.python()
    assert "ipykernel" in manifest["packages"] and "nbformat" not in manifest["packages"]


def test_another_interpreter_does_not_reuse_a_run(tmp_path: Path, monkeypatch):
    path, options = _cached_run(tmp_path)
    monkeypatch.setattr(environment, "python", lambda: "3.12.0 (another interpreter)")
    execute.environment_key.cache_clear()
    try:
        assert execute.cached(path, options) is None
    finally:
        execute.environment_key.cache_clear()


def test_an_upgraded_package_does_not_reuse_a_run(tmp_path: Path, monkeypatch):
    path, options = _cached_run(tmp_path)
    now = dict(environment.installed())
    now["ipykernel"] = "0.0.1"
    monkeypatch.setattr(environment, "installed", lambda: now)
    assert execute.cached(path, options) is None
    assert environment.changed({"ipykernel": "7.4.0"}) == ["ipykernel 7.4.0 -> 0.0.1"]


def test_a_pin_that_is_not_installed_is_reported(tmp_path: Path):
    requirements = tmp_path / "requirements.txt"
    installed = environment.installed()
    requirements.write_text(f"# pinned\npandas==0.0.1\nnbformat=={installed['nbformat']}\n-e .\n", encoding="utf-8")
    unmet = environment.unmet_pins(requirements)
    assert unmet == [f"pandas==0.0.1 (installed: {installed['pandas']})"]


def test_the_build_warns_about_unmet_pins(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(environment, "unmet_pins", lambda: ["pandas==0.0.1 (installed: 3.1.1)"])
    write_notebook(tmp_path / "notebooks" / "01-a.ipynb", ("md", "# A\n\nText."))
    err = io.StringIO()
    options = Options(notebooks=tmp_path / "notebooks", out=tmp_path / "site", cache=tmp_path / "cache",
                      figures=tmp_path / "figures", data=make_data_dir(tmp_path / "data"), jobs=1)
    assert build(options, stream=err) == 0
    assert "warning: requirements.txt pins pandas==0.0.1 (installed: 3.1.1)" in err.getvalue()


def test_outputs_beyond_the_cap_are_cut_with_a_note(tmp_path: Path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print('x' * 5_000_000)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="x" * 5_000_000)]
    nb.cells = [nbformat.v4.new_markdown_cell("# T"), cell]
    warnings = execute.cap_outputs(nb, 100_000, "notebooks/01-a.ipynb")
    assert warnings == ["notebooks/01-a.ipynb, cell 2: output cut from 5.0 MB to 0.1 MB (--max-output)"]
    size = len(nbformat.writes(nb))
    assert size < 150_000
    assert "Output truncated" in nb.cells[1].outputs[-1]["data"]["text/html"]
