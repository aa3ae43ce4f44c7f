"""Timelines of the events (data/events.csv) and the fate of the article's predictions (data/claims.csv).

``draw_timeline`` draws any window of events on lanes by event type, with the report's status
encoding; ``events_in_window`` and ``predictions`` give the rows behind the figures and tables;
``vertical_list`` is the timeline as a list, for phones. Which windows and which events a
chapter labels are the chapter's choice (``fissures.chapters``); an event's label is its
``short_label`` in the data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from fissures import figures, formats, html, labels, status, style, tables
from fissures.evidence import Evidence, require, split_ids
from fissures.i18n import N_, _

EVENT_COLUMNS = ("date", "end_date", "date_precision", "event_type", "status")
CLAIM_COLUMNS = ("kind", "quote_fr", "quote_en", "speaker_id", "verdict", "verdict_source_ids")
PRECISIONS = formats.PRECISIONS
VERDICTS = labels.VERDICTS

# The columns of an events table (events_in_window) for a reader, with their headers.
TABLE_COLUMNS = {"when": N_("When"), "place": N_("Place"), "lane_label": N_("Kind"), "summary_en": N_("What happened"),
                 "status": N_("Status"), "claimed_by": N_("Claimed by"), "source_ids": N_("Sources")}
FIGURE_COLUMNS = {k: v for k, v in TABLE_COLUMNS.items() if k != "summary_en"}  # the list beside has the summaries
VERDICT_COLUMNS = {"verdict_label": N_("Verdict"), "predictions": N_("Predictions"), "by_speaker": N_("Made by")}

LANE_OFFSETS = (0.0, 0.27, -0.27)  # where a mark sits in its lane when it would overlap another
MARK_POINTS = 8.5  # marker diameter in points, for collision checks
# Label spots tried in turn, as offsets in points from the mark: above, below, beside, then further out.
LABEL_SPOTS = ((0, 12), (0, -12), (9, 0), (-9, 0), (0, 26), (0, -26), (0, 40), (0, -40))
RASTER_ABOVE = 1_500  # marks beyond which a timeline's marks are embedded as an image in its SVG


def _date(value: object, name: str) -> pd.Timestamp:
    """``value`` as a Timestamp, or a ValueError naming it."""
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} {value!r} is not a date; expected YYYY-MM-DD") from None
    if pd.isna(stamp):
        raise ValueError(f"{name} {value!r} is not a date; expected YYYY-MM-DD")
    return stamp.normalize()


def _span(start: object, end: object) -> tuple[pd.Timestamp, pd.Timestamp]:
    """A checked (start, end) pair: two dates, start before end."""
    start, end = _date(start, "start"), _date(end, "end")
    if not start < end:
        raise ValueError(f"start {start:%Y-%m-%d} is not before end {end:%Y-%m-%d}")
    return start, end


def short_label(event: pd.Series) -> str:
    """An event in a few words: its ``short_label``, else its kind and place."""
    label = event.get("short_label")
    if isinstance(label, str) and label.strip():
        return label.strip()
    return labels.event_type(event["event_type"])


def last_dates(events: pd.DataFrame) -> pd.Series:
    """The last day of each event: end_date for a range, the month's end for a month, else date."""
    require(events, EVENT_COLUMNS, "events")
    bad = sorted(set(events["date_precision"]) - set(PRECISIONS))
    if bad:
        raise ValueError(f"date_precision {bad[0]!r} is not one of: {', '.join(PRECISIONS)}")
    dates = pd.to_datetime(events["date"])
    ends = pd.to_datetime(events["end_date"].replace("", None))
    last = dates.copy()
    ranged = (events["date_precision"] == "range") & ends.notna()
    last[ranged] = ends[ranged]
    monthly = events["date_precision"] == "month"
    last[monthly] = dates[monthly] + pd.offsets.MonthEnd(0)
    return last


