"""The reader pages (data, annotated article, method) and their downloads, on the fixture evidence: no browser."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from fissures import evidence, formats
from fissures.publish import pages
from fissures.publish.export import Chapter

HOSTILE = "<script>alert(1)</script>"
HOSTILE_ATTR = '"><img src=x onerror=alert(2)>'
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


CHAPTERS = [Chapter("01-the-argument", "The argument", "", ""),
            Chapter("05-claims-and-evidence", "Claims & evidence", "", "")]


class Outline(HTMLParser):
    """Headings, ids, landmarks and the text of a page."""

    def __init__(self):
        super().__init__()
        self.headings: list[int] = []
        self.ids: list[str] = []
        self.tags: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if attrs.get("href"):
            self.hrefs.append(attrs["href"])


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def _write(out: Path, ev: evidence.Evidence, data_dir: Path) -> list[str]:
    return pages.write_pages(out, ev, CHAPTERS, data_dir=data_dir)


@pytest.fixture
def ev(data_dir: Path) -> evidence.Evidence:
    return evidence.load(data_dir)


@pytest.fixture
def built(tmp_path: Path, data_dir: Path, ev: evidence.Evidence) -> tuple[Path, list[str], evidence.Evidence]:
    out = tmp_path / "site"
    return out, _write(out, ev, data_dir), ev


def test_files_written_and_csvs_copied_byte_for_byte(built, data_dir: Path):
    out, written, ev = built
    for name in ("data.html", "article.html", "about.html", "data/datapackage.json", "data/places.geojson",
                 "data/events.geojson"):
        assert name in written
    for name in written:
        assert (out / name).is_file(), name
    for resource in ev.descriptor["resources"]:
        assert (out / "data" / resource["path"]).read_bytes() == (data_dir / resource["path"]).read_bytes()
    assert (out / "data" / "datapackage.json").read_bytes() == (data_dir / "datapackage.json").read_bytes()


@pytest.mark.parametrize("name", ["data.html", "article.html", "about.html"])
def test_page_shell(built, name: str):
    out, _, _ = built
    html = (out / name).read_text(encoding="utf-8")
    found = outline(html)
    assert found.tags.count("main") == 1 and found.tags.count("h1") == 1
    assert found.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(found.headings, found.headings[1:])), found.headings
    assert 'class="skip-link" href="#content"' in html and 'id="content"' in html
    assert f'href="{name}" aria-current="page"' in html
    assert 'class="site-footer"' in html
    assert len(found.ids) == len(set(found.ids)), "ids must be unique"
    for href in found.hrefs:
        if href.startswith("#"):
            assert href[1:] in found.ids, f"{name}: {href} points nowhere"


def test_every_paragraph_in_order_with_role(built):
    out, _, ev = built
    html = (out / "article.html").read_text(encoding="utf-8")
    positions = [html.index(f'id="{p}"') for p in ev.paragraphs["paragraph"]]
    assert len(positions) == len(ev.paragraphs) == 68
    assert positions == sorted(positions)
    assert 'role-caption" id="p5"' in html and "Photo caption" in html
    assert html.count("No claim coded in this paragraph.") == len(ev.paragraphs) - ev.claims["paragraph"].nunique()
    assert "byte for byte" in html and "machine translation" in html


def test_claims_are_marked_linked_and_coloured(built):
    out, _, ev = built
    html = (out / "article.html").read_text(encoding="utf-8")
    for claim_id, claim in ev.claims.iterrows():
        assert f'<mark class="claim status-{claim.status}" id="claim-{claim_id}">' in html
        for source_id in evidence.split_ids(claim.source_ids):
            assert f'href="sources.html#src-{source_id}"' in html
    assert 'href="05-claims-and-evidence.html"' in html
    for status in pages.STATUS_ORDER:  # the legend
        assert f'<mark class="claim status-{status}">{status}</mark>' in html


def test_hostile_strings_are_escaped_everywhere(tmp_path: Path, data_dir: Path, ev: evidence.Evidence):
    ev.claims.loc["c01", "note"] = HOSTILE
    ev.claims.loc["c02", "quote_en"] = HOSTILE_ATTR
    ev.people.loc["the-sun", "name"] = "</script><b>x</b>"
    out = tmp_path / "site"
    _write(out, ev, data_dir)
    html = (out / "article.html").read_text(encoding="utf-8")
    for raw in (HOSTILE, HOSTILE_ATTR, "<b>x</b>", "</script><b>"):
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    graph = json.loads(JSONLD.search(html).group(1))["@graph"]
    by_url = {item["url"]: item for item in graph}
    assert by_url["article.html#claim-c01"]["reviewRating"]["ratingExplanation"] == HOSTILE
    assert by_url["article.html#claim-c02"]["claimReviewed"] == HOSTILE_ATTR


def test_highlight_escapes_text_and_quote():
    marked, ids = pages.highlight("a <b> & c", [{"claim_id": "x1", "quote_fr": "<b> &", "status": "claimed"}])
    assert ids == {"x1"}
    assert str(marked).startswith('a <mark class="claim status-claimed" id="claim-x1">&lt;b&gt; &amp;</mark>')
    assert str(marked).endswith(" c")
    overlapping = [{"claim_id": "a", "quote_fr": "one two", "status": "confirmed"},
                   {"claim_id": "b", "quote_fr": "two three", "status": "opinion"}]
    _, ids = pages.highlight("one two three", overlapping)
    assert ids == {"a"}


def test_jsonld_has_one_claimreview_per_claim(built):
    out, _, ev = built
    html = (out / "article.html").read_text(encoding="utf-8")
    scripts = JSONLD.findall(html)
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["@context"] == "https://schema.org"
    reviews = data["@graph"]
    assert len(reviews) == len(ev.claims)
    article_url = ev.sources.loc[evidence.ARTICLE_SOURCE, "url"]
    for review, (claim_id, claim) in zip(reviews, ev.claims.iterrows()):
        assert review["@type"] == "ClaimReview"
        assert review["url"] == f"article.html#claim-{claim_id}"
        assert review["claimReviewed"] == claim.quote_en
        assert review["author"] == {"@type": "Organization", "name": "Fissures"}
        assert review["itemReviewed"]["@type"] == "Claim"
        assert review["itemReviewed"]["appearance"]["url"] == article_url
        assert review["itemReviewed"]["author"]["name"] == ev.people.loc[claim.speaker_id, "name"]
        assert review["reviewRating"]["alternateName"] == claim.status
    assert not re.search(r"[<>&]", scripts[0])


def test_geojson_one_feature_per_row_and_deterministic(tmp_path: Path, built, data_dir: Path):
    out, _, ev = built
    places = json.loads((out / "data" / "places.geojson").read_text(encoding="utf-8"))
    events = json.loads((out / "data" / "events.geojson").read_text(encoding="utf-8"))
    assert places["type"] == events["type"] == "FeatureCollection"
    assert [f["id"] for f in places["features"]] == list(ev.places.index)
    assert [f["id"] for f in events["features"]] == list(ev.events.index)
    shebekino = places["features"][0]
    assert shebekino["geometry"] == {"type": "Point", "coordinates": [36.92537, 50.41342]}
    assert shebekino["properties"]["geo_precision"] == 1 and shebekino["properties"]["geonames_id"] == 495112
    first = events["features"][0]
    assert first["properties"]["date"] == "2023-06-01" and first["properties"]["end_date"] is None
    assert first["properties"]["place_name"] == "Shebekino"
    assert first["geometry"]["coordinates"] == shebekino["geometry"]["coordinates"]
    assert set(first["properties"]) == set(ev.events.columns) | {"place_name"}
    for feature in events["features"]:
        for key in ("date", "end_date", "first_reported"):
            value = feature["properties"][key]
            assert value is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
    again = tmp_path / "again"
    _write(again, ev, data_dir)
    for name in ("places.geojson", "events.geojson"):
        assert (again / "data" / name).read_bytes() == (out / "data" / name).read_bytes()


def test_data_page_describes_every_resource(built):
    out, _, ev = built
    html = (out / "data.html").read_text(encoding="utf-8")
    for resource in ev.descriptor["resources"]:
        name = resource["name"]
        assert f'id="table-{name}"' in html and f'href="data/{name}.csv"' in html
        assert f"{len(ev.table(name))} row" in html
        for field in resource["schema"]["fields"]:
            assert f"<code>{field['name']}</code>" in html
    assert "<code>drone-attack</code>" in html  # an enum value
    assert "Creative Commons Attribution 4.0" in html
    assert html.count('class="table-wrap" role="region"') == len(ev.descriptor["resources"])


def test_about_page_as_of_and_method(built):
    out, _written, ev = built
    html = (out / "about.html").read_text(encoding="utf-8")
    latest = formats.date(ev.sources["date"].max())
    assert "Evidence as of 31 August 2023: events up to that day; sources published or, for undated " in html
    assert f"consulted up to {latest}" in html
    for words in ("confirmed", "claimed", "disputed", "denied", "opinion", "did not hold", "German point-of-view",
                  "Crimea", 'id="translation"', 'id="gaps"'):
        assert words in html
    assert "Claims &amp; evidence" in html  # chapter titles escaped
