"""Measure the build side by side in one run, on the report and on a synthetic book, with the machine named.

    python bench/bench_build.py                 # ours vs naive nbconvert (and Jupyter Book 1 if installed)
    pip install -r bench/requirements-peers.txt # to include Jupyter Book 1 in the comparison

For each book: the naive way (`jupyter nbconvert --execute --to html`, one notebook after the
other), our clean build (`build.py --force`), a rebuild with nothing changed, a rebuild after a
markdown-only edit, and the same three for Jupyter Book 1 when it is installed. For the report, also
which chapters re-execute when one data file changes, and the page weight. Printed as seconds and
ratios; nothing is asserted, and every file the bench touches is restored.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def machine() -> str:
    """The machine, named: CPU model, cores, Python."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def run(cmd: list[str], cwd: Path = ROOT) -> tuple[float, str]:
    """Run a command; return its wall time and its combined output."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return seconds, done.stdout + done.stderr


def synthetic_book(folder: Path, count: int = 6) -> list[Path]:
    """A book like the one the issue measures: pandas, two matplotlib figures and a folium map each."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(1, count + 1):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        cells = [
            nbformat.v4.new_markdown_cell(f"# Sample chapter {i}\n\nA synthetic chapter for the benchmark."),
            nbformat.v4.new_code_cell("import numpy as np, pandas as pd\nimport matplotlib\nmatplotlib.use('Agg')\n"
                                      "import matplotlib.pyplot as plt\nimport folium\n"
                                      f"rng = np.random.default_rng({i})\n"
                                      "df = pd.DataFrame({'x': rng.normal(size=2000), 'g': rng.integers(0, 8, 2000)})\n"
                                      "df.groupby('g').x.describe()"),
            nbformat.v4.new_markdown_cell("## Two figures"),
            nbformat.v4.new_code_cell("fig, ax = plt.subplots()\nax.hist(df.x, bins=40)\nplt.show()"),
            nbformat.v4.new_code_cell("fig, ax = plt.subplots()\nax.scatter(df.index, df.x, s=2)\nplt.show()"),
            nbformat.v4.new_markdown_cell("## A map"),
            nbformat.v4.new_code_cell("m = folium.Map(location=[50.4, 36.9], zoom_start=7, tiles=None)\n"
                                      "folium.CircleMarker([50.41, 36.92]).add_to(m)\nm"),
        ]
        for n, cell in enumerate(cells):
            cell["id"] = f"c{n}"
        nb.cells = cells
        path = folder / f"{i:02d}-sample.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def jupyter_book() -> str | None:
    """The jupyter-book command, if Jupyter Book 1 is installed (bench/requirements-peers.txt)."""
    found = shutil.which("jupyter-book", path=str(Path(PY).parent) + os.pathsep + os.environ.get("PATH", ""))
    return found


def book_folder(notebooks: list[Path], folder: Path) -> Path:
    """The notebooks laid out as a Jupyter Book 1 project, executing with its cache."""
    folder.mkdir(parents=True, exist_ok=True)
    for nb in notebooks:
        shutil.copyfile(nb, folder / nb.name)
    (folder / "_config.yml").write_text("title: Bench\nexecute:\n  execute_notebooks: cache\n  timeout: 600\n"
                                        "only_build_toc_files: true\n", encoding="utf-8")
    stems = [nb.stem for nb in notebooks]
    toc = f"format: jb-book\nroot: {stems[0]}\nchapters:\n" + "".join(f"- file: {s}\n" for s in stems[1:])
    (folder / "_toc.yml").write_text(toc, encoding="utf-8")
    return folder


def edit_markdown(path: Path) -> bytes:
    """Append a sentence to a notebook's first markdown cell; return the original bytes."""
    original = path.read_bytes()
    nb = nbformat.read(path, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "markdown")
    first.source += " An edit for the benchmark."
    nbformat.write(nb, path)
    return original


