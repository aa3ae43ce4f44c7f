"""fissures.staticmaps: helpers, selections, the map, its table and its words, on the fixture evidence."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from matplotlib.figure import Figure

from fissures import evidence, figures, staticmaps as sm

BBOX = (34.5, 49.6, 38.5, 51.3)


@pytest.fixture
def ev(data_dir):
    return evidence.load(data_dir)


# --- helpers ---------------------------------------------------------------------------------------


def test_check_bbox_and_aspect() -> None:
    assert sm.check_bbox(BBOX) == BBOX
    assert sm.map_aspect((0, -10, 10, 10)) == pytest.approx(1.0)
    assert sm.map_aspect((0, 59, 10, 61)) == pytest.approx(2.0, rel=1e-3)


@pytest.mark.parametrize("bbox", [(38.5, 49.6, 34.5, 51.3), (34.5, 51.3, 38.5, 49.6), (1, 2, 3), "abcd", (0, 0, 200, 1)])
def test_bad_bbox_raises(bbox) -> None:
    with pytest.raises(ValueError, match="bbox"):
        sm.check_bbox(bbox)


def test_event_date_labels_say_day_span_or_month(ev) -> None:
    events = ev.events
    assert sm._event_date_label(events.loc["2023-06-01-shebekino-shelling"]) == "1 Jun"
    assert sm._event_date_label(events.loc["2023-05-22-belgorod-raid"]) == "22–23 May"
    assert sm._event_date_label(events.loc["2023-05-22-belgorod-raid"], year=True) == "22–23 May 2023"


def test_nice_length_and_short_name() -> None:
    assert sm.nice_length(73.0) == 50
    assert sm.nice_length(260.0) == 250
    assert sm.nice_length(3.4) == 2.5
    with pytest.raises(ValueError, match="-1"):
        sm.nice_length(-1)
    assert sm.short_name("Engels (Engels-2 air base)") == "Engels"
    assert sm.short_name("Shebekino") == "Shebekino"


def test_label_spec() -> None:
    assert sm._label_spec("right") == {"name": "right", "events": "left", "text": None}
    assert sm._label_spec(None)["name"] is None
    assert sm._label_spec({"name": (3, 4), "text": "X"})["text"] == "X"
    for bad in ("diagonal", {"colour": "red"}, {"events": "above"}, 3):
        with pytest.raises(ValueError):
            sm._label_spec(bad)


# --- selections and tables ----------------------------------------------------------------------


def test_select_events(ev) -> None:
    both = sm.select_events(ev, "2023-05-20", "2023-06-06")
    assert list(both.index) == ["2023-05-22-belgorod-raid", "2023-06-01-shebekino-shelling"]
    # the raid ends on 23 May, so a window starting that day still catches it
    assert list(sm.select_events(ev, "2023-05-23", "2023-05-31").index) == ["2023-05-22-belgorod-raid"]
    assert sm.select_events(ev, "2023-05-20", "2023-06-06", exclude_types=["shelling"]).shape[0] == 1
    assert sm.select_events(ev, "2023-05-20", "2023-06-06", (30, 55, 31, 56)).empty
    with pytest.raises(ValueError, match="before start"):
        sm.select_events(ev, "2023-06-06", "2023-05-20")


def test_with_second_places(ev) -> None:
    out = sm.with_second_places(ev.events, {"2023-06-01-shebekino-shelling": ["belgorod-oblast"]})
    assert len(out) == len(ev.events) + 1
    assert set(out.loc["2023-06-01-shebekino-shelling", "place_id"]) == {"shebekino", "belgorod-oblast"}


# --- drawing -------------------------------------------------------------------------------------------


def test_draw_map_returns_a_figure(ev, tmp_path) -> None:
    events = sm.select_events(ev, "2023-05-20", "2023-06-06", BBOX)
    fig = sm.draw_map(ev, BBOX, title="Test map", places=["shebekino", "kharkiv"], events=events,
                      place_labels={"shebekino": {"name": "above", "events": "right"}}, regions=["belgorod-oblast"],
                      country_labels={"RU": (51.0, 37.5), "UA": (49.9, 35.0)},
                      rings=[(50.41342, 36.92537, 20)], distances=["shebekino"], to_border=["shebekino"])
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_xlim() == (BBOX[0], BBOX[2])
    assert ax.get_aspect() == pytest.approx(sm.map_aspect(BBOX))
    texts = [t.get_text() for t in ax.texts]
    assert "RUSSIA" in texts and "Belgorod Oblast" in texts and "1 Jun" in texts and "22–23 May" in texts
    assert any(t.startswith("Base map: Natural Earth") for t in texts)
    assert any(t.endswith(" km") for t in texts)  # scale bar
    assert any(t.endswith("km to\nthe border") for t in texts) and any("km from the border" in t for t in texts)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "shelling" in legend and "confirmed by independent sources" in legend and "Russia–Ukraine border" in legend
    figures.save(fig, "03-test-map", alt="A test map.", caption="Test.", source="Test.", folder=tmp_path)
    assert (tmp_path / "03-test-map.svg").stat().st_size < 300_000


def test_draw_map_rejects_bad_input(ev) -> None:
    events = ev.events.copy()
    events.loc["2023-06-01-shebekino-shelling", "status"] = "unheard-of"
    with pytest.raises(ValueError, match="'unheard-of'"):
        sm.draw_map(ev, BBOX, title="Bad", events=events)
    events = ev.events.copy()
    events.loc["2023-06-01-shebekino-shelling", "place_id"] = "atlantis"
    with pytest.raises(ValueError, match="'atlantis'"):
        sm.draw_map(ev, BBOX, title="Bad", events=events)
    with pytest.raises(ValueError, match="'nowhere'"):
        sm.draw_map(ev, BBOX, title="Bad", places=["nowhere"])
    with pytest.raises(ValueError, match="'e9'"):
        sm.draw_map(ev, BBOX, title="Bad", events=["e9"])
    with pytest.raises(ValueError, match="'atlantis-oblast'"):
        sm.draw_map(ev, BBOX, title="Bad", regions=["atlantis-oblast"])
    with pytest.raises(ValueError, match="title"):
        sm.draw_map(ev, BBOX, title=" ")
    with pytest.raises(ValueError, match="ring"):
        sm.draw_map(ev, BBOX, title="Bad", rings=[(50.0, 36.0)])


# --- Text twins: each description matches the table it describes --------------------------------


def _described_map(text: str) -> dict:
    """The counts a map's description gives, read back out of its words."""
    head, _sep, rest = text.partition(": ")
    kinds = re.search(r"By kind: ([^.]*)\.", text).group(1)
    places = re.search(r"By place: (.*)\.$", text).group(1)
    return {"events": int(re.match(r"(\d+) events?", head).group(1)),
            "status": {s: int(n) for n, s in re.findall(r"(?:^|, )(\d+) (confirmed|claimed|disputed|denied)\b",
                                                         rest.split(". By kind")[0])},
            "kinds": {k: int(n) for n, k in (p.split(" ", 1) for p in kinds.split(", "))},
            "places": {p: int(n) for p, n in (q.rsplit(" ", 1) for q in places.split(", "))}}


