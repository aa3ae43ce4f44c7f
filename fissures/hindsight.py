"""Hindsight: what was known when the article appeared, what polls said, and the evidence for and against its argument.

``known_when`` / ``draw_known_when`` / ``describe_known_when`` read ``data/events.csv`` (first reports and later
checks); ``opinion_table`` / ``draw_opinion`` / ``describe_opinion`` read ``data/opinion.csv``;
``for_and_against`` / ``draw_for_and_against`` / ``describe_for_and_against`` read ``data/argument_evidence.csv``.
"""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D

from fissures import figures, formats, labels, style
from fissures.evidence import AS_OF, Evidence, learned_later, published, require, split_ids
from fissures.i18n import _
from fissures.timeline import short_label as timeline_label

OPINION_YLIM = (50, 100)
ARTICLE_BAND_DAYS = 12  # the article's 2-4 June window, widened so it shows at the scale of two years
DIRECTIONS = ("supports", "cuts-against")
KNOWN_COLUMNS = ("event_id", "label", "status", "date", "first_reported", "first_report_source", "published",
                 "later_status_date", "later_status_source", "report_lag_days", "later_lag_days",
                 "later_after_article")
FOR_COLUMNS = ("node_id", "node_label", "kind", "direction", "summary_en", "source_ids")


# --- 1. What was known when ----------------------------------------------------------------------------------


def known_when(ev: Evidence) -> pd.DataFrame:
    """One row per event the article relies on: when it happened, was first reported and was later checked."""
    published_on = published(ev)
    events = ev.events
    require(events, ("event_id", "date", "status", "article_paragraphs", "first_reported", "first_report_source",
                     "later_status_date", "later_status_source"), "ev.events")
    used = events[events["article_paragraphs"].fillna("").astype(str).str.strip() != ""]
    # Learned later is never counted in what was known when: a report or check published after the
    # as-of date is left out of this chart (the Sources page lists it apart).
    late = learned_later(ev)
    used = used.assign(first_reported=used["first_reported"].where(~used["first_report_source"].isin(late)),
                       later_status_date=used["later_status_date"].where(~used["later_status_source"].isin(late)))
    frame = pd.DataFrame({
        "event_id": used["event_id"].astype(str),
        "label": [timeline_label(row) for _i, row in used.iterrows()],
        "status": used["status"].astype(str),
        "date": pd.to_datetime(used["date"]),
        "first_reported": pd.to_datetime(used["first_reported"]),
        "first_report_source": used["first_report_source"].fillna("").astype(str),
        "published": published_on,
        "later_status_date": pd.to_datetime(used["later_status_date"]),
        "later_status_source": used["later_status_source"].fillna("").astype(str),
    })
    frame["report_lag_days"] = (frame["first_reported"] - frame["date"]).dt.days.astype("Int64")
    frame["later_lag_days"] = (frame["later_status_date"] - frame["date"]).dt.days.astype("Int64")
    frame["later_after_article"] = frame["later_status_date"].notna() & (frame["later_status_date"] > published_on)
    return frame.sort_values(["date", "event_id"]).reset_index(drop=True)[list(KNOWN_COLUMNS)]


def describe_known_when(frame: pd.DataFrame) -> str:
    """A caption-ready summary of ``known_when``, computed from the frame."""
    require(frame, KNOWN_COLUMNS, "the known-when frame")
    if frame.empty:
        raise ValueError("the known-when frame has no rows; nothing to describe")
    published_on = pd.Timestamp(frame["published"].iloc[0])
    reported = frame["first_reported"].notna()
    same_day = int((frame["report_lag_days"] == 0).sum())
    before = int((reported & (frame["first_reported"] <= published_on)).sum())
    later = frame[frame["later_status_date"].notna()]
    after = later[later["later_after_article"]]
    text = _("Of {events} the article relies on, {same_day} were first reported on the day they happened and "
             "{before} had been reported by {date}, the article's inferred date. For {later} of them we hold a later "
             "check by another source").format(
        events=formats.count(len(frame), "event", "events"), same_day=formats.number(same_day),
        before=formats.number(before), date=formats.date(published_on), later=formats.number(len(later)))
    if len(after):
        after = after.sort_values("later_status_date")
        names = "; ".join(f"{r.label}, {formats.date(r.later_status_date)}" for r in after.itertuples())
        text += _(": {before} before publication and {after} after it ({names}).").format(
            before=formats.number(len(later) - len(after)), after=formats.number(len(after)), names=names)
    else:
        text += _(", all before publication.")
    missing = int((~reported).sum())
    if missing:
        text += " " + _("{events} with no first report recorded.").format(
            events=formats.count(missing, "event", "events"))
    return text


