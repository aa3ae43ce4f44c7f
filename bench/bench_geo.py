"""How long a geodesic distance to the border takes: the first call (which densifies the border) and the next.

    python bench/bench_geo.py

Printed with the machine named; nothing is asserted (this was a timed assertion in tests/test_geo.py).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import machine  # noqa: E402

from fissures import geo  # noqa: E402

POINTS = {"Shebekino": (50.41342, 36.92537), "Moscow": (55.75204, 37.61781), "Kharkiv": (49.98177, 36.25475),
          "Simferopol": (44.95719, 34.11079), "Urals": (60.0, 50.0)}


def main() -> int:
    print(f"machine: {machine()}")
    start = time.perf_counter()
    geo.distance_to_border_km(*POINTS["Shebekino"])
    first = time.perf_counter() - start
    times = []
    for _repeat in range(20):
        for point in POINTS.values():
            start = time.perf_counter()
            geo.distance_to_border_km(*point)
            times.append(time.perf_counter() - start)
    print(f"first call (densifies the border): {first * 1000:.0f} ms")
    print(f"each call after: median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms "
          f"({len(times)} calls)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
