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

from fissures import style
from fissures.evidence import Evidence, split_ids

# Short labels for the events the article relies on (a few words, to fit a phone screen).
SHORT_LABELS = {
    "2022-02-24-full-scale-invasion": "Full-scale invasion",
    "2022-04-01-belgorod-fuel-depot": "Belgorod fuel depot fire",
    "2022-09-21-partial-mobilisation": "Partial mobilisation",
    "2022-12-05-engels-dyagilevo-drones": "Engels and Dyagilevo airbases",
    "2023-04-29-sevastopol-oil-depot": "Sevastopol oil depot",
    "2023-05-03-kremlin-drones": "Drones over the Kremlin",
    "2023-05-16-kyiv-missile-barrage": "Missiles on Kyiv",
    "2023-05-22-belgorod-raid": "Belgorod raid",
    "2023-05-22-raid-groups-territorial-claims": "Raiders claim villages",
    "2023-05-22-grayvoron-evacuation": "Grayvoron evacuation",
    "2023-05-24-raid-groups-press-conference": "Raiders' press conference",
    "2023-05-28-kyiv-drone-attack": "Drones on Kyiv",
    "2023-05-29-kyiv-daytime-missiles": "Daytime missiles on Kyiv",
    "2023-05-29-budanov-warning": "Budanov's warning",
    "2023-05-30-moscow-drone-attack": "Drones hit Moscow",
    "2023-05-30-drones-downed-rublyovka": "Drones downed at Rublyovka",
    "2023-05-30-mod-terrorist-attack-statement": "MoD: 'terrorist attack'",
    "2023-05-30-prigozhin-outburst": "Prigozhin's tirade",
    "2023-05-31-caesar-interview": "Caesar interview",
    "2023-05-31-afipsky-refinery-drone": "Afipsky refinery drone",
    "2023-06-01-shebekino-shelling": "Shebekino shelled",
    "2023-06-01-shebekino-incursion": "Shebekino incursion",
    "2023-06-01-mod-claims-30-killed": "MoD: '30 killed'",
    "2023-06-01-shebekino-evacuation": "Shebekino evacuation",
    "2023-06-02-novaya-tavolzhanka-fighting": "Novaya Tavolzhanka fighting",
    "2023-06-02-maslova-pristan-shelling": "Maslova Pristan shelled",
    "2023-06-counteroffensive-begins": "Counter-offensive begins",
}
# Events marked on the opinion chart: a brief label, its height (%) and the side of the line it sits on.
# The three May 2023 events sit close together, so their labels are stacked to the left of their lines.
OPINION_EVENTS = {
    "2022-02-24-full-scale-invasion": ("Invasion", 97, "right"),
    "2022-09-21-partial-mobilisation": ("Mobilisation", 97, "right"),
    "2023-05-03-kremlin-drones": ("Kremlin drones", 97, "left"),
    "2023-05-22-belgorod-raid": ("Belgorod raid", 93, "left"),
    "2023-05-30-moscow-drone-attack": ("Moscow drones", 89, "left"),
    "2023-06-23-wagner-mutiny": ("Mutiny", 97, "right"),
    "2023-08-23-prigozhin-plane-crash": ("Prigozhin dies", 93, "right"),
}
KNOWN_WINDOW = (pd.Timestamp("2023-04-24"), pd.Timestamp("2023-07-16"))  # x range of the known-when chart
OPINION_RANGE = (pd.Timestamp("2022-01-01"), pd.Timestamp("2023-12-31"))
OPINION_YLIM = (50, 100)
ARTICLE_BAND_DAYS = 12  # the article's 2-4 June window, widened so it shows at the scale of two years
DIRECTIONS = ("supports", "cuts-against")
KNOWN_COLUMNS = ("event_id", "label", "status", "date", "first_reported", "first_report_source", "published",
                 "later_status_date", "later_status_source", "report_lag_days", "later_lag_days",
                 "later_after_article")
FOR_COLUMNS = ("node_id", "node_label", "kind", "direction", "summary_en", "source_ids")


def _published(ev: Evidence) -> pd.Timestamp:
    """The article's (inferred) publication date from data/article/metadata.json."""
    value = (ev.article or {}).get("published")
    try:
        stamp = pd.Timestamp(value) if value else None
    except (ValueError, TypeError):
        stamp = None
    if stamp is None or pd.isna(stamp):
        raise ValueError(f"article metadata 'published' {value!r} is not a date written YYYY-MM-DD")
    return stamp


def _require(frame: pd.DataFrame, columns: tuple[str, ...], what: str) -> None:
    """Raise ValueError naming the columns ``frame`` lacks."""
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{what} must be a pandas DataFrame, not {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} lacks the column(s) {', '.join(missing)}")


