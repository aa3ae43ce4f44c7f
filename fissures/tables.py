"""Tables for the page: escaped HTML with source links and status badges, readable in JupyterLab too."""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd

from fissures.evidence import split_ids
from fissures.style import STATUS_STYLE


MAX_ROWS = 100  # rows a table or list shows on a page; the rest are in the downloads, so pages keep their size


def more(total: int, shown: int) -> str:
    """The note under a table or list cut to ``shown`` of ``total`` rows ("" when nothing was cut)."""
    if total <= shown:
        return ""
    return (f'<p class="table-more">Showing the first {shown:,} of {total:,} rows. Every row is in the '
            '<a href="data.html">data downloads</a>.</p>')


class Table:
    """An HTML table that displays itself in a notebook and on the site."""

    def __init__(self, markup: str, caption: str, rows: int):
        self.markup, self.caption, self.rows = markup, caption, rows

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return f"<Table: {self.caption} ({self.rows} rows)>"


def source_links(ids: str | Iterable[str]) -> str:
    """Links to the Sources page for a ';'-separated list of source ids (escaped)."""
    ids = split_ids(ids) if isinstance(ids, str) else list(ids)
    return ", ".join(f'<a href="sources.html#src-{html.escape(i)}">{html.escape(i)}</a>' for i in ids)


def status_badge(status: str) -> str:
    """The status as a labelled badge, styled by the site's stylesheet."""
    label = STATUS_STYLE.get(status, {}).get("label", status)
    return f'<span class="status status-{html.escape(status)}" title="{html.escape(label)}">{html.escape(status)}</span>'


def render(frame: pd.DataFrame, caption: str, *, columns: dict[str, str] | None = None,
           sources: Iterable[str] = ("source_ids",), status: Iterable[str] = ("status",),
           max_rows: int | None = MAX_ROWS) -> Table:
    """``frame`` as an accessible HTML table: a caption, header cells, every value escaped.

    ``columns`` maps column names to their headers (and picks and orders them); columns named in
    ``sources`` become links to the Sources page, those in ``status`` become badges. At most
    ``max_rows`` rows are shown (None: all), with a note saying how many there are.
    """
    columns = columns or {c: c.replace("_", " ") for c in frame.columns}
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"table {caption!r}: no column {', '.join(missing)} (have {', '.join(frame.columns)})")
    shown = frame if max_rows is None else frame.head(max_rows)
    head = "".join(f'<th scope="col">{html.escape(label)}</th>' for label in columns.values())
    body = []
    for _, row in shown.iterrows():
        cells = []
        for column in columns:
            value = row[column]
            if column in sources:
                text = source_links(value if isinstance(value, str) else "")
            elif column in status:  # a row without a status (a heading row, say) gets no badge
                text = status_badge(str(value)) if isinstance(value, str) and value else ""
            elif isinstance(value, pd.Timestamp):
                text = value.strftime("%Y-%m-%d")
            elif value is None or (not isinstance(value, str) and pd.isna(value)):
                text = ""
            else:
                text = html.escape(str(value))
            cells.append(f"<td>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    markup = (f'<div class="table-wrap" role="region" aria-label="{html.escape(caption)}" tabindex="0">'
              f'<table class="data-table"><caption>{html.escape(caption)}</caption>'
              f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
              + more(len(frame), len(shown)))
    return Table(markup, caption, len(shown))


def status_parts(rows: pd.DataFrame, *, labels: bool = False) -> list[str]:
    """Rows counted by status, with who claims what is not confirmed: the core of every text twin.

    ``["5 confirmed", "2 claimed (who claims it: Gov. Gladkov ×2)"]``; with ``labels``, each status
    is said in words ("confirmed by independent sources").
    """
    parts = []
    for status in STATUS_STYLE:
        subset = rows[rows["status"] == status]
        if subset.empty:
            continue
        text = f"{len(subset)} {STATUS_STYLE[status]['label'] if labels else status}"
        if status != "confirmed":
            who = subset["claimed_by"].replace("", "unnamed").value_counts(sort=True)
            text += " (who claims it: " + "; ".join(f"{w} ×{n}" if n > 1 else w for w, n in who.items()) + ")"
        parts.append(text)
    return parts
