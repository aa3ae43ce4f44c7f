"""How the whole report grows with its events: build time and page sizes at 1k, 10k and 50k events.

    python bench/bench_scale.py              # 1,000, 10,000 and 50,000 events
    python bench/bench_scale.py 2000         # one size

A copy of data/ gets synthetic events appended to events.csv (made up here, never published:
dates from February 2022 to August 2023, the report's places, types and statuses, each citing
a real source), and the report is built from it into a scratch folder with a scratch cache. The
real data/, figures/, .cache/ and site/ are not touched. Printed as a table with the machine
named; nothing is asserted.
"""

from __future__ import annotations

import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import machine  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1_000, 10_000, 50_000)
TYPES = ("drone-attack", "shelling", "cross-border-raid", "missile-strike", "evacuation", "sabotage")
STATUSES = ("confirmed", "claimed", "disputed", "denied")


def with_events(data: Path, n: int, seed: int = 11) -> int:
    """Append events to ``data/events.csv`` until it holds ``n`` rows; return how many were added."""
    rng = random.Random(seed)
    path = data / "events.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(data / "places.csv", encoding="utf-8", newline="") as f:
        places = [r["place_id"] for r in csv.DictReader(f) if r["country"] == "RU"]
    with open(data / "sources.csv", encoding="utf-8", newline="") as f:
        sources = [r["source_id"] for r in csv.DictReader(f) if r["source_id"] != "sun-2023-06-article"]
    fields = list(rows[0])
    added = max(0, n - len(rows))
    for i in range(added):
        day = 1 + rng.randrange(550)  # February 2022 to August 2023
        date = time.strftime("%Y-%m-%d", time.gmtime(1645660800 + day * 86400))
        status = rng.choice(STATUSES)
        row = dict.fromkeys(fields, "")
        row.update(event_id=f"{date}-synthetic-{i}", date=date, date_precision="day", event_type=rng.choice(TYPES),
                   actor="Synthetic actor", place_id=rng.choice(places), status=status,
                   summary_en=f"Synthetic event {i}, made up for the benchmark.",
                   claimed_by="" if status == "confirmed" else "Synthetic claimant",
                   source_ids=rng.choice(sources))
        rows.append(row)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return added


def measure(n: int) -> dict:
    """Build the report with ``n`` events; return the time and the sizes of what it published."""
    scratch = Path(tempfile.mkdtemp(prefix="fissures-scale-"))
    try:
        data = scratch / "data"
        shutil.copytree(ROOT / "data", data)
        with_events(data, n)
        env = dict(os.environ, FISSURES_DATA=str(data), FISSURES_FIGURES=str(scratch / "figures"),
                   FISSURES_CACHE=str(scratch / "cache"))
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "build.py", "--force", "--out", str(scratch / "site")], cwd=ROOT,
                              env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"bench: the build with {n} events failed:\n{done.stderr[-3000:]}")
        site = scratch / "site"
        chapters = {p.name: p.stat().st_size for p in site.glob("[0-9]*.html")}
        figures = {p.name: p.stat().st_size for p in (site / "figures").iterdir()}
        return {"n": n, "seconds": seconds, "largest_chapter": max(chapters.items(), key=lambda kv: kv[1]),
                "chapters_total": sum(chapters.values()),
                "largest_figure": max(figures.items(), key=lambda kv: kv[1]),
                "site": sum(p.stat().st_size for p in site.rglob("*") if p.is_file())}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str]) -> int:
    sizes = tuple(int(a) for a in argv) or SIZES
    print(f"machine: {machine()}")
    print("| events | clean build | largest chapter page | all chapter pages | largest figure file | whole site |")
    print("| ---: | ---: | --- | ---: | --- | ---: |")
    for n in sizes:
        r = measure(n)
        page, figure = r["largest_chapter"], r["largest_figure"]
        print(f"| {n:,} | {r['seconds']:.1f} s | {page[0]} {page[1] / 1e3:,.0f} KB | {r['chapters_total'] / 1e3:,.0f} KB "
              f"| {figure[0]} {figure[1] / 1e6:.1f} MB | {r['site'] / 1e6:.1f} MB |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