def short_label(event_id: str) -> str:
    """A few words for an event: the curated label, else its id without the date."""
    if not isinstance(event_id, str) or not event_id:
        raise ValueError(f"event id {event_id!r} is not a non-empty string")
    if event_id in SHORT_LABELS:
        return SHORT_LABELS[event_id]
    words = [w for w in event_id.split("-") if not w.isdigit()]
    return " ".join(words).capitalize() or event_id


def _day(value: object) -> str:
    """'3 May 2023' for a timestamp."""
    stamp = pd.Timestamp(value)
    return f"{stamp.day} {stamp:%b %Y}"


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


# --- 1. What was known when ----------------------------------------------------------------------------------


def known_when(ev: Evidence) -> pd.DataFrame:
    """One row per event the article relies on: when it happened, was first reported and was later checked."""
    published = _published(ev)
    events = ev.events
    _require(events, ("event_id", "date", "status", "article_paragraphs", "first_reported", "first_report_source",
                      "later_status_date", "later_status_source"), "ev.events")
    used = events[events["article_paragraphs"].fillna("").astype(str).str.strip() != ""]
    frame = pd.DataFrame({
        "event_id": used["event_id"].astype(str),
        "label": [short_label(e) for e in used["event_id"]],
        "status": used["status"].astype(str),
        "date": pd.to_datetime(used["date"]),
        "first_reported": pd.to_datetime(used["first_reported"]),
        "first_report_source": used["first_report_source"].fillna("").astype(str),
        "published": published,
        "later_status_date": pd.to_datetime(used["later_status_date"]),
        "later_status_source": used["later_status_source"].fillna("").astype(str),
    })
    frame["report_lag_days"] = (frame["first_reported"] - frame["date"]).dt.days.astype("Int64")
    frame["later_lag_days"] = (frame["later_status_date"] - frame["date"]).dt.days.astype("Int64")
    frame["later_after_article"] = frame["later_status_date"].notna() & (frame["later_status_date"] > published)
    return frame.sort_values(["date", "event_id"]).reset_index(drop=True)[list(KNOWN_COLUMNS)]


def describe_known_when(frame: pd.DataFrame) -> str:
    """A caption-ready summary of ``known_when``, computed from the frame."""
    _require(frame, KNOWN_COLUMNS, "the known-when frame")
    if frame.empty:
        raise ValueError("the known-when frame has no rows; nothing to describe")
    n = len(frame)
    published = pd.Timestamp(frame["published"].iloc[0])
    reported = frame["first_reported"].notna()
    same_day = int((frame["report_lag_days"] == 0).sum())
    before = int((reported & (frame["first_reported"] <= published)).sum())
    later = frame[frame["later_status_date"].notna()]
    after = later[later["later_after_article"]]
    text = (f"Of {_plural(n, 'event')} the article relies on, {same_day} were first reported on the day they "
            f"happened and {before} had been reported by {_day(published)}, the article's inferred date. "
            f"For {len(later)} of them we hold a later check by another source")
    if len(after):
        after = after.sort_values("later_status_date")
        names = "; ".join(f"{r.label}, {_day(r.later_status_date)}" for r in after.itertuples())
        text += f": {len(later) - len(after)} before publication and {len(after)} after it ({names})."
    else:
        text += ", all before publication."
    missing = int((~reported).sum())
    if missing:
        text += f" {_plural(missing, 'event')} {'has' if missing == 1 else 'have'} no first report recorded."
    return text


def _clip(stamp: pd.Timestamp) -> tuple[pd.Timestamp, bool]:
    """A date moved into the chart's window, and whether it was moved."""
    low, high = KNOWN_WINDOW
    if stamp < low:
        return low + pd.Timedelta(days=1), True
    if stamp > high:
        return high, True
    return stamp, False


