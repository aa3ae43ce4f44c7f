"""Contested numbers (``data/numbers.csv``): one figure per source, said, tabled and drawn one way everywhere.

A figure is written by ``figure_text`` alone, from its row's ``value``, ``value_max`` and
``qualifier`` ("more than 25", "about 40,000", "4–10"), so the article's 40,000 reads the same in
every chapter. ``rows`` gives the figures with who gave them and when; ``table`` shows them;
``draw`` puts panels of them on one dot plot (one strip per event, the article's own figure
highlighted, arrows for "more than", bars for ranges); ``describe`` says the plot in words.
Which figures a chapter shows, and under which titles, is the chapter's choice.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from fissures import figures, formats, html, labels, style, tables
from fissures.evidence import ARTICLE_SOURCE, Evidence
from fissures.i18n import N_, _

LOG_SPAN = 100  # a panel turns logarithmic when its largest figure is this many times its smallest
ROLES = ("article", "source", "comparison")
# The columns of the table behind a numbers chart (panels_table), with their headers.
PANEL_COLUMNS = {"panel": N_("Panel"), "strip": N_("Where and when"), "figure": N_("Figure"), "who": N_("Given by"),
                 "role_label": N_("Drawn as"), "source_id": N_("Source")}
TABLE_COLUMNS = {"measure_label": N_("What is counted"), "figure": N_("Figure"), "given_by": N_("Given by"),
                 "reported": N_("Reported"), "source_id": N_("Source"), "note": N_("Note")}
SERIES_COLUMNS = {"count": N_("What is counted"), "reported": N_("Reported"), "figure": N_("Figure"),
                  "given_by": N_("Given by"), "source_id": N_("Source")}


def figure_text(row: Mapping) -> str:
    """A figure as its source said it: "8", "more than 25", "at least 12", "about 40,000", "up to 50", "4–10"."""
    high = row.get("value_max")
    high = None if high is None or pd.isna(high) else int(high)
    return formats.qualified(int(row["value"]), high, row["qualifier"])


def who(given_by: str) -> str:
    """Who gave a figure, short enough for a chart's margin: "Baza (Telegram channel …)" -> "Baza"."""
    name = re.sub(r"\s*\(.*?\)", "", str(given_by)).strip() or str(given_by)
    return textwrap.shorten(name, 34, placeholder="…")


def _strip(ev: Evidence, event_id: str) -> str:
    event = ev.events.loc[event_id]
    label = event["short_label"] or labels.event_type(event["event_type"])
    last = event["end_date"] if pd.notna(event["end_date"]) else event["date"]
    return f"{label}, {formats.date_range(event['date'], last, 'day-month')}"


def rows(ev: Evidence, ids: Sequence[str]) -> pd.DataFrame:
    """The figures ``ids`` (numbers.csv ids, in that order) with what they count, the figure as said,
    who gave it and when (the source's date), and the event strip they belong to."""
    ids = list(ids)
    missing = [n for n in ids if n not in ev.numbers.index]
    if missing:
        raise ValueError(f"number id {missing[0]!r} is not in data/numbers.csv")
    n = ev.numbers.loc[ids]
    # The day the figure was given (reported_on), else its source's date.
    reported = [said if pd.notna(said) else ev.sources.at[s, "date"] if s in ev.sources.index else pd.NaT
                for said, s in zip(n["reported_on"], n["source_id"])]
    return pd.DataFrame({
        "number_id": ids, "event_id": n["event_id"].to_numpy(), "measure": n["measure"].to_numpy(),
        "measure_label": [labels.measure(m) for m in n["measure"]],
        "value": n["value"].astype(int).to_numpy(), "value_max": n["value_max"].to_numpy(),
        "qualifier": n["qualifier"].to_numpy(), "figure": [figure_text(r) for _i, r in n.iterrows()],
        "given_by": n["given_by"].to_numpy(), "who": [who(g) for g in n["given_by"]], "reported": reported,
        "source_id": n["source_id"].to_numpy(), "note": n["note"].to_numpy(),
        "is_article": (n["source_id"] == ARTICLE_SOURCE).to_numpy(),
        "strip": [_strip(ev, e) for e in n["event_id"]],
    })


def table(ev: Evidence, ids: Sequence[str], caption: str) -> html.Shown:
    """The figures ``ids`` as a table: what is counted, the figure, who gave it, when, the source, the caveat."""
    frame = rows(ev, ids)
    return tables.render(frame, caption, columns=tables.headers(TABLE_COLUMNS),
                         sources=("source_id",), status=(), row_ids=frame["number_id"])


def series(ev: Evidence) -> pd.DataFrame:
    """Every count that more than one figure gives, as a series: its figures in the order they were given
    (earliest first), with who gave each and where; the counts in the order of their events."""
    n = ev.numbers
    sizes = n.groupby(["event_id", "measure"])["number_id"].transform("size")
    frame = rows(ev, list(n[sizes > 1].index))
    frame = frame.assign(count=[f"{m}: {s}" for m, s in zip(frame["measure_label"], frame["strip"])],
                         _start=frame["event_id"].map(ev.events["date"]))
    frame = frame.sort_values(["_start", "event_id", "measure", "reported", "number_id"], kind="stable")
    return frame.drop(columns="_start").reset_index(drop=True)


