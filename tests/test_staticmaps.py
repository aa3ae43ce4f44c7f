"""fissures.staticmaps: helpers, tables and maps on the small fixture evidence and tiny frames."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest
from matplotlib.figure import Figure

from fissures import evidence, figures, staticmaps as sm

BBOX = (34.5, 49.6, 38.5, 51.3)


@pytest.fixture
def ev(data_dir):
    return evidence.load(data_dir)


def tiny_ev(status: str = "confirmed", place_id: str = "shebekino") -> SimpleNamespace:
    """An evidence-like object with one place and one event, built in the test."""
    places = pd.DataFrame(
        {"name_en": ["Shebekino"], "kind": ["town"], "country": ["RU"], "lat": [50.41342], "lon": [36.92537],
         "geo_precision": [1], "source_ids": ["geonames-cities500"]},
        index=pd.Index(["shebekino"], name="place_id"))
    events = pd.DataFrame(
        {"date": [pd.Timestamp("2023-06-01")], "end_date": [pd.NaT], "date_precision": ["day"],
         "event_type": ["shelling"], "target": ["Shebekino"], "place_id": [place_id], "status": [status],
         "source_ids": ["fixture-news"]},
        index=pd.Index(["e1"], name="event_id"))
    return SimpleNamespace(places=places, events=events)


# --- helpers ---------------------------------------------------------------------------------------


def test_check_bbox_and_aspect() -> None:
    assert sm.check_bbox(BBOX) == BBOX
    assert sm.map_aspect((0, -10, 10, 10)) == pytest.approx(1.0)
    assert sm.map_aspect((0, 59, 10, 61)) == pytest.approx(2.0, rel=1e-3)


@pytest.mark.parametrize("bbox", [(38.5, 49.6, 34.5, 51.3), (34.5, 51.3, 38.5, 49.6), (1, 2, 3), "abcd", (0, 0, 200, 1)])
def test_bad_bbox_raises(bbox) -> None:
    with pytest.raises(ValueError, match="bbox"):
        sm.check_bbox(bbox)


@pytest.mark.parametrize(("args", "kwargs", "expected"), [
    (("2023-05-03",), {}, "3 May"),
    (("2023-05-22", "2023-05-23", "range"), {}, "22–23 May"),
    (("2023-05-31", "2023-06-02", "range"), {}, "31 May–2 Jun"),
    (("2023-06-01", None, "month"), {}, "Jun 2023"),
    (("2022-04-01",), {"year": True}, "1 Apr 2022"),
])
def test_date_label(args, kwargs, expected) -> None:
    assert sm.date_label(*args, **kwargs) == expected


def test_date_label_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="'week'"):
        sm.date_label("2023-05-01", None, "week")
    with pytest.raises(ValueError, match="2023-04-01"):
        sm.date_label("2023-05-01", "2023-04-01", "range")


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


def test_place_table(ev) -> None:
    t = sm.place_table(ev, ["shebekino", "kharkiv", "shebekino"])
    assert list(t.index) == ["shebekino", "kharkiv"]
    assert 5.0 < t.loc["shebekino", "distance_km"] < 9.0
    assert t.loc["shebekino", "distance_km"] == round(t.loc["shebekino", "distance_km"], 1)
    assert t.loc["kharkiv", "source_ids"] == "geonames-cities500"
    with pytest.raises(ValueError, match="'nowhere'"):
        sm.place_table(ev, ["nowhere"])


def test_distance_table(ev) -> None:
    t = sm.distance_table(ev, [("shebekino", "kharkiv")])
    assert 50 < t.loc[0, "distance_km"] < 70
    assert t.loc[0, "precision"] == "1 / 1"
    with pytest.raises(ValueError, match="'nowhere'"):
        sm.distance_table(ev, [("shebekino", "nowhere")])


def test_numbers_table_and_roles(ev) -> None:
    t = sm.numbers_table(ev, ["n1"])
    assert t.loc["n1", "figure"] == "about 40,000"
    assert t.loc["n1", "measure"] == "people evacuated or displaced"
    assert sm.number_roles(ev.numbers.loc[["n1"]]) == {"n1": "article"}
    with pytest.raises(ValueError, match="'n99'"):
        sm.numbers_table(ev, ["n99"])


def test_number_roles_on_tiny_frame() -> None:
    numbers = pd.DataFrame({"measure": ["evacuated", "evacuated", "other-town-population"],
                            "source_id": ["sun-2023-06-article", "a", "b"]}, index=["x", "y", "z"])
    assert sm.number_roles(numbers) == {"x": "article", "y": "source", "z": "comparison"}


def test_comparison_table(ev) -> None:
    t = sm.comparison_table(ev, ["2023-06-01-shebekino-shelling", "2023-05-22-belgorod-raid"])
    assert list(t.index) == ["2023-05-22-belgorod-raid", "2023-06-01-shebekino-shelling"]  # by date
    assert t.loc["2023-06-01-shebekino-shelling", "distance_km"] == "8"
    assert t.loc["2023-05-22-belgorod-raid", "status"] == "claimed"
    with pytest.raises(ValueError, match="'no-such-event'"):
        sm.comparison_table(ev, ["no-such-event"])


def test_with_second_places(ev) -> None:
    out = sm.with_second_places(ev.events, {"2023-06-01-shebekino-shelling": ["belgorod-oblast"]})
    assert len(out) == len(ev.events) + 1
    assert set(out.loc["2023-06-01-shebekino-shelling", "place_id"]) == {"shebekino", "belgorod-oblast"}


# --- drawing -------------------------------------------------------------------------------------------


def test_draw_map_returns_a_figure(ev, tmp_path) -> None:
    events = sm.select_events(ev, "2023-05-20", "2023-06-06", BBOX)
    fig = sm.draw_map(ev, BBOX, title="Test map", places=["shebekino", "kharkiv"], events=events,
                      labels={"shebekino": {"name": "above", "events": "right"}}, regions=["Belgorod Oblast"],
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
    saved = figures.save(fig, "03-test-map", alt="A test map.", caption="Test.", source="Test.", folder=tmp_path)
    svg = saved.files[1]
    assert svg.stat().st_size < 300_000


def test_draw_map_on_tiny_frames() -> None:
    fig = sm.draw_map(tiny_ev(), BBOX, title="Tiny", events=["e1"])
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "shelling" in labels and "confirmed by independent sources" in labels


def test_draw_map_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="'unheard-of'"):
        sm.draw_map(tiny_ev(status="unheard-of"), BBOX, title="Bad", events=["e1"])
    with pytest.raises(ValueError, match="'atlantis'"):
        sm.draw_map(tiny_ev(place_id="atlantis"), BBOX, title="Bad", events=["e1"])
    with pytest.raises(ValueError, match="'nowhere'"):
        sm.draw_map(tiny_ev(), BBOX, title="Bad", places=["nowhere"])
    with pytest.raises(ValueError, match="'e9'"):
        sm.draw_map(tiny_ev(), BBOX, title="Bad", events=["e9"])
    with pytest.raises(ValueError, match="'Atlantis Oblast'"):
        sm.draw_map(tiny_ev(), BBOX, title="Bad", regions=["Atlantis Oblast"])
    with pytest.raises(ValueError, match="title"):
        sm.draw_map(tiny_ev(), BBOX, title=" ")
    with pytest.raises(ValueError, match="ring"):
        sm.draw_map(tiny_ev(), BBOX, title="Bad", rings=[(50.0, 36.0)])


def test_charts(ev) -> None:
    table = sm.place_table(ev, ["shebekino", "belgorod-oblast", "kharkiv"])
    fig = sm.border_distance_figure(table, title="Distances", source="Source: test")
    assert isinstance(fig, Figure)
    with pytest.raises(ValueError, match="'country'"):
        sm.border_distance_figure(table.drop(columns="country"), title="x", source="y")
    fig = sm.numbers_figure(ev, {"Evacuated": ["n1"]}, title="Numbers", source="Source: test", log=[True])
    assert isinstance(fig, Figure)
    with pytest.raises(ValueError, match="2 entries for 1 panels"):
        sm.numbers_figure(ev, {"Evacuated": ["n1"]}, title="x", source="y", log=[True, False])


# --- Text twins: each description matches the table it describes --------------------------------

import re  # noqa: E402


def _described_map(text: str) -> dict:
    """The counts a map's description gives, read back out of its words."""
    head, _, rest = text.partition(": ")
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