def _clip(stamp: pd.Timestamp, window: tuple[pd.Timestamp, pd.Timestamp]) -> tuple[pd.Timestamp, bool]:
    """A date moved into the chart's window, and whether it was moved."""
    low, high = window
    if stamp < low:
        return low + pd.Timedelta(days=1), True
    if stamp > high:
        return high, True
    return stamp, False


def draw_known_when(frame: pd.DataFrame, window: tuple[object, object], *, title: str, source: str) -> plt.Figure:
    """One row per event: the event (status marker), its first report, the article, and later checks.

    ``window`` is the span of dates drawn; an event before it is drawn at its left edge, with its date.
    """
    require(frame, KNOWN_COLUMNS, "the known-when frame")
    if frame.empty:
        raise ValueError("the known-when frame has no rows; nothing to draw")
    window = (pd.Timestamp(window[0]), pd.Timestamp(window[1]))
    style.apply()
    colours = style.HINDSIGHT
    rows = frame.reset_index(drop=True)
    statuses = [s for s in style.STATUS_ORDER if s in set(rows["status"])]
    narrow = style.narrow()  # on phones: labels on two lines, the key in one column below
    row_height, above, below = (0.5, 0.9, 2.0) if narrow else (0.3, 0.55, 1.45)
    height = above + below + 0.1 + row_height * len(rows)
    fig, ax = plt.subplots(figsize=(style.fig_width(), height))
    published_on = pd.Timestamp(rows["published"].iloc[0])
    low, high = window
    ax.axvspan(low, published_on, color=colours["known_shade"], zorder=0)
    ax.axvspan(published_on, high, color=colours["after_shade"], zorder=0)
    ax.axvline(published_on, color=colours["article"], linewidth=1.6, zorder=1)
    top = len(rows) - 0.3
    ax.text(published_on - pd.Timedelta(days=1), top + (1.25 if narrow else 0.55), _("← what the author could know"),
            ha="right", va="bottom", fontsize=9, color=style.INK)  # on phones the two notes take a row each
    ax.text(published_on + pd.Timedelta(days=1), top + 0.55,
            _("article ({date}) → hindsight").format(date=formats.date(published_on, "short")),
            ha="right" if narrow else "left", va="bottom", fontsize=9, color=style.INK)
    for y, row in zip(range(len(rows) - 1, -1, -1), rows.itertuples()):
        x, moved = _clip(pd.Timestamp(row.date), window)
        ax.axhline(y, color=style.RULE, linewidth=0.5, zorder=1)
        if pd.notna(row.later_status_date):
            ax.plot([x, row.later_status_date], [y, y], color=colours["later"], linewidth=1.2,
                    linestyle=(0, (2, 2)), zorder=2)
            ax.scatter([row.later_status_date], [y], s=42, marker="s", color=colours["later"], zorder=4)
        if pd.notna(row.first_reported):
            report, _moved = _clip(pd.Timestamp(row.first_reported), window)
            if report != x:
                ax.plot([x, report], [y, y], color=colours["first_report"], linewidth=1.2, zorder=2)
            ax.scatter([report], [y + 0.3], s=30, marker="v", color=colours["first_report"], zorder=5)
        ax.scatter([x], [y], s=55, zorder=3, **style.status_marker_kwargs(row.status, colours["event"]))
        if moved:
            ax.annotate(f"◀ {formats.date(row.date, 'short')}", (x, y), xytext=(8, 0), textcoords="offset points",
                        va="center", fontsize=9, color=style.MUTED)
    names = [style.wrap(str(label), 9.5, 0.38) if narrow else str(label) for label in rows["label"]]
    ax.set_yticks(range(len(rows) - 1, -1, -1), names, fontsize=9.5)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.7, top + (2.0 if narrow else 1.4))
    ax.set_xlim(low, high)
    ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO, interval=4 if narrow else 2))
    figures.date_axis(ax.xaxis, "day-month")
    ax.spines["left"].set_visible(False)
    style.title(fig, ax, title, pad=12)
    handles = [
        ax.scatter([], [], s=55, **style.status_marker_kwargs(s, colours["event"])) for s in statuses
    ] + [
        Line2D([], [], marker="v", linestyle="none", markersize=6, color=colours["first_report"]),
        Line2D([], [], marker="s", linestyle=(0, (2, 2)), markersize=6, color=colours["later"]),
    ]
    words = [_("event {status}").format(status=labels.status(s)) for s in statuses] + [
        _("first report we hold (drawn just above the row)"), _("later check by another source")]
    if narrow:
        words = [style.wrap(w, 9, 0.85) for w in words]
    fig.legend(handles, words, loc="lower left", bbox_to_anchor=(0.01, 0.3 / height), ncol=style.columns(2),
               fontsize=9, handletextpad=0.4, columnspacing=1.2)
    fig.subplots_adjust(left=0.44 if narrow else 0.3, right=0.98, top=1 - above / height, bottom=below / height)
    style.source_line(fig, source)
    return fig