def series_table(ev: Evidence, caption: str) -> html.Shown:
    """``series`` as a table, one row per figure."""
    frame = series(ev)
    return tables.render(frame, caption, columns=tables.headers(SERIES_COLUMNS), sources=("source_id",), status=(),
                         row_ids=frame["number_id"], max_rows=None)


def roles(frame: pd.DataFrame) -> list[str]:
    """Each figure's role in its panel: the article's own figure, the same count by a source, or another
    count shown for comparison (a measure other than the article's, or than the panel's first)."""
    article = frame[frame["is_article"]]
    main = article["measure"].iloc[0] if len(article) else frame["measure"].iloc[0]
    return ["article" if a else "source" if m == main else "comparison"
            for a, m in zip(frame["is_article"], frame["measure"])]


def _panel(frame: pd.DataFrame) -> pd.DataFrame:
    """One panel's marks: roles, and a y position per mark in strips (largest figure on top)."""
    frame = frame.assign(role=roles(frame)).reset_index(drop=True)
    positions, y = {}, 0.0
    for strip in dict.fromkeys(frame["strip"]):
        for index in frame[frame["strip"] == strip].sort_values("value", ascending=False, kind="stable").index:
            positions[index] = -y
            y += 1
        y += 0.9  # room for the next strip's label
    return frame.assign(y=frame.index.map(positions))


def panels_table(ev: Evidence, panels: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """The rows ``draw`` draws, panel by panel: each figure, who gave it, and its role."""
    if not panels:
        raise ValueError("a numbers chart needs at least one panel")
    words = {"article": _("the article's figure"), "source": _("the same count, another source"),
             "comparison": _("a related count")}
    frames = []
    for title, ids in panels.items():
        part = _panel(rows(ev, ids))
        frames.append(part.assign(panel=title, role_label=part["role"].map(words)))
    return pd.concat(frames, ignore_index=True)


def draw(ev: Evidence, panels: Mapping[str, Sequence[str]], *, title: str, source: str) -> plt.Figure:
    """Small multiples, one panel per question: each source's figure on its event's strip, the article's highlighted."""
    style.apply()
    drawn = panels_table(ev, panels)
    parts = [(name, drawn[drawn["panel"] == name]) for name in panels]
    narrow = style.narrow()  # on phones each figure's words go above its dot, on a line of their own
    heights = [len(p) + 0.9 * p["strip"].nunique() + 0.4 for _i, p in parts]
    present = [r for r in ROLES if r in set(drawn["role"])]
    unit, head, foot, gap = (0.5, 1.3 + 0.22 * len(present), 0.4, 0.95) if narrow else (0.3, 1.2, 0.75, 0.95)  # in
    body = unit * sum(heights)
    total = body + gap * (len(parts) - 1) + head + foot
    fig, axes = plt.subplots(len(parts), 1, figsize=(style.fig_width(), total), gridspec_kw={"height_ratios": heights})
    fig.subplots_adjust(top=1 - head / total, bottom=foot / total, left=0.03, right=0.97,
                        hspace=gap / (body / len(parts)))
    for ax, (name, part) in zip(np.atleast_1d(axes), parts):
        _draw_panel(ax, name, part)
    fig.suptitle(style.wrap(title, 12, 0.9), x=0.03, ha="left", fontsize=12, weight="bold", y=1 - 0.12 / total,
                 va="top")
    words = {"article": _("the article's figure"), "source": _("a source's figure"),
             "comparison": _("another count, for comparison")}
    handles = [plt.Line2D([], [], marker="o", linestyle="", markersize=8, color=style.NUMBER_COLOURS[k],
                          markeredgecolor=style.INK if k == "article" else style.NUMBER_COLOURS[k], label=words[k])
               for k in present]
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.025, 1 - (0.62 if narrow else 0.42) / total),
               ncol=style.columns(3), fontsize=9,
               handletextpad=0.3, columnspacing=1.2)
    style.source_line(fig, source)
    return fig