def test_distance_description_matches_its_table(ev):
    bars = sm.distance_figure_table(sm.place_table(ev, ["kharkiv", "shebekino", "belgorod-oblast"]))
    text = sm.describe_distances(bars)
    said = [(name, country, float(km)) for name, country, km in
            re.findall(r"(?:: |, )([^,:]+?) \((RU|UA)\) ([\d.]+) km", text)]
    assert said == [(r["place"], r["country"], round(r["distance_km"], 1)) for _, r in bars.iterrows()]
    assert [d for _, _, d in said] == sorted(d for _, _, d in said)  # nearest first
    approx = int(re.search(r"(\d+) of them known only approximately", text).group(1))
    assert approx == int((bars["uncertainty_km"] > 0).sum()) == 1
    assert "± 25 km" in text


def test_numbers_description_matches_its_table(ev, data_dir):
    with (data_dir / "numbers.csv").open("a", encoding="utf-8", newline="") as out:
        out.write("n2,2023-06-01-shebekino-shelling,evacuated,2500,,Gov. Vyacheslav Gladkov,fixture-news,over: shelters\n")
        out.write("n3,2023-06-01-shebekino-shelling,other-town-population,40000,,AFP,fixture-news,\n")
    ev = evidence.load(data_dir)
    panels = {"People evacuated": ["n1", "n2"], "Population": ["n3"]}
    dots = sm.numbers_figure_table(ev, panels)
    text = sm.describe_numbers(dots)
    assert int(re.match(r"Dot plot in (\d+) panels?", text).group(1)) == dots["panel"].nunique() == 2
    said = dict((name, int(n)) for name, n in re.findall(r"(?:\. |^)([^.—]+?) — (\d+) figures?:", text))
    assert said == {p: int(n) for p, n in dots["panel"].value_counts().items()}
    assert text.count("(the article)") == int((dots["role"] == "the article's figure").sum()) == 1
    for _, r in dots.iterrows():
        assert f"{r['who']}: {r['figure']} {r['measure']}" in text
    assert list(dots["figure"]) == ["about 40,000", "over 2,500", "40,000"]


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
