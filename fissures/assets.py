"""The one home for the files pages load: the site's stylesheet and everything a map document needs.

Leaflet comes from its XStatic package, the report's own script and styles from
``fissures/static``, the base layers from ``data/geo``. The publisher copies them once into
``site/assets/`` (``files``); a map document links them there, or inlines them for JupyterLab
(``inline``). Light enough to import without pandas.
"""

from __future__ import annotations

from pathlib import Path

import xstatic.pkg.leaflet as xstatic_leaflet

from fissures import geo, html, style

STATIC = Path(__file__).resolve().parent / "static"
_LEAFLET = Path(xstatic_leaflet.BASE_DIR)
# What a map document loads, in order: (source file, its path under site/assets/).
MAP_SCRIPTS = [(_LEAFLET / "leaflet.js", "leaflet/leaflet.js"), (STATIC / "fissures-map.js", "map/fissures-map.js")]
MAP_STYLES = [(_LEAFLET / "leaflet.css", "leaflet/leaflet.css"), (STATIC / "fissures-map.css", "map/fissures-map.css")]
EXPLORE_SCRIPT = (STATIC / "fissures-explore.js", "map/fissures-explore.js")  # the explorer, after the map's
BASE_SCRIPT = "fissures-base.js"  # the base layers, as a script (under site/assets/)


def base_layers() -> dict:
    """Countries, the RU–UA border, the names that orient a reader, and their colours, for the map script."""
    features = []
    for f in geo.load_labels()["features"]:
        p = f["properties"]
        spots = geo.COUNTRY_LABEL_SPOTS.get(p["id"], []) if p["kind"] == "country" else []
        for lat, lon in spots + [tuple(reversed(f["geometry"]["coordinates"]))]:  # the map takes the first that fits
            features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                             "properties": {"kind": p["kind"], "id": p["id"], "name": p["name_en"],
                                            "priority": p["priority"]}})
    labels = {"type": "FeatureCollection", "features": features}
    return {"countries": geo.load_countries(), "border": geo.load_border(), "labels": labels,
            "colours": {"countries": style.COUNTRY_FILLS, "other": style.LAND_OTHER, "edge": style.MAP["country_edge"],
                        "water": style.WATER, "border": style.BORDER}}


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
    out = {target: source.read_bytes() for source, target in MAP_SCRIPTS + MAP_STYLES + [EXPLORE_SCRIPT]}
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