# --- 2. Public opinion ---------------------------------------------------------------------------------------


def opinion_table(ev: Evidence, span: tuple[object, object]) -> pd.DataFrame:
    """Monthly approval of Putin by pollster within ``span``, one row per month and pollster (no gaps filled)."""
    opinion = ev.opinion
    require(opinion, ("month", "approve_pct", "disapprove_pct", "pollster", "source_id", "note"), "ev.opinion")
    months = pd.to_datetime(opinion["month"].astype(str), format="%Y-%m", errors="coerce")
    bad = opinion["month"][months.isna()]
    if len(bad):
        raise ValueError(f"opinion month {bad.iloc[0]!r} is not a month written YYYY-MM")
    frame = pd.DataFrame({
        "month": months.values,
        "pollster": opinion["pollster"].astype(str).values,
        "approve_pct": opinion["approve_pct"].astype("Int64").values,
        "disapprove_pct": opinion["disapprove_pct"].astype("Int64").values,
        "source_id": opinion["source_id"].astype(str).values,
        "note": opinion["note"].fillna("").astype(str).values,
    })
    low, high = pd.Timestamp(span[0]), pd.Timestamp(span[1])
    frame = frame[(frame["month"] >= low) & (frame["month"] <= high)]
    frame = frame.assign(month_label=[formats.date(m, "month") for m in frame["month"]])
    return frame.sort_values(["pollster", "month"]).reset_index(drop=True)


def _monthly(series: pd.DataFrame, span: tuple[pd.Timestamp, pd.Timestamp]) -> pd.Series:
    """Approval on every month of the span, NaN where no poll is held, plotted mid-month."""
    index = pd.date_range(*span, freq="MS")
    values = series.set_index("month")["approve_pct"].astype("float").reindex(index)
    values.index = values.index + pd.Timedelta(days=14)
    return values


