"""How the explorer grows with its events: page and data size, first draw, and how smoothly a time window brushes.

    python bench/bench_maps.py                # 1,000, 10,000 and 100,000 synthetic events
    python bench/bench_maps.py 20000          # one size

The events are made up here (never published): the report's own explorer page, with its data
replaced by ``n`` events on 2,000 random places in the border region, dates in 2022-2023, the
report's types and statuses, each citing one of 200 sources. Each page is opened from a loopback
server with the site's assets in headless Chromium. Measured: the size of the page plus its data
(explore.html + explore-data.js; the shared assets load once for the whole site and are given
apart), the time from navigation to the explorer's first full draw (map, timeline, list), the
timeline redraws per second while a window is dragged across it (marks are painted once into an
offscreen canvas, so a redraw while brushing only copies it and draws the window), and the time to apply a
brushed window (map, list and counter). Printed with ratios to the smallest size and the machine
named; nothing is asserted.
"""

from __future__ import annotations

import datetime as dt
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

from fissures import assets, evidence, explorer, html  # noqa: E402
from fissures.publish.layout import page  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
PLACES, SOURCES = 2_000, 200


def synthetic(real: dict, n: int, seed: int = 7) -> dict:
    """The explorer's data with ``n`` made-up events in place of the report's."""
    rng = random.Random(seed)
    places = [{"id": f"p{i}", "name": f"Place {i}", "lat": round(rng.uniform(49.6, 51.6), 4),
               "lon": round(rng.uniform(34.0, 39.0), 4), "precision": 1, "region": rng.choice(["Belgorod Oblast",
                                                                                               "Kursk Oblast"])}
              for i in range(PLACES)]
    sources = [{"id": f"s{i}", "label": f"Synthetic {i}, 1 May 2023", "title": f"Source {i}", "url": ""}
               for i in range(SOURCES)]
    start = dt.date(2022, 1, 1)
    events = []
    for i in range(n):
        day = start + dt.timedelta(days=rng.randrange(730))
        status = rng.randrange(len(real["statuses"]))
        event = {"id": f"e{i}", "date": day.isoformat(), "when": f"{day.day} {day:%b %Y}",
                 "label": f"Event {i}", "type": rng.randrange(len(real["types"])), "status": status,
                 "place": rng.randrange(PLACES),
                 "summary": f"Synthetic event number {i}, made up for the benchmark.", "sources": [rng.randrange(SOURCES)]}
        if status:
            event["claimed_by"] = rng.choice(["Side A", "Side B"])
        events.append(event)
    events.sort(key=lambda e: e["date"])
    months = explorer.months(start, start + dt.timedelta(days=730))
    return dict(real, events=events, places=places, sources=sources, chapters=[], calendar={"months": months},
                bbox=[[49.4, 33.8], [51.8, 39.2]])


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def measure(tab, url: str) -> dict:
    tab.goto(url)
    tab.wait_for_function("window.fissuresExplorerReady !== undefined", timeout=120_000)
    first = tab.evaluate("window.fissuresExplorerReady") / 1000
    # Dragging a window: the timeline redraws on every pointer move; 60 moves, as fast as it can.
    fps = tab.evaluate("""() => {
        const ex = window.fissuresExplorer, t0 = performance.now();
        for (let i = 0; i < 60; i++) { ex.brush = [ex.min + i * 86400000, ex.min + (i + 30) * 86400000]; ex.draw(); }
        ex.brush = null;
        return 60 / ((performance.now() - t0) / 1000);
    }""")
    apply = tab.evaluate("""() => {
        const ex = window.fissuresExplorer, t0 = performance.now();
        ex.state.from = '2023-05-01'; ex.state.to = '2023-06-30'; ex.apply(true);
        return (performance.now() - t0) / 1000;
    }""")
    return {"first": first, "fps": fps, "apply": apply}


def main(sizes=SIZES) -> int:
    from playwright.sync_api import sync_playwright

    ev = evidence.load()
    real = explorer.data(ev, [])
    root = Path(tempfile.mkdtemp(prefix="fissures-bench-explorer-"))
    try:
        for rel, blob in assets.files().items():
            (root / "assets" / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / "assets" / rel).write_bytes(blob)
        explorer.write(root, ev, [], page("explore.html"))
        shared = sum(len(b) for b in assets.files().values())
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{httpd.server_address[1]}"
        rows = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for n in sizes:
                data = "window.FISSURES_EXPLORE=" + html.script_json(synthetic(real, n)) + ";\n"
                (root / "explore-data.js").write_text(data, encoding="utf-8")
                size = (root / "explore.html").stat().st_size + (root / "explore-data.js").stat().st_size
                runs = []
                for _ in range(3):
                    tab = browser.new_page(viewport={"width": 1280, "height": 900})
                    tab.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else r.abort())
                    runs.append(measure(tab, f"{url}/explore.html"))
                    tab.close()
                best = {k: (max if k == "fps" else min)(r[k] for r in runs) for k in runs[0]}
                rows.append((n, size, best))
            browser.close()
        httpd.shutdown()
        print(f"machine: {machine()}")
        print(f"shared assets (Leaflet, the map and explorer scripts, the base map, the stylesheet; loaded once): "
              f"{shared / 1024:.0f} KB")
        print(f"{'events':>8} {'page + data':>12} {'x':>6} {'first draw':>11} {'x':>6} {'brush':>9} {'apply window':>13}")
        base = rows[0]
        for n, size, r in rows:
            print(f"{n:>8} {size / 1024:>9.0f} KB {size / base[1]:>5.1f}x {r['first']:>9.2f} s {r['first'] / base[2]['first']:>5.1f}x"
                  f" {r['fps']:>7.0f} redraws/s {r['apply']:>10.2f} s")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(tuple(int(a) for a in sys.argv[1:]) or SIZES))
