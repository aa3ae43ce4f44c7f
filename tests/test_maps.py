"""Interactive maps and the explorer: offline assets, reproducible bytes, one marker per point, and data
that can never become markup."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fissures import assets, evidence, explorer, geo, maps

HOSTILE = '<script>alert(1)</script></script><img src=x onerror=alert(2)>"\'&'
BBOX = (34.5, 49.6, 38.5, 51.3)


def hostile_evidence(data_dir: Path) -> evidence.Evidence:
    """The fixture evidence with a hostile string in every free-text field a map shows."""
    ev = evidence.load(data_dir)
    for frame, columns in ((ev.events, ["summary_en", "claimed_by", "actor"]), (ev.places, ["name_en"]),
                           (ev.sources, ["publisher", "title"])):
        for column in columns:
            frame[column] = HOSTILE
    return ev


def document(ev, title="T", **kwargs) -> str:
    return maps.document(maps.event_data(ev, ev.events), name="03-test", title=title, description="D", bbox=BBOX,
                         **kwargs)


def test_document_loads_nothing_from_outside(data_dir):
    page = document(evidence.load(data_dir))
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    local = [s for s in sources if not s.startswith(("../", "data:"))]
    assert sources and local == [], local
    assert all(s.startswith(("../assets/", "../index.html", "../sources.html", "data:")) for s in sources), sources
    assert not re.search(r"cdn|jquery|bootstrap|fontawesome", page, re.I)
    assert "user-scalable=no" not in page and '<html lang="en">' in page


def test_map_page_has_a_title_a_heading_a_main_and_a_way_back(data_dir, monkeypatch):
    monkeypatch.setenv("FISSURES_CHAPTER", "03-the-border")
    page = document(evidence.load(data_dir), title="Events at the border")
    assert "<title>Events at the border</title>" in page and "<h1>Events at the border</h1>" in page
    assert page.count("<main>") == 1 and 'role="region"' in page
    assert 'href="../03-the-border.html#map-03-test"' in page and "Back to the chapter" in page


def test_document_is_reproducible(data_dir):
    ev = evidence.load(data_dir)
    assert document(ev) == document(ev)
    assert not re.search(r"[0-9a-f]{32}", document(ev)), "a random id is left in the page"


def test_hostile_text_stays_inside_the_json_block(data_dir):
    page = document(hostile_evidence(data_dir), title=HOSTILE)
    assert "<script>alert" not in page and "<img src=x" not in page
    block = re.search(r'<script type="application/json" id="fissures-data">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)
    assert data["events"][0]["summary"] == HOSTILE
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the title, escaped for HTML


def test_event_data_carries_sources_dates_in_words_and_precision(data_dir):
    ev = evidence.load(data_dir)
    data = maps.event_data(ev, ev.events)
    raid = next(e for e in data["events"] if e["id"] == "2023-05-22-belgorod-raid")
    place = data["places"][raid["place"]]
    assert raid["status"] == data["statuses"].index(next(s for s in data["statuses"] if s["id"] == "claimed"))
    assert raid["end"] == "2023-05-23" and raid["when"] == "22–23 May 2023"
    assert place["approximate"].startswith("approximate location (within ") and place["radius_km"] > 0
    assert [data["sources"][i]["id"] for i in raid["sources"]] == ["fixture-news"]
    assert data["sources"][0]["label"] and "geo-precision" not in json.dumps(data)


def test_places_at_one_point_share_one_marker(real_ev):
    """Shebekino and Shebekinsky urban district share coordinates: one site, each event keeps its place's name."""
    events = real_ev.events[real_ev.events["place_id"].isin(["shebekino", "shebekinsky-district"])]
    data = maps.event_data(real_ev, events)
    assert len(data["places"]) == 1 and data["places"][0]["also"]
    names = {e.get("at", data["places"][e["place"]]["name"]) for e in data["events"]}
    assert names == {"Shebekino", "Shebekinsky urban district"}
    assert {e["place"] for e in data["events"]} == {0}