def draw_opinion(ev: Evidence, span: tuple[object, object], marks: dict[str, tuple[float, str]], *, title: str,
                 source: str) -> plt.Figure:
    """Levada approval by month as a line with dots (others hollow), key events and the article's date.

    ``marks`` maps event ids to (height in %, side of the line) for the events drawn as lines,
    labelled with their ``short_label``.
    """
    span = (pd.Timestamp(span[0]), pd.Timestamp(span[1]))
    table = opinion_table(ev, span)
    if table.empty:
        raise ValueError("data/opinion.csv has no rows in the span; nothing to draw")
    published_on = published(ev)
    style.apply()
    narrow = style.narrow()  # on phones the events are numbered on the chart and named in a key below it
    below = 0.95 + 0.2 * len(marks) if narrow else 0.84
    fig, ax = plt.subplots(figsize=(style.fig_width(), 3.6 + below if narrow else 4.2))
    half = pd.Timedelta(days=ARTICLE_BAND_DAYS / 2)
    ax.axvspan(published_on - half, published_on + half, color=style.HINDSIGHT["known_shade"], zorder=0)
    ax.text(published_on + half, OPINION_YLIM[0] + 1.5, " " + _("the article"), ha="left", va="bottom", fontsize=9,
            color=style.INK)
    order = ["Levada Center"] + sorted(p for p in table["pollster"].unique() if p != "Levada Center")
    for pollster in [p for p in order if p in set(table["pollster"])]:
        colour = style.POLLSTER_COLOURS.get(pollster, style.MUTED)
        values = _monthly(table[table["pollster"] == pollster], span)
        main = pollster == "Levada Center"
        label = (_("Levada Center (independent)") if main else
                 _("{pollster} (different question, not comparable)").format(pollster=pollster))
        ax.plot(values.index, values.values, color=colour, linewidth=2 if main else 1.2,
                linestyle="-" if main else (0, (3, 2)), zorder=3)
        ax.scatter(values.index, values.values, s=30 if main else 34, zorder=4, label=label,
                   facecolors=colour if main else "white", edgecolors=colour, linewidths=1.5)
    key = []
    for number, (event_id, (height, side)) in enumerate(marks.items(), start=1):
        if event_id not in ev.events.index:
            raise ValueError(f"opinion chart marks event {event_id!r}, which is not in data/events.csv")
        event = ev.events.loc[event_id]
        date = pd.Timestamp(event["date"])
        ax.axvline(date, color=style.MUTED, linewidth=0.8, linestyle=(0, (1, 2)), zorder=1)
        if narrow:
            ax.text(date, OPINION_YLIM[1] - 1 - 5 * ((number - 1) % 3), str(number), ha="center", va="top", fontsize=9,
                    weight="bold", color=style.INK, zorder=2,
                    bbox={"boxstyle": "circle,pad=0.25", "facecolor": "white", "edgecolor": style.MUTED})
            key.append(f"{number}  {timeline_label(event)}, {formats.date(date, 'short')}")
            continue
        shift = pd.Timedelta(days=4 if side == "right" else -4)
        ax.text(date + shift, height, timeline_label(event), fontsize=9, ha="left" if side == "right" else "right",
                va="top", color=style.INK, zorder=2, bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6,
                                                           "alpha": 0.9})
    ax.set_ylim(*OPINION_YLIM)
    ax.set_xlim(*span)
    ax.set_ylabel(_("Approve of Putin (%)\naxis starts at 50%"))
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7) if narrow else (1, 4, 7, 10)))
    figures.date_axis(ax.xaxis, "month-short")
    style.title(fig, ax, title)
    height = fig.get_figheight()
    if narrow:
        ax.legend(loc="upper left", bbox_to_anchor=(-0.2, -0.1), fontsize=9, borderaxespad=0)
        fig.text(0.02, (below - 0.75) / height, "\n".join(key), ha="left", va="top", fontsize=9, color=style.INK,
                 linespacing=1.5)
    else:
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 0.02), fontsize=9)
    fig.subplots_adjust(left=0.2 if narrow else 0.12, right=0.98, top=1 - (0.75 if narrow else 0.42) / height,
                        bottom=below / height)
    style.source_line(fig, source)
    return fig


def describe_opinion(ev: Evidence, span: tuple[object, object]) -> str:
    """A caption-ready summary of the polls, with the caveat on wartime polling."""
    table = opinion_table(ev, span)
    if table.empty:
        raise ValueError("data/opinion.csv has no rows in the span; nothing to describe")
    levada = table[table["pollster"] == "Levada Center"]
    others = table[table["pollster"] != "Levada Center"]
    text = ""
    if len(levada):
        low, high = levada.loc[levada["approve_pct"].idxmin()], levada.loc[levada["approve_pct"].idxmax()]
        text = _("We hold Levada Center figures for {months} of {span}; approval ranged from {low} ({low_month}) "
                 "to {high} ({high_month}).").format(
            months=formats.count(len(levada), "month", "months"),
            span=f"{pd.Timestamp(span[0]).year}–{pd.Timestamp(span[1]).year}",
            low=formats.percent(low["approve_pct"]), low_month=formats.date(low["month"], "month"),
            high=formats.percent(high["approve_pct"]), high_month=formats.date(high["month"], "month"))
        near = levada[levada["month"].dt.strftime("%Y-%m").isin(["2023-05", "2023-06"])]
        if len(near):
            text += " " + _("Around the article: {figures}.").format(figures=formats.items(
                _("{pct} in {month}").format(pct=formats.percent(r.approve_pct), month=formats.date(r.month, "month"))
                for r in near.itertuples()))
    if len(others):
        text += " " + _("{readings} from other pollsters ({pollsters}) are drawn hollow: they ask a different question "
                        "and are not comparable with Levada.").format(
            readings=formats.count(len(others), "reading", "readings"),
            pollsters=formats.items(sorted(others["pollster"].unique())))
    text += " " + _("Points sit mid-month; months without a figure are left as gaps. The axis starts at 50%. Polls in "
                    "wartime Russia are contested: fear of answering and falling response rates may inflate approval, "
                    "so a stable figure shows no measured fall, not sincere support.")
    return text.strip()


