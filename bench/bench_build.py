"""Measure the build side by side in one run: naive nbconvert vs ours (clean, no-op), and page weight.

    python bench/bench_build.py            # prints a table of seconds, ratios and sizes

Nothing here is asserted: the numbers are for people (bench/README.md records them with the
machine they came from).
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def machine() -> str:
    """The machine, named: CPU model, cores, Python."""
    model = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def timed(cmd: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, **kwargs)
    return time.perf_counter() - start


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="fissures-bench-"))
    try:
        naive = 0.0
        for nb in NOTEBOOKS:
            naive += timed([sys.executable, "-m", "jupyter", "nbconvert", "--execute", "--to", "html",
                            "--output-dir", str(tmp / "naive"), str(nb)])
        out = tmp / "site"
        clean = timed([sys.executable, "build.py", "--force", "--out", str(out)])
        noop = timed([sys.executable, "build.py", "--out", str(out)])
        pages = sorted(out.glob("*.html"))
        sizes = {p.name: p.stat().st_size for p in pages}
        chapters = [s for n, s in sizes.items() if n[:2].isdigit()]
        assets = sum(p.stat().st_size for p in (out / "assets").rglob("*") if p.is_file())
        print(f"machine: {machine()}")
        print(f"notebooks: {len(NOTEBOOKS)}")
        print(f"{'naive nbconvert --execute, one by one':<44} {naive:7.1f} s   1.00x")
        print(f"{'python build.py --force (clean)':<44} {clean:7.1f} s   {clean / naive:.2f}x naive")
        print(f"{'python build.py (nothing changed)':<44} {noop:7.1f} s   {noop / clean:.1%} of clean")
        print("page weight (HTML only; figures are files):")
        for name, size in sizes.items():
            print(f"  {name:<36} {size / 1024:7.1f} KB")
        if chapters:
            print(f"  median chapter page: {statistics.median(chapters) / 1024:.1f} KB; shared assets: {assets / 1024:.1f} KB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