def test_map_description_matches_map_table(ev):
    table = sm.map_table(ev, ev.events, BBOX)
    text = sm.describe_map(table)
    said = _described_map(text)
    assert said["events"] == len(table) == 2
    assert said["status"] == {s: int(n) for s, n in table["status"].value_counts().items()}
    assert said["kinds"] == {k: int(n) for k, n in table["what"].value_counts().items()}
    assert said["places"] == {p: int(n) for p, n in table["place"].value_counts().items()}
    assert "in Belgorod Oblast between 22 May and 1 June 2023" in text
    assert "(who claims it: Freedom of Russia Legion" in text


def test_map_table_leaves_out_what_the_map_leaves_out(ev):
    far = (30.0, 44.0, 31.0, 45.0)  # nothing of the fixture lies here
    assert sm.map_table(ev, ev.events, far).empty
    assert sm.describe_map(sm.map_table(ev, ev.events, far)) == "The map marks no events."
    one = sm.map_table(ev, ["2023-06-01-shebekino-shelling"], BBOX)
    assert list(one["when"]) == ["1 Jun 2023"] and one.iloc[0]["claimed_by"] == ""
    assert sm.describe_map(one).startswith("1 event in Belgorod Oblast on 1 June 2023: 1 confirmed")


def test_map_table_joins_an_event_drawn_at_two_places(ev):
    twice = sm.with_second_places(ev.events, {"2023-06-01-shebekino-shelling": ("kharkiv",)})
    table = sm.map_table(ev, twice, BBOX)
    assert len(table) == 2
    assert table.set_index("event_id").loc["2023-06-01-shebekino-shelling", "place"] == "Shebekino; Kharkiv"
    assert "Belgorod Oblast and Kharkiv Oblast" in sm.describe_map(table)


def test_map_table_bad_input(ev):
    with pytest.raises(ValueError, match="'no-such-event'"):
        sm.map_table(ev, ["no-such-event"], BBOX)
    with pytest.raises(ValueError, match="'last_date'"):
        sm.describe_map(pd.DataFrame({"date": []}))


def test_alt_text_is_computed_from_the_rows(ev):
    table = sm.map_table(ev, ev.events, BBOX)
    assert sm.alt(table, "Test map") == ("Map: Test map. 2 events between 22 May and 1 June 2023, at Belgorod Oblast "
                                         "and Shebekino.")


def test_a_region_is_drawn_as_an_area_not_a_pin(ev) -> None:
    """A place of geo_precision 3 becomes a circle of the documented radius on the static map."""
    from matplotlib.patches import Polygon

    from fissures import geo

    place = ev.places.loc["belgorod-oblast"]
    assert int(place["geo_precision"]) == 3
    fig = sm.draw_map(ev, BBOX, title="Areas", places=["belgorod-oblast"], events=ev.events.loc[["2023-05-22-belgorod-raid"]])
    polygons = [p for p in fig.axes[0].patches if isinstance(p, Polygon) and len(p.get_xy()) > 40]
    radii = [max(geo.geodesic_distance_km(place["lat"], place["lon"], lat, lon) for lon, lat in poly.get_xy())
             for poly in polygons]
    assert any(abs(r - geo.PRECISION_RADIUS_KM[3]) < 0.5 for r in radii), radii