def draw_known_when(frame: pd.DataFrame, *, title: str = "What was known when the article appeared",
                    source: str = "Source: Fissures data/events.csv (first reports and later checks, compiled "
                                  "from the sources in data/sources.csv)") -> plt.Figure:
    """One row per event: the event (status marker), its first report, the article, and later checks."""
    _require(frame, KNOWN_COLUMNS, "the known-when frame")
    if frame.empty:
        raise ValueError("the known-when frame has no rows; nothing to draw")
    style.apply()
    colours = style.HINDSIGHT
    rows = frame.reset_index(drop=True)
    statuses = [s for s in style.STATUS_ORDER if s in set(rows["status"])]
    height = 2.1 + 0.3 * len(rows)
    fig, ax = plt.subplots(figsize=(style.FIG_WIDTH, height))
    published = pd.Timestamp(rows["published"].iloc[0])
    low, high = KNOWN_WINDOW
    ax.axvspan(low, published, color=colours["known_shade"], zorder=0)
    ax.axvspan(published, high, color=colours["after_shade"], zorder=0)
    ax.axvline(published, color=colours["article"], linewidth=1.6, zorder=1)
    top = len(rows) - 0.3
    ax.text(published - pd.Timedelta(days=1), top + 0.55, "← what the author could know", ha="right",
            va="bottom", fontsize=9, color=style.INK)
    ax.text(published + pd.Timedelta(days=1), top + 0.55, f"article ({_day(published)}) → hindsight",
            ha="left", va="bottom", fontsize=9, color=style.INK)
    for y, row in zip(range(len(rows) - 1, -1, -1), rows.itertuples()):
        x, moved = _clip(pd.Timestamp(row.date))
        ax.axhline(y, color=style.RULE, linewidth=0.5, zorder=1)
        if pd.notna(row.later_status_date):
            ax.plot([x, row.later_status_date], [y, y], color=colours["later"], linewidth=1.2,
                    linestyle=(0, (2, 2)), zorder=2)
            ax.scatter([row.later_status_date], [y], s=42, marker="s", color=colours["later"], zorder=4)
        if pd.notna(row.first_reported):
            report, _ = _clip(pd.Timestamp(row.first_reported))
            if report != x:
                ax.plot([x, report], [y, y], color=colours["first_report"], linewidth=1.2, zorder=2)
            ax.scatter([report], [y + 0.3], s=30, marker="v", color=colours["first_report"], zorder=5)
        ax.scatter([x], [y], s=55, zorder=3, **style.status_marker_kwargs(row.status, colours["event"]))
        if moved:
            ax.annotate(f"◀ {_day(row.date)}", (x, y), xytext=(8, 0), textcoords="offset points",
                        va="center", fontsize=9, color=style.MUTED)
    ax.set_yticks(range(len(rows) - 1, -1, -1), [str(label) for label in rows["label"]], fontsize=9.5)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.7, top + 1.4)
    ax.set_xlim(low, high)
    ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO, interval=2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b"))
    ax.spines["left"].set_visible(False)
    ax.set_title(title, pad=12)
    handles = [
        ax.scatter([], [], s=55, **style.status_marker_kwargs(s, colours["event"])) for s in statuses
    ] + [
        Line2D([], [], marker="v", linestyle="none", markersize=6, color=colours["first_report"]),
        Line2D([], [], marker="s", linestyle=(0, (2, 2)), markersize=6, color=colours["later"]),
    ]
    labels = [f"event {style.STATUS_STYLE[s]['label']}" for s in statuses] + [
        "first report we hold (drawn just above the row)", "later check by another source"]
    fig.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.01, 0.3 / height), ncol=2,
               fontsize=9, handletextpad=0.4, columnspacing=1.2)
    fig.subplots_adjust(left=0.3, right=0.98, top=1 - 0.55 / height, bottom=1.45 / height)
    style.source_line(fig, source)
    return fig


# --- 2. Public opinion ---------------------------------------------------------------------------------------


def opinion_table(ev: Evidence) -> pd.DataFrame:
    """Monthly approval of Putin by pollster, 2022-2023, one row per month and pollster (no gaps filled)."""
    opinion = ev.opinion
    _require(opinion, ("month", "approve_pct", "disapprove_pct", "pollster", "source_id", "note"), "ev.opinion")
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
    low, high = OPINION_RANGE
    frame = frame[(frame["month"] >= low) & (frame["month"] <= high)]
    return frame.sort_values(["pollster", "month"]).reset_index(drop=True)


def _monthly(series: pd.DataFrame) -> pd.Series:
    """Approval on every month of the range, NaN where no poll is held, plotted mid-month."""
    index = pd.date_range(*OPINION_RANGE, freq="MS")
    values = series.set_index("month")["approve_pct"].astype("float").reindex(index)
    values.index = values.index + pd.Timedelta(days=14)
    return values


def _key_events(ev: Evidence) -> pd.DataFrame:
    """The events marked on the opinion chart that exist in ``ev.events``, with their brief labels."""
    known = [e for e in OPINION_EVENTS if e in ev.events.index]
    return pd.DataFrame({"event_id": known, "label": [OPINION_EVENTS[e][0] for e in known],
                         "height": [OPINION_EVENTS[e][1] for e in known], "side": [OPINION_EVENTS[e][2] for e in known],
                         "date": [pd.Timestamp(ev.events.loc[e, "date"]) for e in known]})


