"""Tables for the page: a frame's rows as an accessible HTML table, with source links and status badges.

The markup is the ``table`` macro of ``fissures/templates/parts.html.j2``; every value is escaped,
dates and numbers are written by ``fissures.formats``. A table shows at most ``MAX_ROWS`` rows,
with a note pointing to the downloads, so a page keeps its size however much data there is.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from fissures import formats, html, i18n, labels
from fissures.evidence import split_ids
from fissures.i18n import _

MAX_ROWS = 100  # rows a table or list shows on a page; the rest are in the downloads
COLLAPSE_ABOVE = 12  # a longer table opens collapsed, under a one-line summary: the prose comes first


def headers(columns: dict[str, str]) -> dict[str, str]:
    """A table's column headers (marked with ``N_``), translated for the current edition."""
    return {column: _(header) for column, header in columns.items()}


def text(value: object) -> str:
    """A cell as a reader sees it: dates in words, numbers with the edition's separators, missing as empty."""
    if value is None or (not isinstance(value, (str, list, tuple)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return formats.date(value, "short")
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (hasattr(value, "dtype") and getattr(value, "dtype").kind in "iu"):
        return formats.number(int(value))
    if isinstance(value, float) or (hasattr(value, "dtype") and getattr(value, "dtype").kind == "f"):
        shown = repr(float(value))
        return formats.number(float(value), digits=len(shown.split(".")[1]) if "." in shown and "e" not in shown else 0)
    return str(value)


SOURCE_EDITION_ONLY = ("quote_en",)  # our English translation of the article: not in the French edition
LANGUAGE_OF = {"quote_fr": "fr", "french": "fr", "quote_en": "en"}  # columns in a language of their own (WCAG 3.1.2)


def render(frame: pd.DataFrame, caption: str, *, columns: dict[str, str] | None = None,
           sources: Iterable[str] = ("source_ids",), status: Iterable[str] = ("status",),
           max_rows: int | None = MAX_ROWS, row_ids: Iterable[str] | None = None,
           collapse: bool | None = None) -> html.Shown:
    """``frame`` as an accessible HTML table: a caption, header cells, every value escaped.

    ``columns`` maps column names to their headers (and picks and orders them); columns named in
    ``sources`` become links to the Sources page, those in ``status`` become badges. At most
    ``max_rows`` rows are shown (None: all), with a note saying how many there are. ``row_ids``
    (one per row) mark each row with ``data-row``, so a test can find one fact on every page.
    A table of more than ``COLLAPSE_ABOVE`` rows opens collapsed (``collapse`` decides otherwise).
    """
    columns = columns or {c: c.replace("_", " ") for c in frame.columns}
    if i18n.current() != i18n.SOURCE:  # the French edition lets the article's French stand alone
        columns = {c: h for c, h in columns.items() if c not in SOURCE_EDITION_ONLY}
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"table {caption!r}: no column {', '.join(missing)} (have {', '.join(map(str, frame.columns))})")
    sources, status = set(sources), set(status)
    ids = list(row_ids) if row_ids is not None else [None] * len(frame)
    if len(ids) != len(frame):
        raise ValueError(f"table {caption!r}: {len(ids)} row ids for {len(frame)} rows")
    shown = frame if max_rows is None else frame.head(max_rows)
    rows = []
    for row_id, (_i, row) in zip(ids, shown.iterrows()):
        cells = []
        for column in columns:
            value = row[column]
            if column in sources:
                cells.append({"kind": "sources", "value": split_ids(value if isinstance(value, str) else ""), "cls": ""})
            elif column in status:  # a row without a status (a heading row, say) gets no badge
                note = row.get("status_note", "")  # the editors' reason, when the status is not the rule's
                cells.append({"kind": "status", "value": value if isinstance(value, str) else "", "cls": "",
                              "note": note if isinstance(note, str) else ""})
            else:
                cells.append({"kind": "text", "value": text(value), "cls": column if column == "figure" else "",
                              "lang": LANGUAGE_OF.get(column, "")})
        rows.append({"id": row_id, "cells": cells})
    collapsed = len(shown) > COLLAPSE_ABOVE if collapse is None else collapse
    markup = html.part("table", caption, list(columns.values()), rows, len(frame), collapsed)
    meta = {"caption": caption, "rows": len(shown)}
    if "event_id" in frame.columns:  # the chapter shows these events: the explorer links back to it
        meta["events"] = list(dict.fromkeys(frame["event_id"]))
    return html.Shown.one("table", markup, f"Table: {caption} ({len(shown)} rows)", **meta)


def status_parts(rows: pd.DataFrame, *, words: bool = False) -> list[str]:
    """Rows counted by status, with who claims what is not confirmed: the core of every text twin.

    ``["5 confirmed", "2 claimed (who claims it: Gov. Gladkov ×2)"]``; with ``words``, each status
    is said in words ("confirmed by independent sources").
    """
    parts = []
    for code in labels.STATUSES:
        subset = rows[rows["status"] == code]
        if subset.empty:
            continue
        part = (f"{formats.number(len(subset))} {labels.status(code)}" if words
                else labels.status_count(code, len(subset)))
        if code != "confirmed":
            who = subset["claimed_by"].replace("", _("unnamed")).value_counts(sort=True)
            part += " (" + _("who claims it: {who}").format(
                who="; ".join(f"{w} ×{n}" if n > 1 else w for w, n in who.items())) + ")"
        parts.append(part)
    return parts
