"""Interactive maps (folium) that work offline, with every string from data kept out of the HTML parser.

A map is a folium document whose Leaflet, plugin and base-layer files come from the site's own
``assets/`` (copied from the XStatic packages and ``data/geo``), never from a CDN. Events travel as
JSON in a ``<script type="application/json">`` block, escaped for that context, and the map's own
script (``fissures/static/fissures-map.js``) builds popups, tooltips and the legend with
``textContent``, so a ``<script>`` in a summary shows as text. Element ids are numbered, not
random, so the same data gives the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path

import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium.template import Template
from markupsafe import escape

from fissures import assets, atomic, figures, formats, geo, html, labels, paths, style, tables
from fissures.evidence import Evidence, split_ids
from fissures.html import script_json
from fissures.i18n import _

HTTPS = re.compile(r"^https://[^\s\"'<>]+$")
CLUSTER_ABOVE = 200  # events of one type beyond which markers are clustered
AREA_RADIUS_KM = geo.PRECISION_RADIUS_KM
TILES_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
VIEWPORT_FOLIUM = "initial-scale=1.0, maximum-scale=1.0, user-scalable=no"


def _date(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _compact(properties: dict) -> dict:
    """Leave out what the map script assumes when absent (no end date, no claimant, exact place)."""
    return {k: v for k, v in properties.items() if v not in ("", None) and not (k == "precision" and v == 1)}


def event_data(ev: Evidence, events: pd.DataFrame) -> dict:
    """Events as a GeoJSON FeatureCollection plus the sources they cite, ready for the map script."""
    source_ids = list(dict.fromkeys(s for ids in events["source_ids"] for s in split_ids(ids)))
    index = {s: i for i, s in enumerate(source_ids)}
    sources = []
    for sid in source_ids:
        row = ev.sources.loc[sid]
        url = row["url"] if HTTPS.match(str(row["url"])) else ""
        sources.append({"id": sid, "publisher": row["publisher"], "title": row["title"], "url": url})
    features = []
    for event_id, row in events.sort_values(["date", "event_id"]).iterrows():
        place = ev.places.loc[row["place_id"]]
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(float(place["lon"]), 5), round(float(place["lat"]), 5)]},
            "properties": _compact({
                "id": event_id, "date": _date(row["date"]), "end": _date(row["end_date"]),
                "type": row["event_type"], "status": row["status"], "claimed_by": row["claimed_by"],
                "summary": row["summary_en"], "place": place["name_en"],
                "precision": int(place["geo_precision"]),
                "sources": [index[s] for s in split_ids(row["source_ids"])],
            }),
        })
    types = sorted({f["properties"]["type"] for f in features})
    places = ev.places.loc[list(dict.fromkeys(events["place_id"]))]
    return {
        "places": [{"text": r["name_en"], "lat": float(r["lat"]), "lon": float(r["lon"])} for _i, r in places.iterrows()],
        "events": {"type": "FeatureCollection", "features": features},
        "sources": sources,
        "types": [{"id": t, "label": labels.event_type(t), "colour": style.event_colour(t)} for t in types],
        "statuses": [{"id": s, "label": labels.status(s)} for s in style.STATUS_ORDER],
        "radius_km": {str(k): v for k, v in AREA_RADIUS_KM.items()},
        "cluster_above": CLUSTER_ABOVE,
    }


class _Layers(MacroElement):
    """The map's data and the call that draws it."""

    _template = Template("""
{% macro html(this, kwargs) %}
<script type="application/json" id="fissures-data">{{ this.payload }}</script>
{% endmacro %}
{% macro script(this, kwargs) %}
FissuresMap.init({{ this._parent.get_name() }}, {{ this.tiles.get_name() }},
  JSON.parse(document.getElementById("fissures-data").textContent), {{ this.options }});
{% endmacro %}
""")

    def __init__(self, payload: str, tiles: folium.TileLayer, options: str):
        super().__init__()
        self._name = "FissuresLayers"
        self.payload, self.tiles, self.options = payload, tiles, options