def events_in_window(ev: Evidence, start: object, end: object) -> pd.DataFrame:
    """The events that overlap [start, end], oldest first, with the place's name as ``place``."""
    start, end = _span(start, end)
    events, places = ev.events, ev.places
    require(events, EVENT_COLUMNS + ("place_id",), "events")
    require(places, ("name_en",), "places")
    frame = events.assign(last_date=last_dates(events))
    frame = frame[(pd.to_datetime(frame["date"]) <= end) & (frame["last_date"] >= start)].copy()
    unknown = sorted(set(frame["place_id"]) - set(places.index))
    if unknown:
        raise ValueError(f"events name place_id {unknown[0]!r}, which is not in places")
    frame["place"] = frame["place_id"].map(places["name_en"])
    frame["when"] = [formats.when(row["date"], row["last_date"], row["date_precision"]) for _i, row in frame.iterrows()]
    frame["lane_label"] = frame["event_type"].map(labels.event_type)  # the lane the timeline draws it on
    order = pd.Series(range(len(frame)), index=frame.index)
    return frame.assign(_order=order).sort_values(["date", "_order"]).drop(columns="_order")


def predictions(ev: Evidence) -> pd.DataFrame:
    """The article's predictions (claims of kind 'prediction'), with the speaker's name as ``speaker``."""
    claims = ev.claims
    require(claims, CLAIM_COLUMNS, "claims")
    frame = claims[claims["kind"] == "prediction"].copy()
    # A pull quote repeats a sentence of the body: count each prediction once, where it is made.
    frame = frame[frame["paragraph"].map(ev.paragraphs["role"]).fillna("body") != "pull-quote"]
    names = ev.people["name"]
    unknown = sorted(set(frame["speaker_id"]) - set(names.index))
    if unknown:
        raise ValueError(f"claims name speaker_id {unknown[0]!r}, which is not in people")
    frame["speaker"] = frame["speaker_id"].map(names)
    bad = sorted(set(frame["verdict"]) - set(VERDICTS) - {""})
    if bad:
        raise ValueError(f"verdict {bad[0]!r} is not one of: {', '.join(VERDICTS)}")
    frame["verdict_label"] = [labels.verdict(v) if v else _("not judged") for v in frame["verdict"]]
    return frame


def verdict_counts(preds: pd.DataFrame) -> pd.DataFrame:
    """Predictions counted by verdict (rows, in VERDICTS order) and speaker (columns, most first)."""
    require(preds, ("verdict", "speaker"), "predictions")
    bad = sorted(set(preds["verdict"]) - set(VERDICTS))
    if bad:
        raise ValueError(f"verdict {bad[0]!r} is not one of: {', '.join(VERDICTS)}")
    table = pd.crosstab(preds["verdict"], preds["speaker"]).reindex(VERDICTS, fill_value=0)
    speakers = preds["speaker"].value_counts(sort=True).index  # ties keep first-seen order
    return table[list(speakers)].rename_axis(index="verdict", columns="speaker")


def _lanes(types: pd.Series) -> list[str]:
    """The event types present, in the palette's order (unknown types last)."""
    known = [t for t in style.EVENT_COLOURS if t in set(types)]
    return known + sorted(set(types) - set(known))


def _layout(frame: pd.DataFrame, lanes: list[str], days_per_point: float) -> pd.DataFrame:
    """Where each mark goes: x0/x1 in days, its lane row and the offset that avoids its neighbours."""
    rows = []
    gap = MARK_POINTS * 1.15 * days_per_point
    for lane_no, lane in enumerate(lanes):
        ends = {level: -float("inf") for level in range(len(LANE_OFFSETS))}
        part = frame[frame["event_type"] == lane].sort_values(["x0", "x1"], kind="stable")
        for event_id, row in part.iterrows():
            if row["date_precision"] == "month":  # a faint band behind the lane, on its own level
                rows.append((event_id, lane_no, 0.0))
                continue
            free = [lv for lv in ends if ends[lv] + gap <= row["x0"]]
            level = free[0] if free else min(ends, key=ends.get)
            ends[level] = max(row["x1"], row["x0"])
            rows.append((event_id, lane_no, LANE_OFFSETS[level]))
    place = pd.DataFrame(rows, columns=["event_id", "lane", "offset"]).set_index("event_id")
    out = frame.join(place)
    out["y"] = len(lanes) - 1 - out["lane"] + out["offset"]
    return out


