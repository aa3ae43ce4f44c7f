"""The built site in a real browser: pages load with no script errors, nothing leaves the machine,
and phone widths do not scroll sideways. Screenshots go to tests/screenshots/ for a person to look at.

Uses Playwright's own Chromium if installed, else Debian's /usr/bin/chromium; skips with the reason
when there is neither, except under FISSURES_REQUIRE_BROWSER=1 (CI), where that is a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from fissures import paths

SITE = paths.SITE
SHOTS = Path(__file__).resolve().parent / "screenshots"
DEBIAN_CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
WIDTHS = {"desktop": 1280, "phone": 390}


def _unavailable(reason: str):
    if os.environ.get("FISSURES_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required here (FISSURES_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium: Playwright's own if installed, else Debian's."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    with sync_playwright() as p:
        try:
            instance = p.chromium.launch(headless=True, args=ARGS)
        except Error:
            if not (shutil.which("chromium") or os.path.exists(DEBIAN_CHROMIUM)):
                _unavailable("no Chromium found: neither Playwright's browser nor Debian's /usr/bin/chromium "
                             "(apt-get install chromium)")
            instance = p.chromium.launch(headless=True, args=ARGS,
                                         executable_path=shutil.which("chromium") or DEBIAN_CHROMIUM)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def server():
    """The built site/ on a loopback port."""
    if not (SITE / "index.html").exists():
        _unavailable("site/ is not built; run `python build.py` first")
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def pages() -> list[str]:
    """Every page of both editions (the French ones under fr/)."""
    if not SITE.exists():
        return ["index.html"]
    return sorted(p.name for p in SITE.glob("*.html")) + sorted(f"fr/{p.name}" for p in (SITE / "fr").glob("*.html"))


SHOT_HEIGHT = 12_000  # px: a taller full-page capture fails in headless Chromium without a GPU


def _shot(page, path: Path) -> None:
    """A screenshot of the page from its top, as tall as Chromium can capture."""
    width, height = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    page.screenshot(path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": width,
                                                          "height": min(height, SHOT_HEIGHT)})


def open_page(browser, server: str, name: str, width: int):
    """Open a page with every request that leaves the test server blocked; collect errors."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    def route(r):
        if r.request.url.startswith(server):
            return r.continue_()
        outside.append(r.request.url)
        return r.abort()

    page.route("**/*", route)
    page.goto(f"{server}/{name}", wait_until="load")
    # Scroll through once so lazy images load before any screenshot.
    page.evaluate("""async () => {
        for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
            window.scrollTo(0, y); await new Promise(r => setTimeout(r, 30));
        }
        window.scrollTo(0, 0);
    }""")
    page.wait_for_load_state("load")
    return context, page, errors, outside


@pytest.mark.parametrize("name", pages())
def test_page_loads_offline_without_errors_and_passes_axe(browser, server, name):
    context, page, errors, outside = open_page(browser, server, name, WIDTHS["desktop"])
    try:
        assert page.title(), f"{name} has no title"
        assert page.locator("main").count() == 1
        assert _only_blocked_loads(errors) == [], f"{name}: {errors}"
        assert outside == [], f"{name} requested outside resources: {outside}"
        SHOTS.mkdir(exist_ok=True)
        _shot(page, SHOTS / f"{name.replace('/', '-').removesuffix('.html')}-desktop.png")
        assert _axe(page) == [], name
    finally:
        context.close()


@pytest.mark.parametrize("name", pages())
def test_phone_width_does_not_scroll_sideways(browser, server, name):
    context, page, errors, _ = open_page(browser, server, name, WIDTHS["phone"])
    try:
        scroll, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        SHOTS.mkdir(exist_ok=True)
        _shot(page, SHOTS / f"{name.replace('/', '-').removesuffix('.html')}-phone.png")
        assert scroll <= viewport, f"{name} is {scroll} px wide at a {viewport} px viewport"
    finally:
        context.close()


def test_code_is_folded_and_opens_by_keyboard(browser, server):
    chapter = next((p for p in pages() if p[:2].isdigit()), None)
    if chapter is None:
        pytest.skip("no chapter page built")
    context, page, _, _ = open_page(browser, server, chapter, WIDTHS["desktop"])
    try:
        toggle = page.locator("details.code-toggle").first
        assert toggle.get_attribute("open") is None
        toggle.locator("summary").focus()
        page.keyboard.press("Enter")
        assert toggle.get_attribute("open") is not None
    finally:
        context.close()


