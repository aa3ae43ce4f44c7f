"""The map engine for print-quality static maps, drawn with matplotlib alone.

The projection is the simplest honest one for small areas: longitude and latitude drawn as x and
y (equirectangular), with the axes' aspect set to ``1 / cos(mean latitude)`` so that a kilometre
east is as long on the page as a kilometre north in the middle of the map. The base geography
comes from ``fissures.geo``; places and events from the evidence tables. Which box, places,
labels and events a map shows is its chapter's choice (``fissures.chapters``).

A bounding box (``bbox``) is ``(west, south, east, north)`` in degrees, GeoJSON order.

Events are drawn as markers at their place: the colour is the event type, the fill the status
(``style.status_marker_kwargs``), exactly as on the timeline. Several events at one spot are
stacked beside it, each with its date. Places known only approximately (``geo_precision`` 2 or 3)
are drawn as a translucent circle rather than a pin.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

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

from fissures import figures, formats, geo, html, labels, style, tables
from fissures.i18n import N_, _

# Radius of the circle drawn for a place known only approximately (places.csv geo_precision).
PRECISION_RADIUS_KM = {k: v for k, v in geo.PRECISION_RADIUS_KM.items() if v}  # areas, not pins

MAIN_COUNTRIES = ("RU", "UA")  # drawn in the LAND colour; all others get LAND_OTHER

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

# Readable headers for the table behind a map (map_table).
MAP_TABLE_COLUMNS = {"when": N_("When"), "place": N_("Place"), "what": N_("Kind"), "summary": N_("What happened"),
                     "status": N_("Status"), "claimed_by": N_("Claimed by"), "source_ids": N_("Sources")}


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
    _west, south, _east, north = check_bbox(bbox)
    return 1.0 / math.cos(math.radians((south + north) / 2.0))


def in_bbox(lat: float, lon: float, bbox: Sequence[float]) -> bool:
    """Whether the point lies inside the bbox (edges included)."""
    west, south, east, north = check_bbox(bbox)
    return west <= lon <= east and south <= lat <= north


def short_name(name: str) -> str:
    """A place name without its parenthesised explanation: 'Engels (Engels-2 air base)' -> 'Engels'."""
    return re.sub(r"\s*\(.*\)\s*$", "", str(name)).strip() or str(name)


def _event_date_label(row, year: bool = False) -> str:
    """An event's date for a map label: "3 May", "22–23 May", "June 2023" (with the year when asked)."""
    precision = row.get("date_precision", "day") or "day"
    if precision == "month":
        return formats.date(row["date"], "month")
    end = row.get("end_date")
    last = row["date"] if end is None or pd.isna(end) else end
    return formats.date_range(row["date"], last, "short" if year else "day-month")


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


def _resolve_places(ev, places) -> pd.DataFrame:
    known = ev.places
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


