"""Interactive maps that work offline: a page of the report's own around a Leaflet map.

A map is ``fissures/templates/map.html.j2``: a title, the map, its description and its sources, and
a link back to the chapter. Leaflet comes from the site's ``assets/`` (copied from the XStatic
package), never from a CDN, and the base map (countries, the border, names of countries, regions
and cities) from ``data/geo``. Events travel as JSON in a ``<script type="application/json">``
block, escaped for that context, and the map's own script (``fissures/static/fissures-map.js``)
writes every string with ``textContent``, so a ``<script>`` in a summary shows as text. There is
one marker per place; choosing it lists the place's events in a panel that stays inside the map.
Every word the map says and every date it shows is written here, in the current edition.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from fissures import accounts, assets, atomic, figures, formats, html, i18n, labels, paths, style, tables
from fissures.evidence import Evidence, source_label, split_ids
from fissures.i18n import _

HTTPS = re.compile(r"^https://[^\s\"'<>]+$")


def words() -> dict:
    """Everything the map script says, in the current edition (``{name}`` marks what it fills in)."""
    return {
        "details": _("Events at the chosen place"), "close": _("Close"), "sources": _("Sources:"),
        "original": _("(original)"), "claimed_by": _("Claimed by {who}."), "discussed_in": _("Discussed in:"),
        "open_in_explorer": _("Open in the explorer"), "accounts": _("Each side: {accounts}."),
        "from_count": _("From our systematic count of attacks, May–June 2023."), "more_events": _("… and {n} more: narrow the time window."),
        "place_heading": _("{place}: {events}"), "place_button": _("{place}: {events}. Show them."),
        "one_event": _("1 event"), "n_events": _("{n} events"), "counter": _("{shown} of {total} events shown"),
        "until": _("Events up to {date}"), "legend": _("Legend"), "event_types": _("Event types (colour; untick to hide)"),
        "statuses": _("Status (fill)"), "many_here": _("A number: several events at one place."),
        "areas": _("Dashed circles: places known only approximately."),
        "attribution": _("Base map: Natural Earth; border © OpenStreetMap contributors (ODbL)"),
    }


def event_data(ev: Evidence, events: pd.DataFrame, chapters: dict[str, list[dict]] | None = None) -> dict:
    """The map script's data: the events (oldest first), their places and sources, and the words it says.

    ``chapters`` maps event ids to the chapters that show them ({href, title}), for the explorer.
    """
    events = events[~events.index.duplicated()].sort_values(["date", "event_id"], kind="stable")
    # One marker per point: places that share coordinates (a town and the district named after it)
    # become one site, so that no marker ever hides another; each event keeps its own place's name.
    sites: dict[tuple[float, float], list[str]] = {}
    for place_id in dict.fromkeys(events["place_id"]):
        p = ev.places.loc[place_id]
        sites.setdefault((round(float(p["lat"]), 4), round(float(p["lon"]), 4)), []).append(place_id)
    groups = [sorted(ids, key=lambda i: int(ev.places.at[i, "geo_precision"])) for ids in sites.values()]
    place_index = {place_id: n for n, ids in enumerate(groups) for place_id in ids}
    source_ids = list(dict.fromkeys(s for ids in events["source_ids"] for s in split_ids(ids)))
    source_index = {s: i for i, s in enumerate(source_ids)}
    chapter_list: list[dict] = []
    chapter_index: dict[str, int] = {}
    for shown in (chapters or {}).values():
        for chapter in shown:
            if chapter["href"] not in chapter_index:
                chapter_index[chapter["href"]] = len(chapter_list)
                chapter_list.append(chapter)
    types = [t for t in style.EVENT_COLOURS if t in set(events["event_type"])]
    types += sorted(set(events["event_type"]) - set(types))
    type_index = {t: i for i, t in enumerate(types)}
    status_index = {s: i for i, s in enumerate(style.STATUS_ORDER)}
    places = []
    for ids in groups:
        p = ev.places.loc[ids[0]]
        radius = max(geo_radius(int(ev.places.at[i, "geo_precision"])) for i in ids)
        place = {"id": ids[0], "name": p["name_en"], "lat": round(float(p["lat"]), 5), "lon": round(float(p["lon"]), 5),
                 "precision": int(p["geo_precision"]), "region": p["admin1"]}
        if len(ids) > 1:
            place["also"] = [ev.places.at[i, "name_en"] for i in ids[1:]]
        if radius:
            place.update(radius_km=radius, approximate=labels.approximate(radius))
        places.append(place)
    out_events = []
    for event_id, row in events.iterrows():
        last = row["end_date"] if pd.notna(row["end_date"]) else row["date"]
        # Compact, as the explorer carries thousands: ``end`` only when it is not ``date``, ``at`` (the
        # event's own place) only when its marker is named for another, ``approximate`` only when true.
        event = {"id": event_id, "date": formats.iso(row["date"]),
                 "when": formats.when(row["date"], last, row["date_precision"]),
                 "label": row["short_label"] or labels.event_type(row["event_type"]),
                 "type": type_index[row["event_type"]], "status": status_index[row["status"]],
                 "place": place_index[row["place_id"]], "summary": row["summary_en"],
                 "sources": [source_index[s] for s in split_ids(row["source_ids"])]}
        if formats.iso(last) != event["date"]:
            event["end"] = formats.iso(last)
        if groups[event["place"]][0] != row["place_id"]:
            event["at"] = ev.places.at[row["place_id"], "name_en"]
        if int(ev.places.at[row["place_id"], "geo_precision"]) > 1:
            event["approximate"] = True
        if row["status"] != "confirmed" and row["claimed_by"]:
            event["claimed_by"] = row["claimed_by"]
        if row.get("status_note"):
            event["status_note"] = row["status_note"]
        told = accounts.summary(ev, "event", event_id)
        if told:
            event["accounts"] = told
        shown_in = [chapter_index[c["href"]] for c in (chapters or {}).get(event_id, [])]
        if shown_in:
            event["chapters"] = shown_in
        out_events.append(event)
    dates = sorted({e["date"] for e in out_events})
    return {
        "events": out_events, "places": places,
        "sources": [{"id": s, "label": source_label(s)[0], "title": ev.sources.at[s, "title"],
                     "url": ev.sources.at[s, "url"] if HTTPS.match(str(ev.sources.at[s, "url"])) else ""}
                    for s in source_ids],
        "chapters": chapter_list,
        "types": [{"id": t, "label": labels.event_type(t), "colour": style.event_colour(t)} for t in types],
        "statuses": [{"id": s, "label": labels.status(s)} for s in style.STATUS_ORDER],
        "dates": [[d, formats.date(d)] for d in dates],
        "base_names": base_names(),
        "words": words(),
    }


def geo_radius(precision: int) -> float:
    """The radius (km) of the area drawn for a place of this geo_precision (0 for an exact place)."""
    from fissures import geo

    return float(geo.PRECISION_RADIUS_KM.get(int(precision), 0.0))


def base_names() -> dict:
    """The names the base map writes, in the current edition, by ``kind:id`` (countries and regions)."""
    from fissures import geo

    names = {}
    for feature in geo.load_labels()["features"]:
        p = feature["properties"]
        if p["kind"] == "country":
            names[f"country:{p['id']}"] = labels.country(p["id"]) if labels.knows_country(p["id"]) else p["name"]
        elif p["kind"] == "region" and labels.knows_region(p["id"]):
            names[f"region:{p['id']}"] = labels.region(p["id"])
        elif p["kind"] == "city" and i18n.current() != i18n.SOURCE:  # the base layer's asset names them in English
            names[f"city:{p['id']}"] = p["name_en"]
    return names


def chapter_back() -> dict:
    """Where a map's page links back to: its chapter when the build runs it, else the contents page."""
    chapter = os.environ.get("FISSURES_CHAPTER")
    pages = _up() + i18n.folder()
    if chapter:
        return {"href": f"{pages}{chapter}.html", "label": _("Back to the chapter")}
    return {"href": f"{pages}index.html", "label": _("Back to the contents")}