def draw_opinion(ev: Evidence, *, title: str = "Putin's approval rating, 2022–2023",
                 source: str = "Source: Fissures data/opinion.csv (Levada Center and VTsIOM figures as "
                               "reported)") -> plt.Figure:
    """Levada approval by month as a line with dots (others hollow), key events and the article's date."""
    table = opinion_table(ev)
    if table.empty:
        raise ValueError("data/opinion.csv has no rows in 2022-2023; nothing to draw")
    published = _published(ev)
    style.apply()
    fig, ax = plt.subplots(figsize=style.FIG_SIZES["wide"])
    half = pd.Timedelta(days=ARTICLE_BAND_DAYS / 2)
    ax.axvspan(published - half, published + half, color=style.HINDSIGHT["known_shade"], zorder=0)
    ax.text(published + half, OPINION_YLIM[0] + 1.5, " the article", ha="left", va="bottom", fontsize=9,
            color=style.INK)
    order = ["Levada Center"] + sorted(p for p in table["pollster"].unique() if p != "Levada Center")
    for pollster in [p for p in order if p in set(table["pollster"])]:
        colour = style.POLLSTER_COLOURS.get(pollster, style.MUTED)
        values = _monthly(table[table["pollster"] == pollster])
        main = pollster == "Levada Center"
        label = "Levada Center (independent)" if main else f"{pollster} (different question, not comparable)"
        ax.plot(values.index, values.values, color=colour, linewidth=2 if main else 1.2,
                linestyle="-" if main else (0, (3, 2)), zorder=3)
        ax.scatter(values.index, values.values, s=30 if main else 34, zorder=4, label=label,
                   facecolors=colour if main else "white", edgecolors=colour, linewidths=1.5)
    events = _key_events(ev)
    for row in events.itertuples():
        ax.axvline(row.date, color=style.MUTED, linewidth=0.8, linestyle=(0, (1, 2)), zorder=1)
        shift = pd.Timedelta(days=4 if row.side == "right" else -4)
        ax.text(row.date + shift, row.height, row.label, fontsize=9, ha="left" if row.side == "right" else "right",
                va="top", color=style.INK, zorder=2,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6, "alpha": 0.9})
    ax.set_ylim(*OPINION_YLIM)
    ax.set_xlim(*OPINION_RANGE)
    ax.set_ylabel("Approve of Putin (%)\naxis starts at 50%")
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    ax.set_title(title)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 0.02), fontsize=9)
    fig.subplots_adjust(left=0.12, right=0.98, top=0.9, bottom=0.2)
    style.source_line(fig, source)
    return fig


def describe_opinion(ev: Evidence) -> str:
    """A caption-ready summary of the polls, with the caveat on wartime polling."""
    table = opinion_table(ev)
    if table.empty:
        raise ValueError("data/opinion.csv has no rows in 2022-2023; nothing to describe")
    levada = table[table["pollster"] == "Levada Center"]
    others = table[table["pollster"] != "Levada Center"]
    text = ""
    if len(levada):
        low, high = levada.loc[levada["approve_pct"].idxmin()], levada.loc[levada["approve_pct"].idxmax()]
        text = (f"We hold Levada Center figures for {_plural(len(levada), 'month')} of 2022-2023; approval ranged "
                f"from {low['approve_pct']}% ({low['month']:%B %Y}) to {high['approve_pct']}% "
                f"({high['month']:%B %Y}).")
        near = levada[levada["month"].dt.strftime("%Y-%m").isin(["2023-05", "2023-06"])]
        if len(near):
            text += " Around the article: " + ", ".join(
                f"{r.approve_pct}% in {r.month:%B %Y}" for r in near.itertuples()) + "."
    if len(others):
        text += (f" {_plural(len(others), 'reading')} from other pollsters "
                 f"({', '.join(sorted(others['pollster'].unique()))}) are drawn hollow: they ask a different "
                 "question and are not comparable with Levada.")
    text += (" Points sit mid-month; months without a figure are left as gaps. The axis starts at 50%. "
             "Polls in wartime Russia are contested: fear of answering and falling response rates may inflate "
             "approval, so a stable figure shows no measured fall, not sincere support.")
    return text.strip()


# --- 3. Evidence for and against ------------------------------------------------------------------------------