def with_second_places(events: pd.DataFrame, extra: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """The events plus one copy of an event for each second place it hit (``extra``: event id -> place ids)."""
    rows = [events]
    for event_id, place_ids in extra.items():
        if event_id in events.index:
            for place_id in place_ids:
                copy = events.loc[[event_id]].copy()
                copy["place_id"] = place_id
                rows.append(copy)
    return pd.concat(rows)


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
    key: list = field(default_factory=list)  # on phones: the places' names, numbered on the map

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
        colour = style.COUNTRY_FILLS.get(iso, style.LAND_OTHER)
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
        name = labels.country(iso).upper()
        if in_bbox(lat, lon, bbox):
            ax.text(lon, lat, name, ha="center", va="center", fontsize=15,
                    fontweight="bold", color=style.MAP["country_label"], zorder=2.5)
    return border


def _draw_regions(c: _Canvas, regions: Iterable[str]) -> None:
    for region in regions:
        if region not in geo.REGION_LABEL_POSITIONS:
            raise ValueError(f"region {region!r} has no label position (known: {', '.join(geo.REGION_LABEL_POSITIONS)})")
        lat, lon = geo.REGION_LABEL_POSITIONS[region]
        if in_bbox(lat, lon, c.bbox):
            c.ax.text(lon, lat, labels.region(region), ha="center", va="center", fontsize=10, fontstyle="italic",
                      color=style.MUTED, zorder=2.6, bbox=LABEL_BOX)


def _draw_rings(c: _Canvas, rings) -> list:
    """Geodesic circles; each ring is (lat, lon, radius_km) or (lat, lon, radius_km, label)."""
    handles = []
    for ring in rings:
        if len(ring) not in (3, 4):
            raise ValueError(f"ring {ring!r} is not (lat, lon, radius_km[, label])")
        lat, lon, km = ring[:3]
        label = ring[3] if len(ring) == 4 else formats.km(km)
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


def _draw_places(c: _Canvas, places: pd.DataFrame, place_labels: Mapping, distances) -> dict:
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
        spec = _label_spec(place_labels.get(place_id, "right"))
        if spec["name"] is None:
            continue
        text = _(spec["text"]) if spec["text"] else short_name(p["name_en"])
        if distances is True or (not isinstance(distances, bool) and place_id in distances):
            text += "\n" + _("{km} from the border").format(km=formats.km(geo.distance_to_border_km(lat, lon)))
        if style.narrow():  # phones: a number on the map, the name in the key under it
            c.key.append(f"{len(c.key) + 1}  " + text.replace("\n", ", "))
            text = str(len(c.key))
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


def _draw_events(c: _Canvas, events: pd.DataFrame, places: pd.DataFrame, place_labels: Mapping,
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
        spec = next((_label_spec(place_labels[o]) for o in owners if place_labels.get(o) is not None),
                    _label_spec(place_labels.get(owners[0], "right")))
        place = places.loc[owners[0]]
        lat, lon = float(place["lat"]), float(place["lon"])
        sign = 1 if spec["events"] == "right" else -1
        x0 = sign * (max(radii.get(o, 3.0) for o in owners) + STACK_GAP)
        n = len(members)
        for i, (_i, e) in enumerate(members):
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
        blat, blon, _km = geo.nearest_border_point(lat, lon)
        km = geo.distance_to_border_km(lat, lon)
        line = Geodesic.WGS84.InverseLine(lat, lon, blat, blon)
        pts = [line.Position(line.s13 * i / 50) for i in range(51)]
        xs, ys = [p["lon2"] for p in pts], [p["lat2"] for p in pts]
        c.ax.plot(xs, ys, color=style.INK, linewidth=1.3, linestyle=(0, (1, 2)), zorder=2.9)
        c.ax.scatter([blon], [blat], s=18, color=style.INK, zorder=3)
        c.ax.text(xs[25], ys[25], _("{km} to\nthe border").format(km=formats.km(km)), fontsize=9, ha="left", va="center",
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
    ax.annotate(formats.km(km, 1 if km < 1 else 0), xy=((x0 + x1) / 2, lat), xytext=(0, 5), textcoords="offset points",
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
                     labels.event_type(t).lower()))
    for s in [s for s in style.STATUS_ORDER if s in set(events["status"])]:
        right.append((c.ax.scatter([], [], s=MARKER_SIZE, **style.status_marker_kwargs(s, style.INK)),
                      labels.status(s)))
    if border:
        right.append((Line2D([], [], color=style.BORDER, linewidth=style.MAP["border_width"]), _("Russia–Ukraine border")))
    inside = places[[in_bbox(float(p["lat"]), float(p["lon"]), c.bbox) for _i, p in places.iterrows()]]
    if (inside["geo_precision"] == 1).any():
        right.append((Line2D([], [], linestyle="", marker="o", markersize=5, color=style.MAP["place"],
                             markeredgecolor="white"), _("place (on a map's key)")))
    for precision, km in PRECISION_RADIUS_KM.items():
        if (inside["geo_precision"] == precision).any():
            kind = _("area or nearby site") if precision == 2 else _("region")
            right.append((PolygonPatch([(0, 0), (1, 0), (1, 1)], **_area_style()),
                          _("approximate location ({kind}): {km} circle").format(kind=kind, km=formats.km(km))))
    if rings:
        right.append((Line2D([], [], color=style.MAP["ring"], linewidth=1.1, linestyle=(0, (5, 3))), ring_label))
    if left:
        blank = (Line2D([], [], linestyle=""), "")
        rows = max(len(left), len(right))
        entries = left + [blank] * (rows - len(left)) + right + [blank] * (rows - len(right))
        ncol = 2
    else:
        entries, ncol = right, 2
    if style.narrow():  # one column, without the blanks that kept two columns apart
        entries = [(h, style.wrap(t, 9, 0.85)) for h, t in left + right]
        ncol = 1
    return c.ax.legend([h for h, _t in entries], [t for _i, t in entries], loc="upper left",
                       bbox_to_anchor=(0.0, -0.015), ncol=ncol, fontsize=9, handlelength=1.6,
                       columnspacing=1.5, borderaxespad=0.0, frameon=False)


def _area_style() -> dict:
    return {"facecolor": style.MAP["area_fill"], "edgecolor": style.MAP["area_edge"],
            "alpha": style.MAP["area_alpha"], "linewidth": 0.8, "linestyle": (0, (3, 2))}


def draw_map(ev, bbox: Sequence[float], *, title: str, places=None, events=None, rings=None,
             place_labels: Mapping | None = None, regions: Iterable[str] = (),
             country_labels: Mapping[str, tuple[float, float]] | None = None,
             countries: Sequence[str] = MAIN_COUNTRIES, dates: bool = True, distances: bool | Iterable[str] = False,
             ring_label: str | None = None, to_border: Iterable[str] = (), source: str | None = None,
             width: float | None = None) -> Figure:
    """A static map of the bbox: countries, the RU–UA border, places, events, rings, legend and source.

    ``places``: place ids (places.csv) or a frame like ``ev.places``; the
    places of the events are added. ``events``: event ids or a frame like ``ev.events``.
    ``rings``: (lat, lon, radius_km[, label]) geodesic circles. ``place_labels``: per place id, where its
    name goes ('right', 'left', 'above', 'below', an (dx, dy) offset in points, None for no name, or
    a dict with keys name / events ('left' or 'right': where its event markers stack) / text).
    ``to_border``: place ids joined to the nearest point of the border by a dotted line.
    ``distances`` adds the distance to the border to the names of all places (True) or of those listed.
    """
    style.apply()
    width = width or style.fig_width()
    bbox = check_bbox(bbox)
    if not isinstance(title, str) or not title.strip():
        raise ValueError(f"map title {title!r} is empty")
    place_labels = dict(place_labels or {})
    ring_label = ring_label or _("distance ring")
    source = source or _("Base map: Natural Earth; border © OpenStreetMap contributors (ODbL). Places: GeoNames.\n"
                         "Events: Fissures data/events.csv")
    if not isinstance(distances, bool):
        distances = set(distances)
    shown = _resolve_places(ev, places)
    ev_frame = _resolve_events(ev, events)
    known = pd.concat([ev.places, shown[~shown.index.isin(ev.places.index)]])
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
    radii = _draw_places(c, all_places, place_labels, distances)
    _draw_events(c, ev_frame, known, place_labels, radii, dates and not style.narrow())  # phones: dates in the table
    _scale_bar(c)
    _north_arrow(c)
    ax.set_title(style.wrap(title, 12, 0.95), loc="left", fontsize=12, fontweight="bold", pad=8)
    leg = _legend(c, ev_frame, all_places, border, bool(rings), ring_label)
    if c.key:
        leg = ax.annotate("\n".join(style.wrap(k, 9, 0.9) for k in c.key), xy=(0, 0), xycoords=leg, xytext=(0, -8),
                          textcoords="offset points", ha="left", va="top", fontsize=9, color=style.INK,
                          linespacing=1.4)
    ax.annotate(style.wrap(source, 9, 0.95), xy=(0, 0), xycoords=leg, xytext=(0, -8), textcoords="offset points",
                ha="left", va="top", fontsize=9, color=style.MUTED)
    return fig




# --- The rows a map draws, and the map in words (its text twin) ---------------------------------


def map_table(ev, events, bbox: Sequence[float]) -> pd.DataFrame:
    """The events ``draw_map`` draws in ``bbox``, one row per event, oldest first.

    ``events`` is what ``draw_map`` takes (ids or a frame; a frame from ``with_second_places`` may
    hold an event twice, at two places: its places are joined). Events whose place lies outside the
    bbox are left out, as the map leaves them out.
    """
    bbox = check_bbox(bbox)
    frame = _resolve_events(ev, events)
    known = ev.places
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
                     "what": labels.event_type(e["event_type"]).lower(),
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
    sources, 5 claimed by one side only (who claims it: the Russian Volunteer Corps ×3; …).'
    """
    from fissures.evidence import require

    require(table, ("date", "last_date", "place", "region", "what", "status", "claimed_by"), "the map table")
    if table.empty:
        return _("The map marks no events.")
    regions = list(dict.fromkeys(r for cell in table["region"] for r in str(cell).split("; ") if r))
    where = (" " + _("in {regions}").format(regions=formats.items(regions)) if 0 < len(regions) <= 4 else
             " " + _("in {n} regions").format(n=formats.number(len(regions))) if regions else "")
    text = (formats.count(len(table), "event", "events") + where + " "
            + formats.between(table["date"].min(), table["last_date"].max()) + ": ")
    places = table["place"].value_counts(sort=True)
    kinds = table["what"].value_counts(sort=True)
    return (text + ", ".join(tables.status_parts(table, words=True)) + ". "
            + _("By kind: {kinds}.").format(kinds=", ".join(f"{formats.number(n)} {k}" for k, n in kinds.items()))
            + " " + _("By place: {places}.").format(places=", ".join(f"{p} {formats.number(n)}" for p, n in places.items())))


def alt(table: pd.DataFrame, title: str) -> str:
    """A map's alt text, from ``map_table``'s rows: what it shows, when, and where the events are."""
    if table.empty:
        return _("Map: {title}. It marks no events.").format(title=title)
    places = list(dict.fromkeys(p for cell in table["place"] for p in str(cell).split("; ")))
    return _("Map: {title}. {events} {when}, at {places}.").format(
        title=title, events=formats.count(len(table), "event", "events"),
        when=formats.between(table["date"].min(), table["last_date"].max()), places=formats.items(places))


def figure(ev, name: str, bbox: Sequence[float], *, title: str, caption: str, source: str, events=None,
           **draw) -> html.Shown:
    """Draw a map (``draw_map``'s options in ``draw``) and save it with its text twin: the events it marks
    as a table, in words, and an alt text computed from the same rows."""
    table = map_table(ev, events, bbox)
    return figures.save(lambda: draw_map(ev, bbox, title=title, events=events, **draw), name, source=source,
                        alt=alt(table, title), caption=caption, data=table,
                        description=describe_map(table), columns=tables.headers(MAP_TABLE_COLUMNS))