def _up() -> str:
    """From a map's page (figures/, or figures/<locale>/) back to the site's root."""
    return "../" + i18n.root()


def document(data: dict, *, name: str, title: str, description: str, bbox: tuple[float, float, float, float],
             links: str | None = "", time_control: bool = True) -> str:
    """The map's page, its assets linked under ``links`` (None: inlined, for JupyterLab)."""
    west, south, east, north = bbox
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise ValueError(f"bbox {bbox!r} is not (west, south, east, north) in degrees")
    back = chapter_back()
    back["href"] += f"#map-{name}" if "FISSURES_CHAPTER" in os.environ else ""
    pages = _up() + i18n.folder()
    links = _up() + "assets" if links == "" else links
    options = {"bbox": [[south, west], [north, east]], "controls": True, "timeControl": time_control,
               "sourcesPage": f"{pages}sources.html", "pagePrefix": pages, "explorerPage": f"{pages}explore.html"}
    return html.render("map.html.j2", title=title, description=description, back=back, data=data, options=options,
                       pages=pages,
                       sources=data["sources"], links=links,
                       styles=[target for _source, target in assets.MAP_STYLES],
                       scripts=[target for _source, target in assets.MAP_SCRIPTS] + [assets.BASE_SCRIPT],
                       inline=None if links else html.Markup(assets.inline()))


def save(ev: Evidence, name: str, events: pd.DataFrame, *, title: str, description: str,
         bbox: tuple[float, float, float, float], time_control: bool = True, folder: Path | None = None) -> html.Shown:
    """Write ``<name>.html`` (the map's page) in the edition's figures folder; return what the notebook shows."""
    figures.check_name(name)
    if not description.strip():
        raise ValueError(f"map {name!r}: a text description is required")
    data = event_data(ev, events)
    target = figures.edition_folder(folder) / f"{name}.html"
    atomic.write_text(target, document(data, name=name, title=title, description=description, bbox=bbox,
                                       time_control=time_control))
    paths.record_write(target)
    # JupyterLab shows the source language's map inline (its assets inlined: most of a megabyte); the
    # other editions' pages frame their own documents, so they carry no inline copy.
    inline = document(data, name=name, title=title, description=description, bbox=bbox, links=None,
                      time_control=time_control) if i18n.current() == i18n.SOURCE else ""
    return html.Shown.one("map", html.part("notebook_map", inline, title), f"Map {name}: {description}", map=name,
                          title=title, description=description, events=list(data_events(data)))


def data_events(data: dict):
    """The ids of the events a map's data holds."""
    return (e["id"] for e in data["events"])


def describe(events: pd.DataFrame) -> str:
    """A map's events in a sentence, computed from the rows it draws (its text description)."""
    if events.empty:
        return _("No events.")
    first, last = events["date"].min(), events[["date", "end_date"]].max(axis=1).max()
    return _("{events}, {span}: {statuses}.").format(events=formats.count(len(events), "event", "events"),
                                                     span=formats.date_range(first, last),
                                                     statuses=", ".join(tables.status_parts(events)))