def _number_ids(element, counter: list[int]) -> None:
    """Replace branca's random element ids by a counter, depth first, so output is reproducible."""
    counter[0] += 1
    element._id = f"f{counter[0]:03d}"
    for child in element._children.values():
        _number_ids(child, counter)


def document(data: dict, *, title: str, bbox: tuple[float, float, float, float], links: str | None = "../assets",
             time_control: bool = True, place_labels: list[tuple[str, float, float]] = ()) -> str:
    """The map as a complete HTML document, its assets linked under ``links`` (None: inlined, for JupyterLab)."""
    west, south, east, north = bbox
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise ValueError(f"bbox {bbox!r} is not (west, south, east, north) in degrees")
    m = folium.Map(location=[(south + north) / 2, (west + east) / 2], zoom_start=7, tiles=None,
                   control_scale=True, width="100%", height="100%")
    if links is None:
        m.default_js, m.default_css = [], []
        m.get_root().header.add_child(Element(assets.inline()), name="fissures_inline")
    else:
        m.default_js = [(target, f"{links}/{target}") for _i, target in assets.MAP_SCRIPTS]
        m.default_js.append((assets.BASE_SCRIPT, f"{links}/{assets.BASE_SCRIPT}"))
        m.default_css = [(target, f"{links}/{target}") for _i, target in assets.MAP_STYLES]
    m.get_root().header.add_child(Element(f"<title>{escape(title)}</title>"), name="title")
    tiles = folium.TileLayer("OpenStreetMap", name=_("OpenStreetMap tiles (online only)"),
                             attr=TILES_ATTRIBUTION, show=True)
    tiles.add_to(m)
    options = script_json({"title": title, "bbox": [[south, west], [north, east]], "timeControl": time_control,
                           "sourcesPage": "../sources.html",
                           "labels": [{"text": t, "lat": lat, "lon": lon} for t, lat, lon in place_labels]})
    m.add_child(_Layers(script_json(data), tiles, options))
    _number_ids(m.get_root(), [0])
    page = m.get_root().render()
    if VIEWPORT_FOLIUM not in page:
        raise RuntimeError("folium's viewport tag changed; update fissures.maps.VIEWPORT_FOLIUM")
    page = page.replace(VIEWPORT_FOLIUM, "initial-scale=1.0")
    return page.replace("<html>", '<html lang="en">', 1)


def save(ev: Evidence, name: str, events: pd.DataFrame, *, title: str, description: str,
         bbox: tuple[float, float, float, float], time_control: bool = True,
         place_labels: list[tuple[str, float, float]] = (), folder: Path | None = None) -> html.Shown:
    """Write ``<name>.html`` (the map for the site) in the edition's figures folder; return what the notebook shows."""
    figures.check_name(name)
    if not description.strip():
        raise ValueError(f"map {name!r}: a text description is required")
    data = event_data(ev, events)
    target = figures.edition_folder(folder) / f"{name}.html"
    atomic.write_text(target, document(data, title=title, bbox=bbox, time_control=time_control,
                                       place_labels=place_labels))
    paths.record_write(target)
    inline = document(data, title=title, bbox=bbox, links=None, time_control=time_control, place_labels=place_labels)
    return html.Shown.one("map", html.part("notebook_map", inline, title), f"Map {name}: {description}", map=name, title=title, description=description)


def describe(events: pd.DataFrame) -> str:
    """A map's events in a sentence, computed from the rows it draws (its text description)."""
    if events.empty:
        return _("No events.")
    first, last = events["date"].min(), events[["date", "end_date"]].max(axis=1).max()
    return (formats.count(len(events), "event", "events") + ", " + formats.date_range(first, last) + ": "
            + ", ".join(tables.status_parts(events)) + ".")
