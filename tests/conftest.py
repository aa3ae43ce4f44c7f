"""Shared fixtures: a small but complete copy of the evidence, and tiny notebooks to build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from fissures import paths

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_data_dir(target: Path) -> Path:
    """A data/ folder with the real schema and article, and the small fixture tables."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(paths.DATA / "datapackage.json", target / "datapackage.json")
    for csv in (FIXTURES / "data").glob("*.csv"):
        if not csv.name.startswith("article-"):
            shutil.copyfile(csv, target / csv.name)
    (target / "article").mkdir(exist_ok=True)
    shutil.copyfile(paths.ARTICLE / "article.fr.txt", target / "article" / "article.fr.txt")
    shutil.copyfile(FIXTURES / "data" / "article-metadata.json", target / "article" / "metadata.json")
    shutil.copyfile(FIXTURES / "data" / "article-paragraphs.csv", target / "article" / "paragraphs.csv")
    shutil.copyfile(FIXTURES / "data" / "article-slips.csv", target / "article" / "slips.csv")
    return target


def add_rows(data_dir: Path, table: str, rows: list[dict]) -> None:
    """Append rows (column -> value; missing columns empty) to one of a test data folder's CSV tables."""
    import csv
    import io

    path = data_dir / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    fields = next(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fields, lineterminator="\n")
    def french(field: str, row: dict) -> str:  # a test's row is translated by marking its English
        english = next((row[e] for e in (field[:-3] + "_en", field[:-3]) if row.get(e)), "")
        return "[fr] " + english if english else ""

    writer.writerows({f: row.get(f, french(f, row) if f.endswith("_fr") else "") for f in fields} for row in rows)
    path.write_text(text.rstrip("\n") + "\n" + out.getvalue(), encoding="utf-8")


def write_notebook(path: Path, *cells: tuple[str, str]) -> Path:
    """Write a notebook of ('md' | 'code', source) cells, without outputs."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for i, (kind, source) in enumerate(cells):
        cell = nbformat.v4.new_markdown_cell(source) if kind == "md" else nbformat.v4.new_code_cell(source)
        cell["id"] = f"cell-{i}"
        nb.cells.append(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A valid data/ folder in a temporary directory."""
    return make_data_dir(tmp_path / "data")


@pytest.fixture(scope="session")
def real_ev():
    """The report's own evidence (data/), loaded once for the whole run."""
    from fissures import evidence

    return evidence.load()


def start_cli(folders: dict, *args: str) -> subprocess.Popen:
    """``python build.py`` on the folders of a test book (notebooks, out, cache, figures, data), in a session
    of its own, as a terminal runs it."""
    env = dict(os.environ, FISSURES_CACHE=str(folders["cache"]), FISSURES_FIGURES=str(folders["figures"]),
               FISSURES_DATA=str(folders["data"]))
    return subprocess.Popen([sys.executable, "build.py", "--notebooks", str(folders["notebooks"]), "--out",
                             str(folders["out"]), *args], cwd=paths.ROOT, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
