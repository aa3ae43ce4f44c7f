"""The one home for the files pages load: the site's stylesheet and everything a map document needs.

Leaflet and MarkerCluster come from the XStatic packages, the report's own script and styles from
``fissures/static``, the base layers from ``data/geo``. The publisher copies them once into
``site/assets/`` (``files``); a map document links them there, or inlines them for JupyterLab
(``inline``). Light enough to import without folium or pandas.
"""

from __future__ import annotations

from pathlib import Path

import xstatic.pkg.leaflet as xstatic_leaflet
import xstatic.pkg.leaflet_markercluster as xstatic_cluster

from fissures import geo, html, style

STATIC = Path(__file__).resolve().parent / "static"
_LEAFLET = Path(xstatic_leaflet.BASE_DIR)
_CLUSTER = Path(xstatic_cluster.BASE_DIR)
# What a map document loads, in order: (source file, its path under site/assets/).
MAP_SCRIPTS = [(_LEAFLET / "leaflet.js", "leaflet/leaflet.js"),
               (_CLUSTER / "leaflet.markercluster.js", "markercluster/leaflet.markercluster.js"),
               (STATIC / "fissures-map.js", "map/fissures-map.js")]
MAP_STYLES = [(_LEAFLET / "leaflet.css", "leaflet/leaflet.css"),
              (_CLUSTER / "MarkerCluster.css", "markercluster/MarkerCluster.css"),
              (_CLUSTER / "MarkerCluster.Default.css", "markercluster/MarkerCluster.Default.css"),
              (STATIC / "fissures-map.css", "map/fissures-map.css")]
BASE_SCRIPT = "fissures-base.js"  # the base layers, as a script (under site/assets/)


def base_layers() -> dict:
    """Countries, the RU–UA border and their colours, for the map script."""
    return {"countries": geo.load_countries(), "border": geo.load_border(),
            "land": ["RU", "UA"], "colours": {"land": style.LAND, "other": style.LAND_OTHER, "water": style.WATER,
                                              "border": style.BORDER}}


def base_script() -> str:
    """The base layers as a script that sets ``window.FISSURES_BASE``."""
    return "window.FISSURES_BASE=" + html.script_json(base_layers()) + ";\n"


def stylesheet() -> str:
    """The site's one stylesheet: its own rules plus the code highlighting (Pygments, default style)."""
    from pygments.formatters import HtmlFormatter

    css = (STATIC / "site.css").read_text(encoding="utf-8")
    return css + "\n/* Code highlighting (Pygments, default style). */\n" + HtmlFormatter(style="default").get_style_defs(
        ".highlight") + "\n"


def files() -> dict[str, bytes]:
    """Every file the pages load, by its path under site/assets/."""
    out = {target: source.read_bytes() for source, target in MAP_SCRIPTS + MAP_STYLES}
    for image in sorted((_LEAFLET / "images").glob("*.png")):
        out[f"leaflet/images/{image.name}"] = image.read_bytes()
    out[BASE_SCRIPT] = base_script().encode("utf-8")
    out["site.css"] = stylesheet().encode("utf-8")
    return out


def inline() -> str:
    """Every map asset inlined, for a map shown in JupyterLab (where site/assets/ is not at hand)."""
    styles = [source.read_text(encoding="utf-8") for source, _target in MAP_STYLES]
    scripts = [source.read_text(encoding="utf-8") for source, _target in MAP_SCRIPTS] + [base_script()]
    return str(html.part("inline_assets", styles, scripts))
