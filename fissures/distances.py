"""How far: places and their geodesic distance to the Russia–Ukraine border, between each other, as tables and a chart.

Distances are geodesics on the WGS84 ellipsoid (``fissures.geo``), in kilometres. A place known
only approximately (geo_precision 2 or 3) carries the radius of its area as an uncertainty.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon as PolygonPatch

from fissures import formats, geo, style
from fissures.evidence import Evidence, require
from fissures.i18n import N_, _
from fissures.staticmaps import PRECISION_RADIUS_KM, short_name

TABLE_COLUMNS = {"place": N_("Place"), "country": N_("Country"), "distance_km": N_("To the border (km)"),
                 "approximate": N_("Uncertainty"), "source_ids": N_("Sources")}
PLACE_COLUMNS = ("name", "distance_km", "geo_precision", "country")


def place_table(ev: Evidence, place_ids: Iterable[str]) -> pd.DataFrame:
    """Each place with its kind, distance to the RU–UA border (km, 0.1), geo_precision and sources."""
    ids = list(dict.fromkeys(place_ids))
    missing = [p for p in ids if p not in ev.places.index]
    if missing:
        raise ValueError(f"place id {missing[0]!r} is not in data/places.csv")
    rows = []
    for pid in ids:
        p = ev.places.loc[pid]
        rows.append({"place_id": pid, "name": p["name_en"], "kind": p["kind"], "country": p["country"],
                     "distance_km": round(geo.distance_to_border_km(float(p["lat"]), float(p["lon"])), 1),
                     "geo_precision": int(p["geo_precision"]), "source_ids": p["source_ids"]})
    return pd.DataFrame(rows).set_index("place_id")


def between(ev: Evidence, pairs: Iterable[tuple[str, str]]) -> pd.DataFrame:
    """Geodesic distance (km, 0.1) between pairs of places, with both places' geo_precision and sources."""
    rows = []
    for a, b in pairs:
        for pid in (a, b):
            if pid not in ev.places.index:
                raise ValueError(f"place id {pid!r} is not in data/places.csv")
        pa, pb = ev.places.loc[a], ev.places.loc[b]
        km = geo.geodesic_distance_km(float(pa["lat"]), float(pa["lon"]), float(pb["lat"]), float(pb["lon"]))
        rows.append({"from": short_name(pa["name_en"]), "to": short_name(pb["name_en"]), "distance_km": round(km, 1),
                     "precision": f"{int(pa['geo_precision'])} / {int(pb['geo_precision'])}",
                     "source_ids": ";".join(dict.fromkeys(f"{pa['source_ids']};{pb['source_ids']}".split(";")))})
    return pd.DataFrame(rows)


def figure_table(table: pd.DataFrame) -> pd.DataFrame:
    """The rows ``draw`` draws, nearest first, with each whisker's half-width (km)."""
    require(table, PLACE_COLUMNS, "the distance table")
    out = table.sort_values("distance_km", kind="stable").copy()
    out["place"] = out["name"].map(short_name)
    out["uncertainty_km"] = [PRECISION_RADIUS_KM.get(int(p), 0.0) for p in out["geo_precision"]]
    out["approximate"] = ["± " + formats.km(u) if u else "" for u in out["uncertainty_km"]]
    return out


def draw(table: pd.DataFrame, *, title: str, source: str) -> Figure:
    """Horizontal bars of distance to the border, nearest at the top; approximate places get a ±radius whisker."""
    style.apply()
    require(table, PLACE_COLUMNS, "the distance table")
    if table.empty:
        raise ValueError("the distance table is empty")
    t = table.sort_values("distance_km", ascending=False)
    narrow = style.narrow()  # on phones: a wider margin for the names, the key in one column
    height = 0.42 * len(t) + (2.6 if narrow else 1.3)
    fig = Figure(figsize=(style.fig_width(), height))
    if narrow:
        ax = fig.add_axes((0.43, 1.55 / height, 0.5, 1 - 2.1 / height))
    else:
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
        ax.text(d + e + 0.6, yi, formats.km(d, 1), va="center", fontsize=9, color=style.INK)
    ax.set_yticks(y, [f"{n} ({c})" for n, c in zip(t["name"].map(short_name), t["country"])], fontsize=10)
    xlabel = _("Distance to the Russia–Ukraine border (km, geodesic)")
    ax.set_xlabel(style.wrap(xlabel, 10, 0.5) if narrow else xlabel)
    ax.set_xlim(0, float((t["distance_km"] + np.array(err)).max()) * 1.15)
    ax.grid(axis="x", color=style.RULE, linewidth=0.6, zorder=0)
    if narrow:
        fig.text(0.02, 1 - 0.08 / height, style.wrap(title, 12, 0.9), ha="left", va="top", fontsize=12,
                 fontweight="bold")
    else:
        ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
    handles = [PolygonPatch([(0, 0), (1, 0), (1, 1)], color=style.MAP["bar_ru"]),
               PolygonPatch([(0, 0), (1, 0), (1, 1)], color=style.MAP["bar_ua"]),
               Line2D([], [], color=style.INK, marker="|", markersize=8, linewidth=1)]
    leg = ax.legend(handles, [_("in Russia"), _("in Ukraine"), _("approximate location (± circle radius)")],
                    loc="upper left", bbox_to_anchor=(-0.8 if narrow else 0.0, -0.3 if narrow else -0.12),
                    ncol=style.columns(3), fontsize=9, borderaxespad=0)
    ax.annotate(style.wrap(source, 9, 0.95), xy=(0, 0), xycoords=leg, xytext=(0, -8), textcoords="offset points",
                ha="left", va="top", fontsize=9, color=style.MUTED)
    return fig


def describe(table: pd.DataFrame) -> str:
    """``draw`` in words, from ``figure_table``'s rows."""
    if table.empty:
        raise ValueError("the distance table is empty")
    said = ", ".join(f"{r['place']} ({r['country']}) {formats.km(r['distance_km'], 1)}" for _i, r in table.iterrows())
    approx = table[table["uncertainty_km"] > 0]
    text = _("Bar chart of the distance to the Russia–Ukraine border of {places}, nearest first: {said}.").format(
        places=formats.count(len(table), "place", "places"), said=said)
    if len(approx):
        text += " " + _("{n} of them known only approximately, drawn with a whisker: {which}.").format(
            n=formats.number(len(approx)),
            which=", ".join(f"{r['place']} {r['approximate']}" for _i, r in approx.iterrows()))
    return text


def nearest(table: pd.DataFrame, place_id: str) -> str:
    """A place's distance to the border as a reader sees it ("3 km"), from ``place_table``'s rows."""
    return formats.km(table.loc[place_id, "distance_km"])


def alt(table: pd.DataFrame) -> str:
    """The chart's alt text, from ``figure_table``'s rows: how many places, the nearest and the farthest."""
    if table.empty:
        raise ValueError("the distance table is empty")
    first, last = table.iloc[0], table.iloc[-1]
    return _("Bar chart of {places} by distance to the Russia–Ukraine border, from {near} ({near_km}) to {far} "
             "({far_km}).").format(places=formats.count(len(table), "place", "places"), near=first["place"],
                                   near_km=formats.km(first["distance_km"], 1), far=last["place"],
                                   far_km=formats.km(last["distance_km"], 1))
