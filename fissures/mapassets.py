"""The files every interactive map loads, and the JSON escaping they share: light enough for the publisher.

Leaflet and MarkerCluster come from the XStatic packages, the map script and its styles from
``fissures/publish/static``, the base layers from ``data/geo``; the publisher copies them once into
``site/assets/`` without importing folium.
"""

from __future__ import annotations

import json
from pathlib import Path

import xstatic.pkg.leaflet as xstatic_leaflet
import xstatic.pkg.leaflet_markercluster as xstatic_cluster

from fissures import geo, style

STATIC = Path(__file__).resolve().parent / "publish" / "static"


def script_json(data: object) -> str:
    """JSON that can sit inside a <script> element: no '<', '>', '&' or line separators left raw."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def base_layers() -> dict:
    """Countries, the RU–UA border and country labels, for the map script."""
    return {"countries": geo.load_countries(), "border": geo.load_border(),
            "land": ["RU", "UA"], "colours": {"land": style.LAND, "other": style.LAND_OTHER, "water": style.WATER,
                                              "border": style.BORDER}}


def base_script() -> str:
    """The base layers as a script that sets ``window.FISSURES_BASE`` (written once to assets/)."""
    return "window.FISSURES_BASE=" + script_json(base_layers()) + ";\n"


# (folder, file) of the assets a map document loads, and where they go under site/assets/.
_LEAFLET = Path(xstatic_leaflet.BASE_DIR)
_CLUSTER = Path(xstatic_cluster.BASE_DIR)
_JS = [(_LEAFLET, "leaflet.js"), (_CLUSTER, "leaflet.markercluster.js"), (STATIC, "fissures-map.js")]
_JS_TARGETS = ["leaflet", "markercluster", "map"]
_CSS = [(_LEAFLET, "leaflet.css"), (_CLUSTER, "MarkerCluster.css"), (_CLUSTER, "MarkerCluster.Default.css"),
        (STATIC, "fissures-map.css")]
_CSS_TARGETS = ["leaflet", "markercluster", "markercluster", "map"]


def asset_files() -> dict[str, bytes]:
    """Every file the map documents load, by its path under site/assets/."""
    files = {f"{t}/{f}": (d / f).read_bytes() for (d, f), t in zip(_JS + _CSS, _JS_TARGETS + _CSS_TARGETS)}
    for image in sorted((_LEAFLET / "images").glob("*.png")):
        files[f"leaflet/images/{image.name}"] = image.read_bytes()
    files["fissures-base.js"] = base_script().encode("utf-8")
    return files