def measure(name: str, notebooks: list[Path], work: Path) -> dict[str, float]:
    """Every timing for one book."""
    results: dict[str, float] = {}
    folder = notebooks[0].parent
    naive = 0.0
    for nb in notebooks:
        naive += run([PY, "-m", "jupyter", "nbconvert", "--execute", "--to", "html",
                      "--output-dir", str(work / f"{name}-naive"), str(nb)])[0]
    results["naive"] = naive
    out = work / f"{name}-site"
    results["ours clean"] = run([PY, "build.py", "--force", "--notebooks", str(folder), "--out", str(out)])[0]
    results["ours no-op"] = run([PY, "build.py", "--notebooks", str(folder), "--out", str(out)])[0]
    original = edit_markdown(notebooks[-1])
    try:
        seconds, output = run([PY, "build.py", "--notebooks", str(folder), "--out", str(out)])
        results["ours markdown edit"] = seconds
        results["kernels started on markdown edit"] = output.count(" executed ")
    finally:
        notebooks[-1].write_bytes(original)
    command = jupyter_book()
    if command:
        book = book_folder(notebooks, work / f"{name}-book")
        results["jupyter-book clean"] = run([command, "build", str(book)])[0]
        results["jupyter-book no-op"] = run([command, "build", str(book)])[0]
        edit_markdown(book / notebooks[-1].name)
        results["jupyter-book markdown edit"] = run([command, "build", str(book)])[0]
    return results


def data_change(file: Path, work: Path) -> list[str]:
    """Which chapters re-execute when ``file`` changes (its bytes, not its meaning)."""
    original = file.read_bytes()
    out = work / "report-site"
    try:
        file.write_bytes(original + (b"\n" if file.suffix != ".csv" else b""))
        if file.suffix == ".csv":  # change one character of a free-text note
            text = original.decode("utf-8")
            file.write_text(text.replace("Brunel", "Brunel ", 1), encoding="utf-8")
        _, output = run([PY, "build.py", "--out", str(out)])
    finally:
        file.write_bytes(original)
    return re.findall(r"\] (\S+)\s+executed", output)


def weight(site: Path) -> None:
    pages = {p.name: p.stat().st_size for p in sorted(site.glob("*.html"))}
    chapters = [s for n, s in pages.items() if n[:2].isdigit()]
    assets = sum(p.stat().st_size for p in (site / "assets").rglob("*") if p.is_file())
    inline = max((len(m) for p in site.rglob("*.html")
                  for m in re.findall(r"<style[^>]*>(.*?)</style>", p.read_text(encoding="utf-8"), re.S)), default=0)
    print("page weight (HTML only; figures and maps are files of their own):")
    for name, size in pages.items():
        print(f"  {name:<36} {size / 1024:7.1f} KB")
    print(f"  median chapter page {statistics.median(chapters) / 1024:.1f} KB; shared assets (CSS, JS, base map) "
          f"{assets / 1024:.0f} KB; largest inline <style> {inline / 1024:.1f} KB")


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="fissures-bench-"))
    try:
        print(f"machine: {machine()}")
        books = {"report": sorted((ROOT / "notebooks").glob("*.ipynb"))}
        import importlib.util

        if importlib.util.find_spec("folium") is not None:  # the synthetic book draws a folium map per notebook
            books["synthetic"] = synthetic_book(work / "synthetic")
        else:
            print("(synthetic book skipped: it needs folium, pip install -r bench/requirements-peers.txt)")
        for name, notebooks in books.items():
            r = measure(name, notebooks, work)
            clean = r["ours clean"]
            print(f"\n{name} book, {len(notebooks)} notebooks")
            print(f"  {'naive nbconvert --execute, one by one':<40} {r['naive']:6.1f} s  1.00x naive")
            print(f"  {'ours, clean (--force)':<40} {clean:6.1f} s  {clean / r['naive']:.2f}x naive")
            print(f"  {'ours, nothing changed':<40} {r['ours no-op']:6.2f} s  {r['ours no-op'] / clean:.1%} of clean")
            print(f"  {'ours, one markdown edit':<40} {r['ours markdown edit']:6.2f} s  "
                  f"{r['ours markdown edit'] / clean:.1%} of clean, {r['kernels started on markdown edit']:.0f} kernels")
            if "jupyter-book clean" in r:
                jb = r["jupyter-book clean"]
                print(f"  {'Jupyter Book 1, clean':<40} {jb:6.1f} s  {jb / r['naive']:.2f}x naive "
                      f"(ours is {clean / jb:.2f}x of it)")
                print(f"  {'Jupyter Book 1, nothing changed':<40} {r['jupyter-book no-op']:6.2f} s")
                print(f"  {'Jupyter Book 1, one markdown edit':<40} {r['jupyter-book markdown edit']:6.2f} s")
            else:
                print("  (Jupyter Book 1 not installed: pip install -r bench/requirements-peers.txt)")
        for file in (ROOT / "data" / "geo" / "countries.geojson", ROOT / "data" / "people.csv"):
            print(f"\nchanging {file.relative_to(ROOT)} re-executes: {', '.join(data_change(file, work)) or 'nothing'}")
        weight(work / "report-site")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
