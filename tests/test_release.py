"""Publishing: a folder the build did not write is refused and kept, the swap is one step, and what
killed builds left is cleared, never a file someone else wrote."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest

from fissures.publish import fingerprint, release
from fissures.publish.site import Options, build
from tests.conftest import make_data_dir, write_notebook

NOTEBOOK = (("md", "# A chapter\n\nIt says little."), ("code", "print('hello')"))


def _book(tmp_path: Path, out: Path) -> Options:
    write_notebook(tmp_path / "notebooks" / "01-a.ipynb", *NOTEBOOK)
    return Options(notebooks=tmp_path / "notebooks", out=out, cache=tmp_path / "cache", figures=tmp_path / "figures",
                   data=make_data_dir(tmp_path / "data"), jobs=1)


def _stage(out: Path, files: dict[str, str]) -> release.Stage:
    stage = release.Stage(out)
    for rel, text in files.items():
        (stage.path / rel).parent.mkdir(parents=True, exist_ok=True)
        (stage.path / rel).write_text(text, encoding="utf-8")
    return stage


def test_out_holding_other_files_is_refused_and_nothing_is_deleted(tmp_path: Path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    (scratch / "mine.txt").write_text("keep me", encoding="utf-8")
    err = io.StringIO()
    assert build(_book(tmp_path, scratch), stream=err) == 2
    assert "scratch/ exists and was not written by this build" in err.getvalue()
    assert "Nothing was deleted" in err.getvalue() and "--out" in err.getvalue()
    assert (scratch / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in scratch.iterdir()) == ["mine.txt"]


def test_out_at_a_project_folder_is_refused(tmp_path: Path):
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (project / "build.py").write_text("print()\n", encoding="utf-8")
    assert build(_book(tmp_path, project), stream=io.StringIO()) == 2
    assert (project / ".git" / "HEAD").is_file() and (project / "build.py").is_file()


def test_a_file_added_to_the_site_stops_the_next_build_and_survives(tmp_path: Path):
    options = _book(tmp_path, tmp_path / "site")
    assert build(options, stream=io.StringIO()) == 0
    assert options.out.is_symlink() and (options.out / release.MARKER).is_file()
    (options.out / "notes.txt").write_text("my notes", encoding="utf-8")
    options.force = True
    err = io.StringIO()
    assert build(options, stream=err) == 2
    assert "site/notes.txt" in err.getvalue() and "Nothing was deleted" in err.getvalue()
    assert (options.out / "notes.txt").read_text(encoding="utf-8") == "my notes"


def test_an_old_version_keeps_a_file_someone_added(tmp_path: Path, monkeypatch):
    out = tmp_path / "site"
    _stage(out, {"index.html": "one", "assets/a.css": "x"}).publish()
    old = release.current(out)
    (old / "assets" / "extra.css").write_text("someone's", encoding="utf-8")
    monkeypatch.setattr(release, "check", lambda out: None)  # the file arrived after the check: a race
    warnings = _stage(out, {"index.html": "two"}).publish()
    assert (out / "index.html").read_text(encoding="utf-8") == "two"
    assert (old / "assets" / "extra.css").read_text(encoding="utf-8") == "someone's"
    assert not (old / "index.html").exists() and not (old / "assets" / "a.css").exists()
    assert any("extra.css" in w for w in warnings)


def test_publishing_swaps_in_one_step(tmp_path: Path):
    out = tmp_path / "site"
    _stage(out, {"index.html": "0"}).publish()
    missing, stop = [], threading.Event()

    def watch():
        while not stop.is_set():
            if not (out / "index.html").is_file():
                missing.append(True)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for n in range(1, 30):
            _stage(out, {"index.html": str(n), "figures/f.svg": "<svg/>" * n}).publish()
    finally:
        stop.set()
        watcher.join()
    assert missing == []
    assert (out / "index.html").read_text(encoding="utf-8") == "29"
    assert [p.name for p in release.versions_folder(out).iterdir()] == [release.current(out).name]


def test_what_killed_builds_left_is_cleared(tmp_path: Path):
    out = tmp_path / "site"
    _stage(out, {"index.html": "first"}).publish()
    killed = _stage(out, {"index.html": "half"})
    killed._release()  # the process that held it died
    busy = _stage(out, {"index.html": "in progress"})  # another build, still assembling
    legacy = [tmp_path / ".site.tmp-abc123", tmp_path / ".site.old-4242"]  # the two-rename publisher's leftovers
    for folder in legacy:
        (folder / "assets").mkdir(parents=True)
        (folder / "index.html").write_text("old", encoding="utf-8")
    other = tmp_path / ".something-else"
    other.mkdir()
    _stage(out, {"index.html": "second"}).publish()
    assert not killed.path.exists() and busy.path.exists()
    assert not any(folder.exists() for folder in legacy)
    assert other.exists()
    busy.discard()


def test_nothing_changed_notices_a_deleted_page(tmp_path: Path):
    out, cache = tmp_path / "site", tmp_path / "cache"
    _stage(out, {"index.html": "x", "02-timeline.html": "y"}).publish()
    fingerprint.remember(cache, out, "key")
    assert fingerprint.up_to_date(cache, out, "key")
    (out / "02-timeline.html").unlink()
    assert not fingerprint.up_to_date(cache, out, "key")


@pytest.mark.parametrize("kind", ["file", "foreign link"])
def test_out_that_is_a_file_or_a_foreign_link_is_refused(tmp_path: Path, kind: str):
    out = tmp_path / "site"
    if kind == "file":
        out.write_text("a file", encoding="utf-8")
    else:
        (tmp_path / "elsewhere").mkdir()
        os.symlink(tmp_path / "elsewhere", out)
    with pytest.raises(release.ReleaseError):
        release.check(out)
