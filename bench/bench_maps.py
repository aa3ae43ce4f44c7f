"""How a map page grows with its events: page size and time to draw in headless Chromium.

    python bench/bench_maps.py            # 100, 1,000 and 10,000 synthetic events

The events are generated here (never published): random points in the border region, dates in
2022-2023, the report's types and statuses. Each map is built by the same code as the report's
(fissures.maps.document) and opened from a loopback server with the report's assets. Printed as a
table with the ratios to the 100-event page, with the machine named; nothing is asserted.
"""

from __future__ import annotations

import functools
import http.server
import random
import shutil
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import machine  # noqa: E402

from fissures import maps, style  # noqa: E402

SIZES = (100, 1_000, 10_000)
TYPES = ("drone-attack", "shelling", "cross-border-raid", "missile-strike", "evacuation")


def synthetic(n: int, seed: int = 7) -> dict:
    """``n`` made-up events shaped like fissures.maps.event_data's output."""
    rng = random.Random(seed)
    sources = [{"id": f"s{i}", "publisher": "Synthetic", "title": f"Source {i}", "url": "https://example.org/"}
               for i in range(50)]
    features = []
    for i in range(n):
        status = rng.choice(style.STATUS_ORDER)
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [round(rng.uniform(34.5, 38.5), 4),
                                                                       round(rng.uniform(49.6, 51.3), 4)]},
                         "properties": {"id": f"e{i}", "date": f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                        "type": rng.choice(TYPES), "status": status,
                                        **({} if status == "confirmed" else {"claimed_by": "Synthetic side"}),
                                        "summary": f"Synthetic event number {i} for the benchmark.",
                                        "place": f"Place {i % 300}", "sources": [rng.randrange(50)]}})
    return {"events": {"type": "FeatureCollection", "features": features}, "sources": sources, "places": [],
            "types": [{"id": t, "label": style.event_label(t), "colour": style.event_colour(t)} for t in TYPES],
            "statuses": [{"id": s, "label": style.STATUS_STYLE[s]["label"]} for s in style.STATUS_ORDER],
            "radius_km": {str(k): v for k, v in maps.AREA_RADIUS_KM.items()}, "cluster_above": maps.CLUSTER_ABOVE}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> int:
    from playwright.sync_api import sync_playwright

    root = Path(tempfile.mkdtemp(prefix="fissures-bench-maps-"))
    try:
        for rel, blob in maps.asset_files().items():
            (root / "assets" / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / "assets" / rel).write_bytes(blob)
        (root / "figures").mkdir()
        for n in SIZES:
            page = maps.document(synthetic(n), title=f"{n} events", bbox=(34.5, 49.6, 38.5, 51.3))
            (root / "figures" / f"map-{n}.html").write_text(page, encoding="utf-8")
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{httpd.server_address[1]}"
        rows = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for n in SIZES:
                times = []
                for _ in range(3):
                    tab = browser.new_page(viewport={"width": 1280, "height": 800})
                    tab.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else r.abort())
                    tab.goto(f"{url}/figures/map-{n}.html")
                    tab.wait_for_function("window.fissuresMapReady !== undefined", timeout=60_000)
                    times.append(tab.evaluate("window.fissuresMapReady") / 1000)
                    tab.close()
                size = (root / "figures" / f"map-{n}.html").stat().st_size
                rows.append((n, size, min(times)))
            browser.close()
        httpd.shutdown()
        assets = sum(len(b) for b in maps.asset_files().values())
        print(f"machine: {machine()}")
        print(f"shared map assets (loaded once, cached): {assets / 1024:.0f} KB")
        print(f"{'events':>8} {'page':>10} {'x100':>7} {'drawn in':>10} {'x100':>7}")
        base_size, base_time = rows[0][1], rows[0][2]
        for n, size, seconds in rows:
            print(f"{n:>8} {size / 1024:>8.0f} KB {size / base_size:>6.1f}x {seconds:>8.2f} s {seconds / base_time:>6.1f}x")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