# --- 3. Evidence for and against ------------------------------------------------------------------------------


def for_and_against(ev: Evidence) -> pd.DataFrame:
    """The evidence on the thesis and each mechanism: node label, direction, summary and sources."""
    argument, evidence = ev.argument, ev.argument_evidence
    require(argument, ("node_id", "kind", "label_en"), "ev.argument")
    require(evidence, ("evidence_id", "node_id", "direction", "summary_en", "source_ids"), "ev.argument_evidence")
    nodes = argument[argument["kind"].isin(["thesis", "mechanism"])]
    order = {node: i for i, node in enumerate(nodes.sort_values("kind", key=lambda k: k != "thesis", kind="stable")
                                              ["node_id"])}
    bad = evidence["direction"][~evidence["direction"].isin(DIRECTIONS)]
    if len(bad):
        raise ValueError(f"evidence direction {bad.iloc[0]!r} is not one of: {', '.join(DIRECTIONS)}")
    rows = evidence[evidence["node_id"].isin(order)]
    frame = pd.DataFrame({
        "evidence_id": rows["evidence_id"].astype(str).values,
        "node_id": rows["node_id"].astype(str).values,
        "node_label": [str(argument.loc[n, "label_en"]) for n in rows["node_id"]],
        "kind": [str(argument.loc[n, "kind"]) for n in rows["node_id"]],
        "direction": rows["direction"].astype(str).values,
        "direction_label": [labels.direction(d) for d in rows["direction"]],
        "summary_en": rows["summary_en"].astype(str).values,
        "source_ids": rows["source_ids"].astype(str).values,
    })
    late = learned_later(ev)  # learned later: every source of the piece was published after the as-of date
    frame["later"] = [bool(split_ids(cell)) and set(split_ids(cell)) <= late for cell in frame["source_ids"]]
    frame["_order"] = frame["node_id"].map(order)
    frame["_dir"] = frame["direction"].map({d: i for i, d in enumerate(DIRECTIONS)})
    return frame.sort_values(["_order", "_dir", "evidence_id"]).drop(columns=["_order", "_dir"]).reset_index(drop=True)