def _days(ax: plt.Axes, points: float, fig: plt.Figure) -> float:
    """How many days ``points`` points span on the x axis."""
    width = ax.get_window_extent().width * 72 / fig.dpi
    return (ax.get_xlim()[1] - ax.get_xlim()[0]) * points / width


def _overlap(a: Bbox, b: Bbox, margin: float = 3.0) -> float:
    """The area two boxes share, counting ``margin`` pixels around them (so labels never touch)."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0) + 2 * margin
    h = min(a.y1, b.y1) - max(a.y0, b.y0) + 2 * margin
    return w * h if w > 0 and h > 0 else 0.0


def _annotate(fig: plt.Figure, ax: plt.Axes, marks: pd.DataFrame, texts: dict[str, str]) -> None:
    """Label the named events, trying spots above and below each mark until one is clear."""
    renderer = fig.canvas.get_renderer()
    to_pixels = ax.transData.transform
    dots = fig.dpi / 72
    half = MARK_POINTS * dots / 2
    obstacles = {}  # event id -> (box of its mark, how much covering it costs)
    for event_id, row in marks.iterrows():
        (px0, py), (px1, _py1) = to_pixels([(row["x0"], row["y"]), (row["x1"], row["y"])])
        if row["date_precision"] == "month":  # a faint band: better left clear, but labels may cross it
            top, bottom = to_pixels([(row["x0"], row["y"] + 0.36), (row["x0"], row["y"] - 0.36)])[:, 1]
            obstacles[event_id] = (Bbox([[px0, bottom], [px1, top]]), 0.3)
        else:
            obstacles[event_id] = (Bbox([[px0 - half, py - half], [px1 + half, py + half]]), 1.0)
    frame = ax.get_window_extent(renderer)
    placed = []
    months_first = sorted(texts.items(), key=lambda item: marks.loc[item[0], "date_precision"] != "month")
    for event_id, text in months_first:
        row = marks.loc[event_id]
        if row["date_precision"] == "month":  # a band is labelled inside, from its visible left end
            x = max(row["x0"], ax.get_xlim()[0]) + _days(ax, 6, fig)
            note = ax.text(x, row["y"], text, ha="left", va="center", fontsize=9, color=style.INK, zorder=6)
            placed.append(note.get_window_extent(renderer))
            continue
        x = (row["x0"] + row["x1"]) / 2
        share = (x - ax.get_xlim()[0]) / (ax.get_xlim()[1] - ax.get_xlim()[0])
        ha = "left" if share < 0.12 else "right" if share > 0.85 else "center"
        best = None
        for dx, dy in LABEL_SPOTS:
            note = ax.annotate(text, (x, row["y"]), xytext=(dx, dy), textcoords="offset points",
                               ha=ha if not dx else "left" if dx > 0 else "right",
                               va="center" if not dy else "bottom" if dy > 0 else "top",
                               fontsize=9, color=style.INK, zorder=6,
                               bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none",
                                     "alpha": 0.85},
                               arrowprops=None if abs(dy) <= 12 else
                               {"arrowstyle": "-", "color": style.MUTED, "linewidth": 0.7, "shrinkA": 0,
                                "shrinkB": 4})
            note.update_positions(renderer)
            box = Text.get_window_extent(note, renderer)  # the words only, not the leader line
            outside = box.x0 < frame.x0 - 2 or box.x1 > frame.x1 + 2 or box.y0 < frame.y0 or box.y1 > frame.y1
            cost = (sum(_overlap(box, other) for other in placed) + (1e9 if outside else 0)
                    + sum(weight * _overlap(box, other) for other, weight in obstacles.values()))
            if best is None or cost < best[0]:
                if best is not None:
                    best[1].remove()
                best = (cost, note, box)
            else:
                note.remove()
            if cost == 0:
                break
        placed.append(best[2])


def draw_timeline(events: pd.DataFrame, start: object, end: object, *, title: str,
                  annotate: Sequence[str] = (), publication: object = None,
                  highlight: tuple[object, object] | None = None, highlight_label: str | None = None,
                  source: str | None = None, height: float | None = None) -> plt.Figure:
    """Events between ``start`` and ``end`` on one lane per event type, coloured by type, filled by status.

    Events with an end_date are bars over their span, month-precision events a faint bar across the
    month. ``annotate`` lists the events to label (with their ``short_label``); ``publication``
    draws the article's date and shades what came after it; ``highlight`` shades a (start, end) window.
    """
    highlight_label = highlight_label or _("zoomed in below")
    source = source or _("Source: Fissures data/events.csv (compiled from news agencies, official statements "
                         "and think tanks; see the Sources page)")
    start, end = _span(start, end)
    if not isinstance(title, str) or not title.strip():
        raise ValueError(f"title {title!r} is empty; a figure needs a title")
    require(events, EVENT_COLUMNS, "events")
    bad = sorted(set(events["status"]) - set(style.STATUS_STYLE))
    if bad:
        raise ValueError(f"status {bad[0]!r} is not one of: {', '.join(style.STATUS_STYLE)}")
    frame = events.assign(last_date=last_dates(events))
    frame = frame[(pd.to_datetime(frame["date"]) <= end) & (frame["last_date"] >= start)]
    missing = [k for k in annotate if k not in frame.index]
    if missing:
        raise ValueError(f"annotate names event {missing[0]!r}, which is not among the events "
                         f"between {start:%Y-%m-%d} and {end:%Y-%m-%d}")
    annotate = {k: short_label(frame.loc[k]) for k in annotate}
    publication = None if publication is None else _date(publication, "publication")
    if highlight is not None:
        highlight = _span(*highlight)

    style.apply()
    lanes = _lanes(frame["event_type"])
    plot_height = height or 0.42 * max(len(lanes), 2) + 0.3
    top, bottom = 0.95, 1.75  # inches: title and header rows above the lanes; ticks, key and source below
    fig, ax = plt.subplots(figsize=(style.fig_width(), plot_height + top + bottom))
    narrow = style.narrow()
    if narrow:  # phones: room for the lane names, a two-line title and a one-column key
        top, bottom = 1.25, 2.45
        fig.set_size_inches(style.fig_width(), plot_height + top + bottom)
    fig.subplots_adjust(left=0.36 if narrow else 0.19, right=0.92 if narrow else 0.97,
                        top=1 - top / fig.get_figheight(), bottom=bottom / fig.get_figheight())
    pad = (end - start).days * 0.015
    xlim = (mdates.date2num(start) - pad, mdates.date2num(end + pd.Timedelta(days=1)) + pad)
    ax.set_xlim(*xlim)
    ax.set_ylim(-0.6, len(lanes) - 0.4)
    axis_points = ax.get_window_extent().width * 72 / fig.dpi
    days_per_point = (xlim[1] - xlim[0]) / axis_points

    first = mdates.date2num(pd.to_datetime(frame["date"]))
    last = mdates.date2num(frame["last_date"]) + 1  # a bar runs to the end of its last day
    frame = frame.assign(x0=first, x1=last)
    point = frame["date_precision"] == "day"
    frame.loc[point, "x0"] = frame.loc[point, "x0"] + 0.5  # a day's mark sits mid-day
    frame.loc[point, "x1"] = frame.loc[point, "x0"]
    min_bar = MARK_POINTS * days_per_point  # so a two-day bar on an 18-month axis stays visible
    short = ~point & (frame["x1"] - frame["x0"] < min_bar)
    middle = (frame.loc[short, "x0"] + frame.loc[short, "x1"]) / 2
    frame.loc[short, "x0"], frame.loc[short, "x1"] = middle - min_bar / 2, middle + min_bar / 2
    marks = _layout(frame, lanes, days_per_point)

    for y in range(len(lanes)):
        ax.axhline(y, color=style.RULE, linewidth=0.6, zorder=0)
    header = ax.get_xaxis_transform()  # x in data, y in axes: two rows of labels above the lanes
    row_low, row_high = 1 + 0.04 / plot_height, 1 + 0.25 / plot_height
    if highlight is not None:
        h0, h1 = mdates.date2num(highlight[0]), mdates.date2num(highlight[1] + pd.Timedelta(days=1))
        ax.axvspan(h0, h1, color=style.TIMELINE_WINDOW_SHADE, zorder=-1, linewidth=0)
    if highlight is not None and not narrow:  # on phones the caption says it
        ax.text(h0 - days_per_point * 3, row_low, highlight_label, transform=header, ha="right", va="bottom",
                fontsize=9, color=style.MUTED)
    if publication is not None and publication <= end:
        after = max(mdates.date2num(publication + pd.Timedelta(days=1)), xlim[0])
        ax.axvspan(after, xlim[1], color=style.TIMELINE_AFTER_SHADE, zorder=-2, linewidth=0)
        roomy = (xlim[1] - after) / days_per_point > 110 and not narrow  # points: room for the label inside the shade
        ax.text((after + xlim[1]) / 2 if roomy else xlim[1], row_low, _("after the article"), transform=header,
                ha="center" if roomy else "right", va="bottom", fontsize=9, color=style.MUTED, style="italic")
        if publication >= start:
            x = mdates.date2num(publication) + 0.5
            ax.axvline(x, color=style.INK, linestyle="--", linewidth=1.0, zorder=1)
            ax.plot([x, x], [1.0, row_high + 0.17 / plot_height], transform=header, color=style.INK, linestyle="--", linewidth=1.0,
                    clip_on=False)
            left_half = (x - xlim[0]) < 0.5 * (xlim[1] - xlim[0])
            ax.text(x + (4 if left_half else -4) * days_per_point, row_high,
                    _("article published (c. {date})").format(date=formats.date(publication, "short")), transform=header,
                    ha="left" if left_half else "right", va="bottom", fontsize=9, color=style.INK)
    size = MARK_POINTS ** 2
    # Day marks are drawn as one collection per type and status: thousands of events stay one
    # artist each, and beyond RASTER_ABOVE marks they are embedded as an image while every word
    # of the figure stays text.
    days = marks[marks["date_precision"] == "day"]
    raster = len(marks) > RASTER_ABOVE
    for (event_type, code), group in days.groupby(["event_type", "status"], sort=True):
        ax.scatter(group["x0"], group["y"], s=size, zorder=4, rasterized=raster,
                   **style.status_marker_kwargs(code, style.event_colour(event_type)))
    for _i, row in marks[marks["date_precision"] != "day"].iterrows():
        colour = style.event_colour(row["event_type"])
        if row["date_precision"] == "month":
            kwargs = style.status_patch_kwargs(row["status"], colour)
            if kwargs["facecolor"] != "white":
                kwargs["facecolor"] = to_rgba(colour, 0.22)
            kwargs.update(edgecolor=to_rgba(colour, 0.6), linestyle=(0, (3, 2)))
            ax.add_patch(Rectangle((row["x0"], row["y"] - 0.36), row["x1"] - row["x0"], 0.72, zorder=2, **kwargs))
        else:
            ax.add_patch(Rectangle((row["x0"], row["y"] - 0.11), row["x1"] - row["x0"], 0.22, zorder=3,
                                   rasterized=raster, **style.status_patch_kwargs(row["status"], colour)))

    ax.set_yticks(range(len(lanes)), [labels.event_type(t) for t in reversed(lanes)])
    ax.tick_params(axis="y", length=0, labelsize=10, labelcolor=style.INK)
    ax.spines["left"].set_visible(False)
    span_days = (end - start).days * (1.6 if narrow else 1)  # on phones, fewer ticks
    if span_days > 700:
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)))
        ax.xaxis.set_minor_locator(mdates.MonthLocator())
        figures.date_axis(ax.xaxis, "month-short")
    elif span_days > 200:
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
        ax.xaxis.set_minor_locator(mdates.MonthLocator())
        figures.date_axis(ax.xaxis, "month-short")
    elif span_days > 60:
        ax.xaxis.set_major_locator(mdates.MonthLocator())
        ax.xaxis.set_minor_locator(mdates.WeekdayLocator(byweekday=mdates.MO))
        figures.date_axis(ax.xaxis, "short")
    elif span_days > 50:
        ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO, interval=2))
        ax.xaxis.set_minor_locator(mdates.DayLocator())
        figures.date_axis(ax.xaxis, "day-month")
    else:
        ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO))
        ax.xaxis.set_minor_locator(mdates.DayLocator())
        figures.date_axis(ax.xaxis, "day-month")
    ax.tick_params(axis="x", labelsize=9.5)
    style.title(fig, ax, title, pad=36)
    if annotate:
        _annotate(fig, ax, marks, annotate)
    _legend(fig, ax, marks)
    style.source_line(fig, source)
    return fig


def _legend(fig: plt.Figure, ax: plt.Axes, marks: pd.DataFrame) -> None:
    """The status key, plus keys for spans and month-only dates when the figure has them."""
    handles = [ax.scatter([], [], s=55, **style.status_marker_kwargs(s, style.MUTED)) for s in style.STATUS_ORDER]
    words = [labels.status(s) for s in style.STATUS_ORDER]
    if (marks["date_precision"] == "range").any():
        handles.append(Rectangle((0, 0), 1, 1, facecolor=style.MUTED, edgecolor=style.MUTED))
        words.append(_("bar: lasted several days"))
    if (marks["date_precision"] == "month").any():
        handles.append(Rectangle((0, 0), 1, 1, facecolor=to_rgba(style.MUTED, 0.22),
                                 edgecolor=to_rgba(style.MUTED, 0.6), linestyle=(0, (3, 2))))
        words.append(_("faint bar: only the month is known"))
    fig.legend(handles, words, loc="lower left", bbox_to_anchor=(0.01, 0.32 / fig.get_figheight()),
               ncol=style.columns(2), fontsize=9,
               handletextpad=0.4, columnspacing=1.2, borderaxespad=0, title=_("Colour: event type (lanes). Fill: status"),
               title_fontsize=9, alignment="left")


def draw_verdicts(preds: pd.DataFrame, *, title: str, source: str | None = None) -> plt.Figure:
    """The predictions counted by verdict, as horizontal bars split by speaker."""
    source = source or _("Source: Fissures data/claims.csv (predictions and verdicts, with the sources that "
                         "decide each verdict)")
    if not isinstance(title, str) or not title.strip():
        raise ValueError(f"title {title!r} is empty; a figure needs a title")
    counts = verdict_counts(preds)
    if counts.to_numpy().sum() == 0:
        raise ValueError("predictions is empty: there is nothing to count")
    style.apply()
    narrow = style.narrow()  # on phones: the key under the chart
    below = 1.2 + 0.2 * len(counts.columns) if narrow else 0.0
    height = 1.9 + 0.55 * len(counts) + below
    fig, ax = plt.subplots(figsize=(style.fig_width(), height))
    y = list(range(len(counts)))[::-1]
    left = pd.Series(0, index=counts.index)
    for i, speaker in enumerate(counts.columns):
        colour = style.CATEGORY_COLOURS[i % len(style.CATEGORY_COLOURS)]
        ax.barh(y, counts[speaker], left=left, height=0.62, color=colour, edgecolor="white", linewidth=1.0,
                label=speaker)
        for yy, value, start in zip(y, counts[speaker], left):
            if value:
                ax.text(start + value / 2, yy, str(value), ha="center", va="center", fontsize=9.5,
                        color="white" if i % len(style.CATEGORY_COLOURS) in (0, 3) else style.INK)
        left = left + counts[speaker]
    for yy, total in zip(y, left):
        ax.text(total + 0.1, yy, _("{n} in all").format(n=formats.number(total)) if total else _("none"), va="center",
                fontsize=9.5, color=style.INK)
    ax.set_yticks(y, [labels.verdict(v) for v in counts.index])
    ax.tick_params(axis="y", length=0, labelsize=10, labelcolor=style.INK)
    ax.set_xlim(0, max(left.max(), 1) * 1.25 + 0.5)
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set_xlabel(_("number of predictions"))
    ax.spines["left"].set_visible(False)
    style.title(fig, ax, title, pad=12)
    if narrow:
        ax.set_yticks(y, [style.wrap(labels.verdict(v), 10, 0.3) for v in counts.index])
        fig.legend(title=_("Who made the prediction"), loc="lower left", bbox_to_anchor=(0.01, 0.35 / height),
                   fontsize=9, title_fontsize=9, alignment="left")
        fig.subplots_adjust(left=0.32, right=0.95, top=1 - 0.75 / height, bottom=(below + 0.35) / height)
    else:
        ax.legend(title=_("Who made the prediction"), loc="lower right", fontsize=9, title_fontsize=9)
        fig.subplots_adjust(left=0.2, right=0.97, top=0.88, bottom=0.2)
    style.source_line(fig, source)
    return fig


def describe(events: pd.DataFrame, start: object, end: object, *, publication: object = None) -> str:
    """Alt text for ``draw_timeline``: the window, the lanes and their counts, statuses, and what came after."""
    start, end = _span(start, end)
    frame = events.assign(last_date=last_dates(events))
    frame = frame[(pd.to_datetime(frame["date"]) <= end) & (frame["last_date"] >= start)]
    lanes = _lanes(frame["event_type"])
    per_lane = ", ".join(f"{labels.event_type(t).lower()} {formats.number(int((frame['event_type'] == t).sum()))}"
                         for t in lanes)
    statuses = ", ".join(f"{formats.number(int((frame['status'] == s).sum()))} {s}" for s in style.STATUS_ORDER
                         if (frame["status"] == s).any())
    text = _("Timeline from {start} to {end} with {events} on {lanes}, one per event type ({per_lane}). "
             "By status: {statuses}.").format(
        start=formats.date(start), end=formats.date(end), events=formats.count(len(frame), "event", "events"),
        lanes=formats.count(len(lanes), "lane", "lanes"), per_lane=per_lane, statuses=statuses)
    if len(frame):
        busiest = pd.to_datetime(frame["date"]).dt.to_period("M").value_counts()
        text += " " + _("The busiest month is {month}, with {events}.").format(
            month=formats.date(busiest.index[0].start_time, "month"),
            events=formats.count(int(busiest.iloc[0]), "event", "events"))
    if publication is not None:
        publication = _date(publication, "publication")
        after = int((pd.to_datetime(frame["date"]) > publication).sum())
        text += " " + _("A dashed line marks the article's publication (about {date}); {events} began after it, "
                        "on a shaded background.").format(date=formats.date(publication),
                                                          events=formats.count(after, "event", "events"))
    return text


def _by_speaker(row: pd.Series) -> str:
    return formats.items(_("{n} by {speaker}").format(n=formats.number(n), speaker=speaker)
                         for speaker, n in row.items() if n)


def describe_verdicts(preds: pd.DataFrame) -> str:
    """Alt text for ``draw_verdicts``: how many predictions got each verdict, and from whom."""
    counts = verdict_counts(preds)
    parts = []
    for verdict, row in counts.iterrows():
        who = _by_speaker(row)
        parts.append(f"{labels.verdict(verdict)}: {formats.number(int(row.sum()))}" + (f" ({who})" if who else ""))
    return _("Horizontal bars counting the article's {n} predictions by how they fared by {as_of}.").format(
        n=formats.number(int(counts.to_numpy().sum())), as_of=status.as_of_words()) + " " + "; ".join(parts) + "."


def verdict_table(preds: pd.DataFrame) -> pd.DataFrame:
    """The rows ``draw_verdicts`` draws: each verdict, how many predictions got it, and from whom."""
    counts = verdict_counts(preds)
    rows = []
    for verdict, row in counts.iterrows():
        rows.append({"verdict": verdict, "verdict_label": labels.verdict(verdict), "predictions": int(row.sum()),
                     "by_speaker": _by_speaker(row) or _("none")})
    return pd.DataFrame(rows)


# --- A vertical timeline for narrow screens ------------------------------------------------------


def _one_line(summary: str) -> str:
    """A summary's first sentence: one line on a phone."""
    text = str(summary or "").strip()
    return re.split(r"(?<=[.!?])\s+(?=[A-Z0-9«“'\"])", text)[0]