@pytest.mark.parametrize("name, bbox, message", [
    ("map", BBOX, "is not '<two-digit chapter>-<lowercase slug>'"),
    ("03-map", (38.5, 49.6, 34.5, 51.3), "is not (west, south, east, north)"),
    ("03-map", (34.5, 95, 38.5, 99), "is not (west, south, east, north)"),
])
def test_bad_map_arguments_are_named(data_dir, tmp_path, name, bbox, message):
    ev = evidence.load(data_dir)
    with pytest.raises(ValueError, match=re.escape(message)):
        maps.save(ev, name, ev.events, title="T", description="D", bbox=bbox, folder=tmp_path)


def test_assets_come_from_the_packages_and_the_project():
    files = assets.files()
    assert b"Leaflet 1.9.3" in files["leaflet/leaflet.js"]
    assert {"map/fissures-map.js", "map/fissures-explore.js", "fissures-base.js", "site.css"} <= set(files)
    assert not any("markercluster" in f for f in files)
    assert sum(len(b) for b in files.values()) < 1_000_000


def test_base_layers_name_countries_regions_and_cities():
    base = assets.base_layers()
    kinds = {(f["properties"]["kind"], f["properties"]["name"]) for f in base["labels"]["features"]}
    assert {("country", "Russia"), ("country", "Ukraine"), ("country", "Belarus")} <= kinds
    assert {("region", "Belgorod Oblast"), ("city", "Kharkiv"), ("city", "Moscow"), ("city", "Kursk")} <= kinds
    assert len(set(base["colours"]["countries"].values())) == 3  # Russia, Ukraine and Belarus told apart
    assert geo.COUNTRY_LABEL_SPOTS.keys() == {"RU", "UA", "BY"}


def test_describe_counts_what_the_map_draws(data_dir):
    ev = evidence.load(data_dir)
    text = maps.describe(ev.events)
    assert text.startswith("2 events, 22 May\u2009–\u20091 Jun 2023: 1 confirmed, 1 claimed")
    assert "who claims it: Freedom of Russia Legion" in text
    assert maps.describe(ev.events.iloc[0:0]) == "No events."


class _Chapter:  # what the explorer reads of a chapter: its page, title and the events it shows
    def __init__(self, name, title, events):
        self.name, self.title, self.events, self.href = name, title, events, f"{name}.html"


def test_explorer_data_links_events_to_their_chapters(data_dir):
    ev = evidence.load(data_dir)
    chapters = [_Chapter("03-the-border", "The border", ["2023-05-22-belgorod-raid"])]
    data = explorer.data(ev, chapters)
    raid = next(e for e in data["events"] if e["id"] == "2023-05-22-belgorod-raid")
    assert [data["chapters"][i]["href"] for i in raid["chapters"]] == ["03-the-border.html"]
    assert all("chapters" not in e for e in data["events"] if e["id"] != raid["id"])
    assert data["calendar"]["months"]["2023-05"] == "May 2023"
    (south, west), (north, east) = data["bbox"]
    assert all(south < p["lat"] < north and west < p["lon"] < east for p in data["places"])
    assert data["words"]["show_more"] == "Show {n} more"


def test_explorer_page_and_data_script(data_dir, tmp_path):
    from fissures.publish.layout import page

    written = explorer.write(tmp_path, hostile_evidence(data_dir), [], page("explore.html"))
    assert written == ["explore.html", "explore-data.js"]
    html = (tmp_path / "explore.html").read_text(encoding="utf-8")
    script = (tmp_path / "explore-data.js").read_text(encoding="utf-8")
    assert 'type="search"' in html and 'id="ex-map"' in html and "<h1>" in html
    assert script.startswith("window.FISSURES_EXPLORE=") and "<script" not in script and "<img" not in script
    assert json.loads(script[len("window.FISSURES_EXPLORE="):].rstrip(";\n"))["events"][0]["summary"] == HOSTILE