def map_documents() -> list[str]:
    folder = SITE / "figures"  # both editions' map documents: figures/ and figures/fr/
    return sorted(p.relative_to(SITE).as_posix() for p in folder.rglob("*.html")) if folder.exists() else []


def _only_blocked_loads(errors: list[str]) -> list[str]:
    """Script errors and console errors, less the failed loads of tiles we blocked on purpose."""
    return [e for e in errors if "Failed to load resource" not in e]


def _map_data(name: str) -> dict:
    import json
    import re

    text = (SITE / name).read_text(encoding="utf-8")
    return json.loads(re.search(r'id="fissures-data">(.*?)</script>', text, re.S).group(1))


def _card_id(event_id: str) -> str:
    import re

    return "fm-event-" + re.sub(r"[^a-z0-9-]", "", event_id, flags=re.I)


def _inside(inner: dict, outer: dict) -> bool:
    return (inner["x"] >= outer["x"] - 1 and inner["y"] >= outer["y"] - 1
            and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1
            and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("name", map_documents())
def test_a_mouse_click_on_every_marker_opens_every_event(browser, server, name, width):
    """Click the centre of each marker, as a reader would: together they open every event of the map,
    and the panel that lists them lies inside the map's frame."""
    data = _map_data(name)
    context, page, errors, outside = open_page(browser, server, name, width)
    try:
        page.wait_for_function("window.fissuresMapReady !== undefined")
        assert _only_blocked_loads(errors) == [], f"{name}: {errors}"
        assert outside == [], outside
        assert page.locator(".leaflet-overlay-pane path").count() > 0, "no base layer drawn"
        opened: set[str] = set()
        markers = page.locator(".leaflet-marker-icon.fm-place")
        assert markers.count() == len(data["places"]), "one marker per place"
        for i in range(markers.count()):
            box = markers.nth(i).bounding_box()
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            panel = page.locator(".fm-sheet")
            panel.wait_for(state="visible")
            assert _inside(panel.bounding_box(), page.locator(".fm-frame").bounding_box()), "the panel leaves the frame"
            opened |= set(page.eval_on_selector_all(".fm-sheet .fm-card", "cards => cards.map(c => c.id)"))
            page.keyboard.press("Escape")
            panel.wait_for(state="hidden")
        assert opened == {_card_id(e["id"]) for e in data["events"]}
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{Path(name).stem}-map-{width}.png"))
    finally:
        context.close()


def test_border_map_names_russia_and_ukraine_and_its_controls_speak(browser, server):
    name = next((m for m in map_documents() if "border" in m), None)
    if name is None:
        pytest.skip("no border map built")
    data = _map_data(name)
    context, page, errors, _outside = open_page(browser, server, name, WIDTHS["desktop"])
    try:
        page.wait_for_function("window.fissuresMapReady !== undefined")
        shown = page.eval_on_selector_all(".fm-label-text", "ns => ns.filter(n => getComputedStyle(n).visibility "
                                          "=== 'visible').map(n => n.textContent)")
        assert {"Russia", "Ukraine", "Belgorod Oblast", "Belgorod", "Kharkiv"} <= set(shown), shown
        slider = page.locator("#fm-until")
        assert slider.get_attribute("aria-valuetext") == data["dates"][-1][1]  # a date in words, not "7"
        counter = page.locator(".fm-count")
        total = len(data["events"])
        assert counter.inner_text() == f"{total} of {total} events shown"
        page.locator(".fm-legend summary").click() if not page.locator(".fm-legend[open]").count() else None
        page.locator(".fm-legend input[type=checkbox]").first.uncheck()
        first_type = [e for e in data["events"] if e["type"] == 0]
        assert counter.inner_text() == f"{total - len(first_type)} of {total} events shown"
        # The keyboard: Enter on a marker moves focus into the panel, Escape closes it and returns focus.
        marker = page.locator(".leaflet-marker-icon.fm-place").first
        marker.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.classList.contains('fm-sheet-title')")
        page.keyboard.press("Escape")
        assert page.locator(".fm-sheet").is_hidden()
        assert page.evaluate("document.activeElement.classList.contains('fm-place')")
    finally:
        context.close()


def _explorer_event(page) -> tuple[str, str]:
    import json
    import re

    text = (SITE / "explore-data.js").read_text(encoding="utf-8")
    data = json.loads(re.sub(r"^window.FISSURES_EXPLORE=|;\s*$", "", text))
    event = next(e for e in data["events"] if e["id"] == "2023-05-22-belgorod-raid")
    return event["id"], event["summary"]


@pytest.mark.parametrize("over", ["http", "file"])
def test_explorer_link_opens_one_event(browser, server, over):
    if not (SITE / "explore.html").exists():
        pytest.skip("no explorer built")
    event_id, summary = _explorer_event(None)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    base = server if over == "http" else SITE.resolve().as_uri()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
    try:
        page.goto(f"{base}/explore.html#event={event_id}")
        page.wait_for_function("window.fissuresExplorerReady !== undefined")
        panel = page.locator("#ex-map .fm-sheet")
        panel.wait_for(state="visible")
        assert summary in panel.inner_text()
        assert page.locator(f".ex-item.ex-chosen[data-event='{event_id}']").count() == 1
        assert errors == []
    finally:
        context.close()


def test_explorer_filters_and_search_narrow_the_list_and_the_address_keeps_them(browser, server):
    if not (SITE / "explore.html").exists():
        pytest.skip("no explorer built")
    context, page, errors, outside = open_page(browser, server, "explore.html", WIDTHS["desktop"])
    try:
        page.wait_for_function("window.fissuresExplorerReady !== undefined")
        items = page.locator(".ex-list li")
        everything = items.count()
        page.fill("#ex-q", "Shebekino")
        narrowed = items.count()
        assert 0 < narrowed < everything
        assert "q=Shebekino" in page.evaluate("location.hash")
        page.locator(".ex-more-filters summary").click()
        page.locator(".ex-types input").first.uncheck()
        assert items.count() <= narrowed
        page.locator(".ex-reset").click()
        assert items.count() == everything
        page.goto(page.url.split("#")[0] + "#type=shelling")
        page.wait_for_timeout(200)
        shelling = page.eval_on_selector_all(".ex-list li .ex-meta", "ms => ms.map(m => m.textContent)")
        assert shelling and all("Shelling" in m for m in shelling)
        assert errors == [] and outside == []
        assert _axe(page, every_impact=True) == []
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "explore-filtered.png"))
    finally:
        context.close()