def _draw_panel(ax: plt.Axes, name: str, part: pd.DataFrame) -> None:
    """One question: a grey band per strip, a dot (or range bar) per figure, labelled with who gave it (beside
    the dot, or on phones above it)."""
    narrow = style.narrow()
    values = pd.concat([part["value"], part["value_max"].dropna()]).astype(float)
    high = values.max()
    log = high / max(values.min(), 1) >= LOG_SPAN
    if log:
        ax.set_xscale("log")
        ax.set_xlim(max(values.min(), 1) / 2, high * 2.5)
    else:
        ax.set_xlim(0, high * 1.25 + 1)
    low_lim, high_lim = ax.get_xlim()

    def share(v: float) -> float:  # where a value sits across the axis, 0..1
        return np.log10(v / low_lim) / np.log10(high_lim / low_lim) if log else v / high_lim

    for strip in dict.fromkeys(part["strip"]):
        members = part[part["strip"] == strip]
        top, bottom = members["y"].max(), members["y"].min()
        ax.axhspan(bottom - 0.45, top + (0.75 if narrow else 0.45), color=style.PANEL, zorder=0, linewidth=0)
        ax.text(low_lim, top + (0.85 if narrow else 0.6), style.wrap(strip, 9, 0.9) if narrow else strip, fontsize=9,
                weight="bold", color=style.MUTED, va="bottom", ha="left")
    for _i, row in part.iterrows():
        colour = style.NUMBER_COLOURS[row["role"]]
        article = row["role"] == "article"
        start = float(row["value"])
        end = float(row["value_max"]) if pd.notna(row["value_max"]) else start
        if end > start:
            ax.plot([start, end], [row["y"]] * 2, color=colour, linewidth=6, solid_capstyle="butt", zorder=3)
        else:
            ax.scatter([start], [row["y"]], s=110 if article else 60, color=colour, zorder=4,
                       edgecolors=style.INK if article else colour, linewidths=1.2)
        tip = end
        if row["qualifier"] in ("over", "at-least"):
            tip = end * 1.5 if log else end + (high_lim - low_lim) * 0.05
            ax.annotate("", xy=(tip, row["y"]), xytext=(end, row["y"]), zorder=3,
                        arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 1.3})
        right = share(tip) < 0.55  # label to the right of the mark, else to its left
        said = row["figure"] if row["role"] != "comparison" else f"{row['figure']} {row['measure_label']}"
        if narrow:
            ax.annotate(textwrap.shorten(f"{row['who']}: {said}", 52, placeholder="…"), xy=(low_lim, row["y"]),
                        xytext=(2, 5), textcoords="offset points", va="bottom", ha="left", fontsize=8.5,
                        color=style.ARTICLE_COLOUR if article else style.INK, weight="bold" if article else "normal")
            continue
        ax.annotate(f"{row['who']}: {said}", xy=(tip if right else start, row["y"]), xytext=(8 if right else -8, 0),
                    textcoords="offset points", va="center", ha="left" if right else "right", fontsize=9,
                    color=style.ARTICLE_COLOUR if article else style.INK, weight="bold" if article else "normal")
    ax.set_title(style.wrap(name, 10.5, 0.9) if narrow else name, fontsize=10.5, loc="left", pad=24 if narrow else 18)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(part["y"].min() - 0.6, part["y"].max() + (1.6 if narrow else 1.2))
    ax.tick_params(axis="x", labelsize=9)
    figures.number_axis(ax.xaxis)
    if log:
        ax.set_xlabel(_("log scale"), fontsize=8.5, color=style.MUTED, loc="right", labelpad=2)


def describe(drawn: pd.DataFrame) -> str:
    """``draw`` in words, from ``panels_table``'s rows: per panel and strip, each figure and who gave it."""
    parts = []
    for name in dict.fromkeys(drawn["panel"]):
        panel = drawn[drawn["panel"] == name]
        strips = []
        for strip in dict.fromkeys(panel["strip"]):
            said = "; ".join(f"{r['who']}: {r['figure']}"
                             + (f" ({_('the article')})" if r["role"] == "article" else
                                f" {r['measure_label']} ({_('a related count')})" if r["role"] == "comparison" else "")
                             for _i, r in panel[panel["strip"] == strip].iterrows())
            strips.append(f"{strip}: {said}")
        parts.append(f"{name}: " + ". ".join(strips) + ".")
    lead = _("Dot plot, one dot per source, in {n}.").format(
        n=formats.count(drawn["panel"].nunique(), "panel", "panels"))
    return lead + " " + " ".join(parts)


def alt(drawn: pd.DataFrame) -> str:
    """The dot plot's alt text, from ``panels_table``'s rows: per panel, the article's figure against the others."""
    parts = []
    for name in dict.fromkeys(drawn["panel"]):
        panel = drawn[drawn["panel"] == name]
        article = panel[panel["role"] == "article"]
        others = panel[panel["role"] == "source"]
        said = formats.count(len(panel), "figure", "figures")
        if len(article):
            said = _("the article says {figure}; {n} from other sources").format(
                figure=article["figure"].iloc[0], n=formats.count(len(others), "figure", "figures"))
        if len(others):
            said += " " + _("({low} to {high})").format(low=formats.number(int(others["value"].min())),
                                                       high=formats.number(int(others["value"].max())))
        parts.append(f"{name}: {said}")
    return _("Dot plot, one dot per source. {parts}.").format(parts="; ".join(parts))


def figure(ev: Evidence, name: str, panels: Mapping[str, Sequence[str]], *, title: str, caption: str,
           source: str) -> html.Shown:
    """Draw ``panels`` as one dot plot and save it with its text twin: the figures drawn as a table (each row
    marked with its number id), in words, and an alt text computed from the same rows."""
    drawn = panels_table(ev, panels)
    return figures.save(lambda: draw(ev, panels, title=title, source=_("Source: {source}").format(source=source)),
                        name, source=source, alt=alt(drawn), caption=caption, data=drawn,
                        description=describe(drawn), columns=tables.headers(PANEL_COLUMNS),
                        table_kwargs={"sources": ("source_id",), "row_ids": drawn["number_id"]})
