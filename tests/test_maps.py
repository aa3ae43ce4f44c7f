"""Interactive maps: offline assets, reproducible bytes, and data that can never become markup."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fissures import evidence, maps

HOSTILE = '<script>alert(1)</script></script><img src=x onerror=alert(2)>"\'&'


def hostile_evidence(data_dir: Path) -> evidence.Evidence:
    """The fixture evidence with a hostile string in every free-text field a map shows."""
    ev = evidence.load(data_dir)
    for frame, columns in ((ev.events, ["summary_en", "claimed_by", "actor"]), (ev.places, ["name_en"]),
                           (ev.sources, ["publisher", "title"])):
        for column in columns:
            frame[column] = HOSTILE
    return ev


def test_document_loads_nothing_from_outside(data_dir):
    ev = evidence.load(data_dir)
    page = maps.document(maps.event_data(ev, ev.events), title="T", bbox=(34.5, 49.6, 38.5, 51.3))
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("../assets/") for s in sources), sources
    assert not re.search(r"cdn|jquery|bootstrap|fontawesome", page, re.I)
    assert "user-scalable=no" not in page and '<html lang="en">' in page


def test_document_is_reproducible(data_dir):
    ev = evidence.load(data_dir)
    data = maps.event_data(ev, ev.events)
    first = maps.document(data, title="T", bbox=(34.5, 49.6, 38.5, 51.3))
    assert first == maps.document(data, title="T", bbox=(34.5, 49.6, 38.5, 51.3))
    assert not re.search(r"[0-9a-f]{32}", first), "a random branca id is left in the page"


def test_hostile_text_stays_inside_the_json_block(data_dir):
    ev = hostile_evidence(data_dir)
    page = maps.document(maps.event_data(ev, ev.events), title=HOSTILE, bbox=(34.5, 49.6, 38.5, 51.3))
    assert "<script>alert" not in page and "<img src=x" not in page
    block = re.search(r'<script type="application/json" id="fissures-data">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)
    assert data["events"]["features"][0]["properties"]["summary"] == HOSTILE
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the title, escaped for HTML


def test_event_data_carries_sources_and_precision(data_dir):
    ev = evidence.load(data_dir)
    data = maps.event_data(ev, ev.events)
    props = {f["properties"]["id"]: f["properties"] for f in data["events"]["features"]}
    raid = props["2023-05-22-belgorod-raid"]
    assert raid["precision"] == 3 and raid["status"] == "claimed" and raid["end"] == "2023-05-23"
    assert [data["sources"][i]["id"] for i in raid["sources"]] == ["fixture-news"]


@pytest.mark.parametrize("name, bbox, message", [
    ("map", (34.5, 49.6, 38.5, 51.3), "is not '<two-digit chapter>-<lowercase slug>'"),
    ("03-map", (38.5, 49.6, 34.5, 51.3), "is not (west, south, east, north)"),
    ("03-map", (34.5, 95, 38.5, 99), "is not (west, south, east, north)"),
])
def test_bad_map_arguments_are_named(data_dir, tmp_path, name, bbox, message):
    ev = evidence.load(data_dir)
    with pytest.raises(ValueError, match=re.escape(message)):
        maps.save(ev, name, ev.events, title="T", description="D", bbox=bbox, folder=tmp_path)


def test_assets_come_from_the_packages():
    from fissures import assets

    files = assets.files()
    assert b"Leaflet 1.9.3" in files["leaflet/leaflet.js"]
    assert "markercluster/leaflet.markercluster.js" in files and "fissures-base.js" in files and "site.css" in files
    assert sum(len(b) for b in files.values()) < 1_000_000


def test_describe_counts_what_the_map_draws(data_dir):
    ev = evidence.load(data_dir)
    text = maps.describe(ev.events)
    assert text.startswith("2 events, 22 May\u2009–\u20091 Jun 2023: 1 confirmed, 1 claimed")
    assert "who claims it: Freedom of Russia Legion" in text
    assert maps.describe(ev.events.iloc[0:0]) == "No events."