def chapter_pages() -> list[str]:
    return [p for p in pages() if p[:2].isdigit()]


@pytest.mark.parametrize("name", chapter_pages())
def test_figure_text_is_at_least_9_px_on_a_phone(browser, server, name):
    """The smallest text of every figure the page shows at 390 px, measured from the SVG it picked:
    font size x displayed width / viewBox width."""
    context, page, _errors, _outside = open_page(browser, server, name, WIDTHS["phone"])
    try:
        sizes = page.evaluate("""async () => {
            const out = [];
            for (const img of document.querySelectorAll('figure.fissures-figure img')) {
                img.scrollIntoView(); if (!img.complete || !img.currentSrc) await img.decode().catch(() => {});
                const svg = await (await fetch(img.currentSrc)).text();
                const box = svg.match(/viewBox="0 0 ([\\d.]+)/);
                const fonts = [...svg.matchAll(/font(?:-size)?:[^;"]*?([\\d.]+)px/g)].map(m => +m[1]);
                out.push([img.currentSrc.split('/').pop(), Math.min(...fonts) * img.getBoundingClientRect().width / +box[1]]);
            }
            return out;
        }""")
        assert sizes, f"{name} shows no figure"
        small = [(src, round(px, 2)) for src, px in sizes if px < 9]
        assert small == [], f"{name}: figure text under 9 CSS px at 390 px: {small}"
    finally:
        context.close()


