"""The no-op check: a build with nothing changed stops at once, and any changed input is noticed."""

from __future__ import annotations

from pathlib import Path

from fissures.publish import fingerprint, release
from tests.conftest import make_data_dir, write_notebook


def test_any_changed_input_changes_the_key(tmp_path: Path):
    data = make_data_dir(tmp_path / "data")
    notebooks = tmp_path / "notebooks"
    write_notebook(notebooks / "01-a.ipynb", ("md", "# A\n\nText."))
    first = fingerprint.inputs_key(notebooks, data)
    assert fingerprint.inputs_key(notebooks, data) == first
    (data / "people.csv").write_text((data / "people.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = fingerprint.inputs_key(notebooks, data)
    assert second != first
    write_notebook(notebooks / "01-a.ipynb", ("md", "# A\n\nOther text."))
    assert fingerprint.inputs_key(notebooks, data) != second
    assert fingerprint.inputs_key(notebooks, data, ("a",)) != fingerprint.inputs_key(notebooks, data)


def test_up_to_date_needs_the_same_key_and_a_published_site(tmp_path: Path):
    cache, out = tmp_path / "cache", tmp_path / "site"
    assert not fingerprint.up_to_date(cache, out, "k")
    fingerprint.remember(cache, out, "k")
    assert not fingerprint.up_to_date(cache, out, "k"), "nothing published yet"
    stage = release.Stage(out)
    (stage.path / "index.html").write_text("<html></html>", encoding="utf-8")
    stage.publish()
    fingerprint.remember(cache, out, "k")
    assert fingerprint.up_to_date(cache, out, "k") and not fingerprint.up_to_date(cache, out, "other")
    fingerprint.forget(cache, out)
    assert not fingerprint.up_to_date(cache, out, "k")
