"""The explorer: every event of the report on one page, a map and a zoomable timeline, linked.

``site/explore.html`` is ``fissures/templates/explore.html.j2``; its data is one script,
``explore-data.js``, that sets ``window.FISSURES_EXPLORE`` (so the page works from ``file://``,
where a script may not fetch a file); its code is ``fissures/static/fissures-explore.js`` on top of
the maps' own script. The data is the maps' (``fissures.maps.event_data``) for every event, with
the chapters that show each one, the months the timeline names and the words the explorer says. It
holds the report's events and the attacks of its systematic count (``data/attacks.csv``), marked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fissures import formats, html, maps
from fissures.evidence import Evidence
from fissures.i18n import _

PAGE = "explore.html"
DATA_SCRIPT = "explore-data.js"
MARGIN_DEG = 0.6  # around the events' places, so no marker sits on the map's edge


def words() -> dict:
    """What the explorer's script says, besides the maps' words (``{name}`` marks what it fills in)."""
    return dict(maps.words(), show_more=_("Show {n} more"))


def months(first: dt.date, last: dt.date) -> dict[str, str]:
    """The timeline's month names, by YYYY-MM, from ``first``'s month to ``last``'s."""
    out, month = {}, dt.date(first.year, first.month, 1)
    while month <= last:
        out[month.strftime("%Y-%m")] = formats.date(month, "month-short")
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return out


def shown_in(chapters: list) -> dict[str, list[dict]]:
    """Each event id's chapters ({href, title}), from the events every chapter's outputs show."""
    out: dict[str, list[dict]] = {}
    for chapter in chapters:
        for event_id in getattr(chapter, "events", []):
            out.setdefault(event_id, []).append({"href": chapter.href, "title": chapter.title})
    return out


def data(ev: Evidence, chapters: list) -> dict:
    """The explorer's data: every event, its place, sources and chapters, the calendar and the words."""
    import pandas as pd

    out = maps.event_data(ev, pd.concat([ev.events, ev.attacks]), shown_in(chapters))
    for event in out["events"]:  # the systematic count of attacks, told apart from the report's events
        if event["id"] in ev.attacks.index:
            event["series"] = 1
    lats = [p["lat"] for p in out["places"]] or [50.0]
    lons = [p["lon"] for p in out["places"]] or [37.0]
    out["bbox"] = [[min(lats) - MARGIN_DEG, min(lons) - MARGIN_DEG], [max(lats) + MARGIN_DEG, max(lons) + MARGIN_DEG]]
    first = min(dt.date.fromisoformat(e["date"]) for e in out["events"]) if out["events"] else dt.date(2023, 5, 1)
    last = max(dt.date.fromisoformat(e.get("end", e["date"])) for e in out["events"]) if out["events"] else first
    out["calendar"] = {"months": months(first - dt.timedelta(days=7), last + dt.timedelta(days=7))}
    out["words"] = words()
    return out


def write(out: Path, ev: Evidence, chapters: list, page: dict) -> list[str]:
    """Write ``explore.html`` and ``explore-data.js`` into ``out``; return their names."""
    from fissures import assets

    script = "window.FISSURES_EXPLORE=" + html.script_json(data(ev, chapters)) + ";\n"
    (out / DATA_SCRIPT).write_text(script, encoding="utf-8", newline="\n")
    types = ev.events["event_type"].value_counts()
    (out / PAGE).write_text(html.render("explore.html.j2", page=page, total=len(ev.events) + len(ev.attacks),
                                        types=len(types),
                                        styles=[target for _source, target in assets.MAP_STYLES],
                                        scripts=[target for _source, target in assets.MAP_SCRIPTS]
                                        + [assets.BASE_SCRIPT]),
                            encoding="utf-8", newline="\n")
    return [PAGE, DATA_SCRIPT]