def vertical_list(ev: Evidence, events: pd.DataFrame, *, label: str) -> html.Shown:
    """``events`` (rows of ev.events, or of ``events_in_window``) as an ordered list, oldest first.

    Each item gives the date or span, the place, a status badge, a one-line summary, who claims it
    when only one side does, and links to the sources (the ``timeline_list`` macro).
    """
    require(events, EVENT_COLUMNS + ("place_id", "summary_en", "source_ids"), "events")
    unknown = sorted(set(events["place_id"]) - set(ev.places.index))
    if unknown:
        raise ValueError(f"events name place_id {unknown[0]!r}, which is not in places")
    bad = sorted(set(events["status"]) - set(style.STATUS_STYLE))
    if bad:
        raise ValueError(f"status {bad[0]!r} is not one of: {', '.join(style.STATUS_STYLE)}")
    frame = events.assign(_last=last_dates(events), _first=pd.to_datetime(events["date"]))
    frame = frame.assign(_order=range(len(frame))).sort_values(["_first", "_order"])
    items = []
    for _i, row in frame.head(tables.MAX_ROWS).iterrows():
        claimed = row.get("claimed_by", "")
        items.append({"id": row.name, "status": row["status"], "date": row["_first"],
                      "when": formats.when(row["_first"], row["_last"], row["date_precision"]),
                      "place": ev.places.loc[row["place_id"], "name_en"], "summary": _one_line(row["summary_en"]),
                      "claimed_by": claimed if row["status"] != "confirmed" and isinstance(claimed, str) else "",
                      "sources": split_ids(row["source_ids"])})
    markup = html.part("timeline_list", label, items, len(frame))
    return html.Shown.one("list", markup, f"{label} ({len(items)} events)", rows=len(items),
                          events=list(dict.fromkeys(frame.index)))


def figure(ev: Evidence, name: str, span: tuple[object, object], *, title: str, caption: str, source: str,
           annotate: Sequence[str] = (), highlight: tuple[object, object] | None = None,
           highlight_label: str | None = None) -> html.Shown:
    """Draw the events of ``span`` (``draw_timeline``) with the article's date, and save the figure with its
    text twin: the events as a table and the figure in words (also its alt text)."""
    from fissures.evidence import published

    start, end = span
    def fig():
        return draw_timeline(ev.events, start, end, title=title, annotate=annotate, publication=published(ev),
                             highlight=highlight, highlight_label=highlight_label)
    description = describe(ev.events, start, end, publication=published(ev))
    return figures.save(fig, name, alt=description, caption=caption, source=source,
                        data=events_in_window(ev, start, end), columns=tables.headers(FIGURE_COLUMNS),
                        description=description)