def evidence_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Pieces of evidence per node and direction, nodes in the frame's order."""
    require(frame, FOR_COLUMNS, "the for-and-against frame")
    bad = frame["direction"][~frame["direction"].isin(DIRECTIONS)]
    if len(bad):
        raise ValueError(f"evidence direction {bad.iloc[0]!r} is not one of: {', '.join(DIRECTIONS)}")
    nodes = list(dict.fromkeys(frame["node_id"]))
    counts = frame.groupby(["node_id", "direction"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=nodes, columns=list(DIRECTIONS), fill_value=0)
    later = frame["later"] if "later" in frame.columns else pd.Series(False, index=frame.index)
    late = frame[later.astype(bool)].groupby(["node_id", "direction"]).size().unstack(fill_value=0)
    late = late.reindex(index=nodes, columns=list(DIRECTIONS), fill_value=0)
    for direction in DIRECTIONS:  # of which learned later
        counts[f"{direction}-later"] = late[direction]
    node_labels = frame.drop_duplicates("node_id").set_index("node_id")
    counts.insert(0, "kind", node_labels["kind"].reindex(nodes))
    counts.insert(0, "node_label", node_labels["node_label"].reindex(nodes))
    return counts


def draw_for_and_against(ev: Evidence, *, title: str, source: str) -> plt.Figure:
    """Diverging bars: pieces of evidence supporting (right) and cutting against (left) each node."""
    counts = evidence_counts(for_and_against(ev))
    if counts.empty:
        raise ValueError("data/argument_evidence.csv has no evidence on the thesis or a mechanism; nothing to draw")
    style.apply()
    n = len(counts)
    later = int(counts[[f"{d}-later" for d in DIRECTIONS]].to_numpy().sum())
    narrow = style.narrow()  # on phones: names on more lines, a wrapped title
    height = (1.9 if narrow else 1.5) + (1.0 if narrow else 0.75) * n + 0.45  # room for the learned-later note
    fig, ax = plt.subplots(figsize=(style.fig_width(), height))
    ys = list(range(n - 1, -1, -1))
    most = int(max(counts["supports"].max(), counts["cuts-against"].max(), 1))
    for y, (node, row) in zip(ys, counts.iterrows()):
        for direction, sign in (("supports", 1), ("cuts-against", -1)):
            value, later = int(row[direction]), int(row[f"{direction}-later"])
            colour = style.DIRECTION_COLOURS[direction]
            ax.barh(y, sign * (value - later), height=0.6, color=colour, edgecolor=colour)
            if later:  # learned later: drawn apart, hollow and hatched, beyond what was known by the as-of date
                ax.barh(y, sign * later, left=sign * (value - later), height=0.6, color="white", edgecolor=colour,
                        hatch="////", linewidth=1)
            ax.text(sign * (value + most * 0.04), y, formats.number(value), ha="left" if sign > 0 else "right",
                    va="center", fontsize=10, fontweight="bold", color=style.INK)
    names = [_("Thesis: {label}").format(label=r.node_label) if r.kind == "thesis" else str(r.node_label)
             for r in counts.itertuples()]
    ax.set_yticks(ys, [style.wrap(name, 9.5, 0.4) if narrow else textwrap.fill(name, 34) for name in names],
                  fontsize=9.5)
    ax.tick_params(axis="y", length=0)
    ax.axvline(0, color=style.INK, linewidth=1)
    ax.set_xlim(-most * 1.35, most * 1.35)
    ax.set_ylim(-0.6, n - 0.2)
    ticks = list(range(-most, most + 1))
    ax.set_xticks(ticks, [formats.number(abs(t)) for t in ticks])
    ax.set_xlabel(_("pieces of evidence we compiled"))
    ax.text(-most * 0.05, n - 0.35, "← " + labels.direction("cuts-against"), ha="right", va="bottom", fontsize=10,
            color=style.DIRECTION_COLOURS["cuts-against"], fontweight="bold")
    ax.text(most * 0.05, n - 0.35, labels.direction("supports") + " →", ha="left", va="bottom", fontsize=10,
            color=style.DIRECTION_COLOURS["supports"], fontweight="bold")
    ax.spines["left"].set_visible(False)
    if later:  # under the axis title, above the source line
        fig.text(0.01, 0.62 / height, style.wrap(_("Hatched: learned later, from sources published after {as_of}.").format(
            as_of=formats.date(AS_OF)), 9, 0.95), ha="left", va="top", fontsize=9, color=style.INK)
    fig.text(0.01, 1 - 0.12 / height, style.wrap(title, 12, 0.9), ha="left", va="top", fontsize=12, fontweight="bold")
    fig.subplots_adjust(left=0.45 if narrow else 0.38, right=0.97, top=1 - (1.1 if narrow else 0.75) / height,
                        bottom=(0.85 + (0.45 if later else 0)) / height)
    style.source_line(fig, source)
    return fig


def describe_for_and_against(ev: Evidence) -> str:
    """A caption-ready summary of the evidence counts per node."""
    frame = for_and_against(ev)
    if frame.empty:
        raise ValueError("data/argument_evidence.csv has no evidence on the thesis or a mechanism; nothing to describe")
    counts = evidence_counts(frame)
    sources = {s for cell in frame["source_ids"] for s in split_ids(cell)}
    mechanisms = int((counts["kind"] == "mechanism").sum())
    text = _("We compiled {pieces} of evidence on the thesis and {mechanisms}, from {sources}: {supports} support the "
             "point they bear on and {against} cut against it.").format(
        pieces=formats.count(len(frame), "piece", "pieces"),
        mechanisms=formats.count(mechanisms, "mechanism", "mechanisms"),
        sources=formats.count(len(sources), "source", "sources"),
        supports=formats.number(int(counts["supports"].sum())), against=formats.number(int(counts["cuts-against"].sum())))
    parts = [_("{node} ({supports} for, {against} against)").format(
        node=_("the thesis") if row["kind"] == "thesis" else row["node_label"],
        supports=formats.number(int(row["supports"])), against=formats.number(int(row["cuts-against"])))
        for _id, row in counts.iterrows()]
    text += " " + _("By node: {parts}.").format(parts="; ".join(parts)) + " "
    later = int(frame["later"].sum())
    if later:
        text += _("{n} of them rest only on sources published after {as_of}, learned later; the chart hatches "
                  "them.").format(n=formats.number(later), as_of=formats.date(AS_OF)) + " "
    text += _("The counts say how much we found and chose to record, not how strong each piece is; read the rows "
              "for that.")
    return text