def for_and_against(ev: Evidence) -> pd.DataFrame:
    """The evidence on the thesis and each mechanism: node label, direction, summary and sources."""
    argument, evidence = ev.argument, ev.argument_evidence
    _require(argument, ("node_id", "kind", "label_en"), "ev.argument")
    _require(evidence, ("evidence_id", "node_id", "direction", "summary_en", "source_ids"), "ev.argument_evidence")
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
        "summary_en": rows["summary_en"].astype(str).values,
        "source_ids": rows["source_ids"].astype(str).values,
    })
    frame["_order"] = frame["node_id"].map(order)
    frame["_dir"] = frame["direction"].map({d: i for i, d in enumerate(DIRECTIONS)})
    return frame.sort_values(["_order", "_dir", "evidence_id"]).drop(columns=["_order", "_dir"]).reset_index(drop=True)


def evidence_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Pieces of evidence per node and direction, nodes in the frame's order."""
    _require(frame, FOR_COLUMNS, "the for-and-against frame")
    bad = frame["direction"][~frame["direction"].isin(DIRECTIONS)]
    if len(bad):
        raise ValueError(f"evidence direction {bad.iloc[0]!r} is not one of: {', '.join(DIRECTIONS)}")
    nodes = list(dict.fromkeys(frame["node_id"]))
    counts = frame.groupby(["node_id", "direction"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=nodes, columns=list(DIRECTIONS), fill_value=0)
    labels = frame.drop_duplicates("node_id").set_index("node_id")
    counts.insert(0, "kind", labels["kind"].reindex(nodes))
    counts.insert(0, "node_label", labels["node_label"].reindex(nodes))
    return counts


def draw_for_and_against(ev: Evidence, *, title: str = "Evidence for and against the article's argument",
                         source: str = "Source: Fissures data/argument_evidence.csv and data/argument.csv"
                         ) -> plt.Figure:
    """Diverging bars: pieces of evidence supporting (right) and cutting against (left) each node."""
    counts = evidence_counts(for_and_against(ev))
    if counts.empty:
        raise ValueError("data/argument_evidence.csv has no evidence on the thesis or a mechanism; nothing to draw")
    style.apply()
    n = len(counts)
    fig, ax = plt.subplots(figsize=(style.FIG_WIDTH, 1.5 + 0.75 * n))
    ys = list(range(n - 1, -1, -1))
    most = int(max(counts["supports"].max(), counts["cuts-against"].max(), 1))
    for y, (node, row) in zip(ys, counts.iterrows()):
        for direction, sign in (("supports", 1), ("cuts-against", -1)):
            value = int(row[direction])
            colour = style.DIRECTION_COLOURS[direction]
            ax.barh(y, sign * value, height=0.6, color=colour, edgecolor=colour)
            ax.text(sign * (value + most * 0.04), y, str(value), ha="left" if sign > 0 else "right", va="center",
                    fontsize=10, fontweight="bold", color=style.INK)
    labels = ["Thesis: " + str(r.node_label) if r.kind == "thesis" else str(r.node_label)
              for r in counts.itertuples()]
    ax.set_yticks(ys, [textwrap.fill(label, 34) for label in labels], fontsize=9.5)
    ax.tick_params(axis="y", length=0)
    ax.axvline(0, color=style.INK, linewidth=1)
    ax.set_xlim(-most * 1.35, most * 1.35)
    ax.set_ylim(-0.6, n - 0.2)
    ticks = list(range(-most, most + 1))
    ax.set_xticks(ticks, [str(abs(t)) for t in ticks])
    ax.set_xlabel("pieces of evidence we compiled")
    ax.text(-most * 0.05, n - 0.35, "← cuts against", ha="right", va="bottom", fontsize=10,
            color=style.DIRECTION_COLOURS["cuts-against"], fontweight="bold")
    ax.text(most * 0.05, n - 0.35, "supports →", ha="left", va="bottom", fontsize=10,
            color=style.DIRECTION_COLOURS["supports"], fontweight="bold")
    ax.spines["left"].set_visible(False)
    height = 1.5 + 0.75 * n
    fig.text(0.01, 1 - 0.12 / height, title, ha="left", va="top", fontsize=12, fontweight="bold")
    fig.subplots_adjust(left=0.38, right=0.97, top=1 - 0.75 / height, bottom=0.85 / height)
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
    text = (f"We compiled {_plural(len(frame), 'piece')} of evidence on the thesis and "
            f"{_plural(mechanisms, 'mechanism')}, from {_plural(len(sources), 'source')}: "
            f"{int(counts['supports'].sum())} support the point they bear on and "
            f"{int(counts['cuts-against'].sum())} cut against it. ")
    parts = [f"{'the thesis' if row['kind'] == 'thesis' else row['node_label']} "
             f"({row['supports']} for, {row['cuts-against']} against)" for _, row in counts.iterrows()]
    text += "By node: " + "; ".join(parts) + ". "
    text += ("The counts say how much we found and chose to record, not how strong each piece is; "
             "read the rows for that.")
    return text
