"""The reader-grade pages of the site: the data and its downloads, the annotated article, the method.

``write_pages`` writes ``data.html``, ``article.html``, ``about.html`` and the explorer
(``fissures.explorer``) plus the downloads in ``data/`` (the CSV files and ``datapackage.json``
byte for byte, and two GeoJSON files), through the templates of ``fissures/templates``, so every
string that comes from the evidence is escaped.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
from markupsafe import Markup, escape

from fissures import evidence, explorer, formats, html, i18n, labels, paths, status
from fissures.evidence import Evidence, split_ids
from fissures.i18n import _
from fissures.publish.layout import page

EVENT_STATUSES = labels.STATUSES
STATUS_ORDER = labels.CLAIM_STATUSES  # claims add "opinion" to the statuses of events
# Speakers that are institutions, groups or outlets rather than people (schema.org author type).
ORGANISATION_ROLE = re.compile(r"^(institutional|publisher|armed unit|[\w -]*\bgroup of\b)", re.IGNORECASE)


class PagesError(RuntimeError):
    """A reader page cannot be written (a missing download)."""


# ---------------------------------------------------------------------------------------------
# Helpers


def _value(v: object) -> object:
    """A cell as JSON: dates as YYYY-MM-DD, missing as null, numpy scalars as Python numbers."""
    if isinstance(v, str):
        return v
    if v is None or pd.isna(v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d")
    if hasattr(v, "item"):  # numpy scalars
        return v.item()
    return v


def _records(frame: pd.DataFrame) -> list[dict]:
    columns = list(frame.columns)
    return [{c: _value(v) for c, v in zip(columns, row)} for row in frame.itertuples(index=False, name=None)]


def _dump(obj: object) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _claims_chapter(chapters: list) -> dict | None:
    """The chapter that discusses the claims (its href and title), if this build publishes one."""
    for chapter in chapters or []:
        if "claims" in getattr(chapter, "name", ""):
            return {"href": chapter.href, "title": chapter.title}
    return None


# ---------------------------------------------------------------------------------------------
# Downloads: CSV, datapackage.json, GeoJSON


def geojson_places(ev: Evidence) -> dict:
    """Every place as a Point with its columns as properties, in places.csv order."""
    features = []
    for row in _records(ev.places):
        features.append({"type": "Feature", "id": row["place_id"],
                         "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                         "properties": row})
    return {"type": "FeatureCollection", "name": "places", "features": features}


def geojson_events(ev: Evidence) -> dict:
    """Every event as a Point at its place, with its columns and the place's name, in events.csv order."""
    places = ev.places
    features = []
    for row in _records(ev.events):
        place = places.loc[row["place_id"]] if row["place_id"] in places.index else None
        geometry = None if place is None else {"type": "Point",
                                               "coordinates": [_value(place["lon"]), _value(place["lat"])]}
        props = dict(row, place_name=None if place is None else place["name_en"])
        features.append({"type": "Feature", "id": row["event_id"], "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "name": "events", "features": features}


def write_downloads(out: Path, ev: Evidence, data_dir: Path | None = None) -> list[str]:
    """Copy the tables and the descriptor into ``out/data/`` and write the GeoJSON files."""
    data_dir = Path(data_dir or paths.DATA)
    target = Path(out) / "data"
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for resource in ev.descriptor.get("resources", []):
        source = data_dir / resource["path"]
        if not source.is_file():
            raise PagesError(f"{paths.rel(source)}: not found; data.html offers it for download")
        shutil.copyfile(source, target / Path(resource["path"]).name)
        written.append(f"data/{Path(resource['path']).name}")
    shutil.copyfile(data_dir / "datapackage.json", target / "datapackage.json")
    written.append("data/datapackage.json")
    _write(target / "places.geojson", _dump(geojson_places(ev)))
    _write(target / "events.geojson", _dump(geojson_events(ev)))
    return written + ["data/places.geojson", "data/events.geojson"]


# ---------------------------------------------------------------------------------------------
# data.html


def _constraints(field: dict) -> list[dict]:
    cons = field.get("constraints", {})
    said = []
    if cons.get("required"):
        said.append({"label": "required"})
    if cons.get("unique"):
        said.append({"label": "unique"})
    if "enum" in cons:
        said.append({"label": "one of", "choices": [str(v) for v in cons["enum"]]})
    if "pattern" in cons:
        meaning = evidence.PATTERN_MEANING.get(cons["pattern"])
        said.append({"label": meaning} if meaning else {"label": "pattern", "choices": [cons["pattern"]]})
    low, high = cons.get("minimum"), cons.get("maximum")
    if low is not None and high is not None:
        said.append({"label": f"from {low} to {high}"})
    elif low is not None:
        said.append({"label": f"at least {low}"})
    elif high is not None:
        said.append({"label": f"at most {high}"})
    return said


def _said(entry: dict, key: str) -> dict:
    """``key`` of a descriptor entry in the current edition (``description_fr``), and the language it is in
    when the edition has no translation of it (``description_lang``: the page marks it)."""
    found = entry.get(i18n.twin(key, i18n.current())) if i18n.current() != i18n.SOURCE else None
    text = found or entry.get(key, "")
    return {key: text, f"{key}_lang": "" if found or i18n.current() == i18n.SOURCE or not text else i18n.SOURCE}


def data_context(ev: Evidence) -> dict:
    """What data.html shows: each resource with its fields, rows and download."""
    pkg = ev.descriptor
    resources = []
    for r in pkg.get("resources", []):
        schema = r.get("schema", {})
        name = r.get("name", "")
        frame = getattr(ev, name, None)
        keys = []
        for fk in schema.get("foreignKeys", []):
            fields, ref = fk.get("fields"), fk.get("reference", {})
            fields = fields if isinstance(fields, list) else [fields]
            ref_fields = ref.get("fields")
            ref_fields = ref_fields if isinstance(ref_fields, list) else [ref_fields]
            keys.append({"fields": ", ".join(fields), "resource": ref.get("resource", ""),
                         "ref_fields": ", ".join(ref_fields)})
        resources.append({
            "name": name, "title": i18n.row_in_edition(r).get("title", name),
            **_said(r, "description"),
            "rows": len(frame) if isinstance(frame, pd.DataFrame) else None,
            "href": f"{i18n.root()}data/{Path(r.get('path', name + '.csv')).name}",
            "primary_key": ", ".join(schema.get("primaryKey", [])),
            "foreign_keys": keys,
            "fields": [{"name": f.get("name", ""), "type": f.get("type", ""), **_said(f, "description"),
                        **_said(f, "origin"), "constraints": _constraints(f)}
                       for f in schema.get("fields", [])],
        })
    return {"package": {"title": i18n.row_in_edition(pkg).get("title", ""),
                        **_said(pkg, "description"),
                        "licenses": pkg.get("licenses", [])},
            "resources": resources,
            "counts": {"places": len(ev.places), "events": len(ev.events)}}


# ---------------------------------------------------------------------------------------------
# article.html


def _speaker(ev: Evidence, speaker_id: str) -> tuple[str, str]:
    """The speaker's name and schema.org type."""
    if speaker_id in ev.people.index:
        person = ev.people.loc[speaker_id]
        kind = ("Organization" if person.get("side") == "media" or ORGANISATION_ROLE.match(str(person.get("role", "")))
                else "Person")
        return str(person["name"]), kind
    return speaker_id, "Person"


def highlight(text: str, claims: list[dict]) -> tuple[Markup, set[str]]:
    """The paragraph's text, escaped, with each claim's quote wrapped in a <mark>; and the ids marked.

    A quote is marked at its first occurrence; one that overlaps a quote already marked is left
    unmarked (it is still listed beside the text).
    """
    spans: list[tuple[int, int, dict]] = []
    for claim in claims:
        quote = claim["quote_fr"].strip()
        start = text.find(quote) if quote else -1
        if start < 0:
            continue
        end = start + len(quote)
        if any(start < e and s < end for s, e, _c in spans):
            continue
        spans.append((start, end, claim))
    spans.sort(key=lambda s: s[0])
    parts, pos = [], 0
    for start, end, claim in spans:
        parts.append(escape(text[pos:start]))
        parts.append(html.part("claim_mark", claim["claim_id"], claim["status"], text[start:end]))
        pos = end
    parts.append(escape(text[pos:]))
    return Markup("").join(parts), {c["claim_id"] for _s, _e, c in spans}


def article_source(ev: Evidence) -> dict:
    """The article as a source: its url, title and publisher (empty strings if the row is missing)."""
    if evidence.ARTICLE_SOURCE in ev.sources.index:
        row = ev.sources.loc[evidence.ARTICLE_SOURCE]
        return {"url": str(row["url"]), "title": str(row["title"]), "publisher": str(row["publisher"])}
    return {"url": "", "title": "", "publisher": ""}


def claim_reviews(ev: Evidence) -> dict:
    """schema.org ClaimReview for every claim, in article order, as one @graph."""
    article = article_source(ev)
    graph = []
    for claim in _records(_claims_in_order(ev)):
        name, kind = _speaker(ev, claim["speaker_id"])
        appearance = {"@type": "CreativeWork", "url": article["url"]}
        if article["title"]:
            appearance["headline"] = article["title"]
        graph.append({
            "@type": "ClaimReview",
            "url": f"article.html#claim-{claim['claim_id']}",
            "claimReviewed": claim["quote_en"],
            "author": {"@type": "Organization", "name": "Fissures"},
            "itemReviewed": {"@type": "Claim", "appearance": appearance, "author": {"@type": kind, "name": name}},
            "reviewRating": {"@type": "Rating", "alternateName": claim["status"],
                             "ratingExplanation": claim["note"] or ""},
        })
    return {"@context": "https://schema.org", "@graph": graph}


def _claims_in_order(ev: Evidence) -> pd.DataFrame:
    claims = ev.claims.copy()
    claims["_n"] = claims["paragraph"].str[1:].astype(int)
    return claims.sort_values(["_n", "claim_id"], kind="stable").drop(columns="_n")


def article_context(ev: Evidence, chapters: list) -> dict:
    """What article.html shows: each paragraph, its marked French text and its claims in English."""
    sources = ev.sources
    by_paragraph: dict[str, list[dict]] = {}
    for claim in _records(_claims_in_order(ev)):
        name, _kind = _speaker(ev, claim["speaker_id"])
        claim["speaker"] = name
        claim["own_voice"] = claim["speaker_id"] == "the-sun"
        claim["sources"] = [{"id": sid, "label": str(sources.loc[sid, "publisher"]) if sid in sources.index else sid}
                            for sid in split_ids(claim["source_ids"])]
        claim["verdict_label"] = labels.verdict(claim["verdict"]) if claim["verdict"] else ""
        claim["kind_label"] = labels.claim_kind(claim["kind"])
        by_paragraph.setdefault(claim["paragraph"], []).append(claim)
    paragraphs = []
    for row in _records(ev.paragraphs):
        claims = by_paragraph.get(row["paragraph"], [])
        marked, ids = highlight(row["text"], claims)
        for claim in claims:
            claim["marked"] = claim["claim_id"] in ids
        paragraphs.append({"id": row["paragraph"], "n": row["n"], "role": row["role"],
                           "role_label": labels.role(row["role"]), "html": marked, "claims": claims})
    counts = ev.claims["status"].value_counts()
    return {"paragraphs": paragraphs,
            "legend": [{"status": s, "meaning": labels.status_meaning(s), "count": int(counts.get(s, 0))}
                       for s in STATUS_ORDER],
            "claims_chapter": _claims_chapter(chapters),
            "article": article_source(ev),
            "n_claims": len(ev.claims),
            "jsonld": html.script_json(claim_reviews(ev))}


# ---------------------------------------------------------------------------------------------
# about.html


def as_of(ev: Evidence) -> str:
    """When the evidence stops: events to the as-of date; sources as last accessed."""
    latest = ev.sources["date"].max()
    return _("Evidence as of {as_of}: events up to that day; sources published or, for undated reference pages, "
             "consulted up to {latest}").format(as_of=status.as_of_words(), latest=formats.date(latest))


def about_context(ev: Evidence, chapters: list) -> dict:
    """What about.html shows: the method in words, with the counts from the tables."""
    def counted(series: pd.Series, order) -> list[dict]:
        counts = series.value_counts()
        return [{"key": str(k), "count": int(counts.get(k, 0))} for k in order]

    claims = ev.claims
    precision = ev.places["geo_precision"].astype("Int64")
    return {
        "as_of": as_of(ev),
        "n": {"events": len(ev.events), "sources": len(ev.sources), "claims": len(claims), "places": len(ev.places),
              "people": len(ev.people), "numbers": len(ev.numbers), "paragraphs": len(ev.paragraphs),
              "facts": int((claims["kind"] == "fact").sum()), "predictions": int((claims["kind"] == "prediction").sum())},
        "event_status": counted(ev.events["status"], EVENT_STATUSES),
        "claim_status": counted(claims["status"], STATUS_ORDER),
        "verdicts": [dict(v, meaning=labels.verdict_meaning(v["key"]), label=labels.verdict(v["key"]))
                     for v in counted(claims.loc[claims["kind"] == "prediction", "verdict"], labels.VERDICTS)],
        "precision": counted(precision, (1, 2, 3)),
        "status_meaning": {s: labels.status_meaning(s) for s in STATUS_ORDER},
        "claims_chapter": _claims_chapter(chapters),
        "chapters": [{"href": c.href, "title": c.title} for c in chapters or []],
        "corrections": _records(ev.corrections.sort_values("date")) if len(ev.corrections) else [],
        "standard": standard(ev),
    }


def cited_sources(ev: Evidence) -> set[str]:
    """The sources that events and claims cite (their source, first-report, later-check and verdict columns)."""
    cited: set[str] = set()
    for frame, columns in ((ev.events, ("source_ids", "first_report_source", "later_status_source")),
                           (ev.claims, ("source_ids", "verdict_source_ids"))):
        for column in columns:
            for cell in frame[column]:
                cited.update(split_ids(cell))
    return cited - {evidence.ARTICLE_SOURCE}


def standard(ev: Evidence) -> dict:
    """The evidence standard in numbers, for the About page: sides, copies, the rule's statuses, learned later."""
    from fissures import status

    sides = ev.sources["side"].value_counts()
    cited = cited_sources(ev)
    copies = ev.sources.loc[sorted(cited), "original_publisher"].astype(str).str.strip().ne("")
    notes = {kind: frame[frame["status_note"].astype(str).str.strip().ne("")] for kind, frame in
             (("event", ev.events), ("claim", ev.claims[ev.claims["kind"] == "fact"]))}
    return {
        "sides": [{"key": s, "label": labels.source_side(s), "count": int(sides.get(s, 0))} for s in status.SIDES],
        "copies": int(ev.sources["original_publisher"].astype(str).str.strip().ne("").sum()),
        "cited": len(cited), "cited_copies": int(copies.sum()),
        "cited_copy_share": formats.percent(round(100 * copies.mean())) if len(copies) else formats.percent(0),
        "accounts": len(ev.accounts), "learned_later": len(evidence.learned_later(ev)),
        "as_of": formats.date(status.AS_OF),
        "reasons": [status.reason(code) for code in status.REASONS],
        "notes": [{"id": row_id, "status": row["status"], "note": row["status_note"], "kind": kind}
                  for kind, frame in notes.items() for row_id, row in frame.iterrows()],
        "attacks": len(ev.attacks), "counts": len(ev.counts),
        "attack_statuses": formats.items(labels.status_count(s, int(n)) for s, n in
                                         ev.attacks["status"].value_counts().items()),
    }


# ---------------------------------------------------------------------------------------------


def write_pages(out: Path, ev: Evidence, chapters: list, data_dir: Path | None = None) -> list[str]:
    """Write data.html, article.html, about.html and the downloads into ``out``; return the files written.

    ``data_dir`` is the folder the evidence was loaded from (default ``paths.DATA``): the CSV
    downloads are byte copies of its files.
    """
    site = Path(out)
    written = write_downloads(site, ev, data_dir) if i18n.current() == i18n.SOURCE else []  # once, for every edition
    out = site / i18n.folder()
    out.mkdir(parents=True, exist_ok=True)
    _write(out / "data.html", html.render("data.html.j2", page=page("data.html"), **data_context(ev)))
    _write(out / "article.html", html.render("article.html.j2", page=page("article.html"),
                                             **article_context(ev, chapters)))
    _write(out / "about.html", html.render("about.html.j2", page=page("about.html"), **about_context(ev, chapters)))
    written += [i18n.folder() + name for name in explorer.write(out, ev, chapters or [], page("explore.html"))]
    return [i18n.folder() + name for name in ("data.html", "article.html", "about.html")] + written