class _Served:
    """A map document of the given evidence, with the site's assets, on a loopback port."""

    def __init__(self, tmp_path: Path, ev, title: str):
        from fissures import assets, maps

        root = tmp_path / "site"
        (root / "figures").mkdir(parents=True)
        for rel, blob in assets.files().items():
            (root / "assets" / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / "assets" / rel).write_bytes(blob)
        page = maps.document(maps.event_data(ev, ev.events), name="03-test", title=title, description="A test map.",
                             bbox=(34.5, 49.6, 38.5, 51.3))
        (root / "figures" / "map.html").write_text(page, encoding="utf-8")
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/figures/map.html"

    def close(self):
        self.httpd.shutdown()


def test_hostile_data_shows_as_text(browser, tmp_path):
    """A <script>, quotes and onerror= in every text field show as text in tooltips and popups."""
    from tests.conftest import make_data_dir
    from tests.test_maps import HOSTILE, hostile_evidence

    served = _Served(tmp_path, hostile_evidence(make_data_dir(tmp_path / "data")), HOSTILE)
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
    try:
        page.goto(served.url)
        marker = page.locator(".leaflet-marker-icon.fm-place").first
        marker.wait_for()
        assert HOSTILE in marker.get_attribute("title")
        page.wait_for_function("window.fissuresMapReady !== undefined")
        marker.focus()
        page.keyboard.press("Enter")
        panel = page.locator(".fm-sheet")
        panel.wait_for()
        assert HOSTILE in panel.inner_text()
        assert page.locator("img[src=x]").count() == 0 and page.title() == HOSTILE
        page.wait_for_timeout(200)
        assert dialogs == []
    finally:
        context.close()
        served.close()


def test_html_in_markdown_runs_nothing(browser, tmp_path):
    """Scripts, event handlers and javascript: links in a markdown cell are gone from the published markup."""
    from fissures.publish import export
    from tests.test_publish import PAYLOADS

    cell = {"cell_type": "markdown", "source": "\n\n".join(["# Payload", *PAYLOADS])}
    page = tmp_path / "payload.html"
    page.write_text("<!DOCTYPE html><html lang='en'><head><title>Payload</title></head><body><main>"
                    + export.markdown_cell(cell, export._markdown(set())) + "</main></body></html>", encoding="utf-8")
    context = browser.new_context()
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    try:
        tab.goto(page.as_uri())
        tab.get_by_text("click", exact=True).click()  # the javascript: link, now without its address
        tab.get_by_text("x", exact=True).click()  # the paragraph that had an onclick
        tab.wait_for_timeout(300)
        assert dialogs == []
        assert tab.evaluate("""() => [...document.querySelectorAll('*')].filter(e =>
            [...e.attributes].some(a => a.name.startsWith('on') || /javascript:/i.test(a.value))).length""") == 0
    finally:
        context.close()


def test_a_region_is_drawn_as_an_area_not_a_pin(browser, tmp_path):
    """The fixture's raid sits at a place of geo_precision 3: the map draws its area, dashed."""
    from fissures import evidence
    from tests.conftest import make_data_dir

    ev = evidence.load(make_data_dir(tmp_path / "data"))
    assert int(ev.places.loc["belgorod-oblast", "geo_precision"]) == 3
    served = _Served(tmp_path, ev, "Areas")
    context = browser.new_context()
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
    try:
        page.goto(served.url)
        page.wait_for_function("window.fissuresMapReady !== undefined")
        assert page.locator("path.fm-area").count() == 1  # one approximate place; Shebekino is exact
    finally:
        context.close()
        served.close()


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _axe(page, every_impact: bool = False) -> list[str]:
    """axe-core (bundled by axe-playwright-python) on the open page: its serious and critical violations
    (``every_impact``: all of them, minor and moderate too)."""
    from tests.axe import script as axe_script

    page.add_script_tag(content=axe_script())
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} node(s), e.g. {v['nodes'][0]['target']}"
            for v in result["violations"] if every_impact or v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("name", map_documents() + ["explore.html"])
def test_map_pages_pass_axe_with_no_violation_of_any_impact(browser, server, name):
    context, page, _errors, _outside = open_page(browser, server, name, WIDTHS["desktop"])
    try:
        page.wait_for_function("window.fissuresMapReady !== undefined")
        assert _axe(page, every_impact=True) == [], name
    finally:
        context.close()
