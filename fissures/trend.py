"""The trend the thesis rests on: how often Russian border regions were reported hit, week by week.

``weekly`` counts, per ISO week from February 2022 to August 2023, the attack reports we coded
systematically (``data/attacks.csv``: Belgorod, Kursk and Bryansk oblasts, 1 May – 30 June 2023,
plus the attacks of that window that ``data/events.csv`` holds) and, outside that window, only
the attacks on Russian soil the report discusses (not a count). ``published`` turns the published
counts of attacks (``data/counts.csv``) into weekly averages over their periods, side by side:
what they count differs, so they are never chained or added. ``draw`` shows both, with the gaps
said on the chart; ``describe`` says it in words.
"""

from __future__ import annotations

import re

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from fissures import figures, formats, status, style
from fissures.evidence import Evidence, learned_later
from fissures.i18n import N_, _

SPAN = (pd.Timestamp("2022-02-21"), pd.Timestamp(status.AS_OF))  # Monday of the invasion's week to the as-of date
CODED = (pd.Timestamp("2023-05-01"), pd.Timestamp("2023-06-30"))  # the window coded systematically
ATTACK_TYPES = ("shelling", "drone-attack", "missile-strike", "cross-border-raid", "sabotage")
BORDER_REGIONS = ("Belgorod Oblast", "Kursk Oblast", "Bryansk Oblast")
# Published counts that count attacks or attack reports (not rounds, alerts, settlements or casualties).
ATTACKS = re.compile(r"\b(?:attacks?|shelling|shellings|incidents|episodes|reports of shelling)\b", re.I)
NOT_ATTACKS = re.compile(r"killed|injured|rounds|alert|settlements attacked|sightings|per day", re.I)
# Counts for the three border oblasts, one or all of them (not a district, not Crimea, not all of Russia).
REGIONS = re.compile(r"^(?:Belgorod Oblast|Kursk Oblast|Bryansk Oblast|Belgorod, Kursk and Bryansk|Belgorod, Bryansk and "
                     r"Kursk|Russian border regions)", re.I)
WEEKLY_COLUMNS = {"week": N_("Week from"), "coded": N_("Attack reports coded"),
                  "discussed": N_("Attacks on Russian soil in our events"), "coverage": N_("Coverage")}
PUBLISHED_COLUMNS = {"key": N_("No."), "period": N_("Period"), "region": N_("Where"), "said": N_("Count as published"),
                     "per_week": N_("Per week, on average"), "counted_by": N_("Counted by"),
                     "source_id": N_("Source")}


def _monday(day: pd.Timestamp) -> pd.Timestamp:
    return (day - pd.Timedelta(days=day.weekday())).normalize()


def weekly(ev: Evidence) -> pd.DataFrame:
    """One row per week: attack reports coded (in the coded window) and the attacks the report's events hold."""
    places = ev.places
    attacks = ev.attacks[ev.attacks["event_type"].isin(ATTACK_TYPES)]
    in_window = ev.events[ev.events["event_type"].isin(ATTACK_TYPES)
                          & ev.events["place_id"].map(places["country"]).eq("RU")]
    coded = pd.concat([attacks, in_window[(in_window["date"] >= CODED[0]) & (in_window["date"] <= CODED[1])
                                          & in_window["place_id"].map(places["admin1"]).isin(BORDER_REGIONS)]])
    weeks = pd.date_range(_monday(SPAN[0]), SPAN[1], freq="7D")
    counted = coded["date"].map(_monday).value_counts()
    discussed = in_window["date"].map(_monday).value_counts()
    rows = []
    for week in weeks:
        inside = CODED[0] <= week + pd.Timedelta(days=6) and week <= CODED[1]
        rows.append({"week": week, "coded": int(counted.get(week, 0)) if inside else None,
                     "discussed": int(discussed.get(week, 0)),
                     "coverage": _("coded systematically") if inside else _("not coded: only the events the report "
                                                                             "discusses")})
    return pd.DataFrame(rows)


def published(ev: Evidence) -> pd.DataFrame:
    """The published counts of attacks as weekly averages over their periods, numbered for the chart's key."""
    english = ev.original("counts")  # the filters read the English words; the rows shown are the edition's
    keep = (english["what"].str.contains(ATTACKS) & ~english["what"].str.contains(NOT_ATTACKS)
            & english["region"].str.contains(REGIONS))
    counts = ev.counts[keep.to_numpy()]
    counts = counts[(counts["period_end"] >= SPAN[0]) & (counts["period_start"] <= SPAN[1])]
    counts = counts[(counts["period_end"] - counts["period_start"]).dt.days >= 6]  # a day's tally is not a week's
    counts = counts.sort_values(["period_start", "count_id"])
    weeks = ((counts["period_end"] - counts["period_start"]).dt.days + 1) / 7
    later = counts["source_id"].isin(learned_later(ev)).to_numpy()
    out = counts.assign(per_week=(counts["value"] / weeks).round(1), later=later,
                        said=[formats.qualified(int(v) if float(v).is_integer() else v, None, q) + " " + w
                              for v, q, w in zip(counts["value"], counts["qualifier"], counts["what"])],
                        period=[formats.date_range(a, b) for a, b in zip(counts["period_start"], counts["period_end"])])
    return out.assign(key=range(1, len(out) + 1)).reset_index(drop=True)


def draw(ev: Evidence, *, title: str, source: str) -> plt.Figure:
    """Weekly bars of the attack reports coded, the weeks not coded shaded, published weekly averages as
    numbered segments (named in a key under the chart)."""
    style.apply()
    weeks, counts = weekly(ev), published(ev)
    narrow = style.narrow()
    key_lines = len(counts) * (2 if narrow else 1)
    legend = 1.55 if narrow else 0.75  # inches the legend takes under the axis
    below = 0.55 + legend + 0.17 * key_lines + 0.35
    height = 3.4 + below
    fig, ax = plt.subplots(figsize=(style.fig_width(), height))
    fig.subplots_adjust(left=0.14 if narrow else 0.08, right=0.97, top=1 - 0.8 / height, bottom=below / height)
    x = mdates.date2num(weeks["week"]) + 3.5
    ax.axvspan(mdates.date2num(SPAN[0]), mdates.date2num(CODED[0]), color=style.PANEL, zorder=0, linewidth=0)
    ax.axvspan(mdates.date2num(CODED[1]), mdates.date2num(SPAN[1]), color=style.PANEL, zorder=0, linewidth=0)
    coded = weeks["coded"].notna()
    ax.bar(x[coded], weeks.loc[coded, "coded"].astype(int), width=6, color=style.event_colour("shelling"), zorder=3,
           label=_("attack reports we coded (Belgorod, Kursk, Bryansk; 1 May – 30 June 2023)"))
    ax.bar(x[~coded], weeks.loc[~coded, "discussed"], width=6, color=style.MUTED, zorder=3,
           label=_("weeks not coded: only the attacks on Russian soil the report discusses (not a count)"))
    for _i, row in counts.iterrows():
        a, b = mdates.date2num(max(row["period_start"], SPAN[0])), mdates.date2num(min(row["period_end"], SPAN[1]))
        ax.plot([a, b], [row["per_week"]] * 2, color=style.INK, linewidth=1.6, zorder=4, solid_capstyle="butt",
                linestyle=(0, (3, 2)) if row["later"] else "-")
        where = 0.15 + 0.7 * ((row["key"] - 1) % 4) / 3  # staggered, so that counts of one period keep apart
        ax.text(a + (b - a) * where, row["per_week"], str(row["key"]), ha="center", va="bottom", fontsize=8.5, weight="bold",
                color=style.INK, zorder=5)
    ax.plot([], [], color=style.INK, linewidth=1.6, label=_("published counts, as a weekly average over their period "
                                                           "(numbered; dashed: published after {as_of})").format(
        as_of=status.as_of_words()))
    ax.set_ylabel(_("per week"))
    ax.set_xlim(mdates.date2num(SPAN[0]), mdates.date2num(SPAN[1]))
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7) if narrow else (1, 4, 7, 10)))
    figures.date_axis(ax.xaxis, "month-short")
    ax.text(mdates.date2num(CODED[0]) - 4, ax.get_ylim()[1] * 0.96, _("not coded") + " ←", ha="right", va="top",
            fontsize=9, color=style.MUTED)
    style.title(fig, ax, title)
    handles, words = ax.get_legend_handles_labels()
    fig.legend(handles, [style.wrap(w, 9, 0.9 if narrow else 0.95) for w in words], loc="upper left",
               bbox_to_anchor=(0.01, (below - 0.5) / height), fontsize=9, frameon=False)
    key = [f"{r['key']}  {_who(r['counted_by'])}: {r['region']}, {r['period']}" for _i, r in counts.iterrows()]
    fig.text(0.02, (below - 0.55 - legend) / height, "\n".join(style.wrap(k, 8.5, 0.95) for k in key), ha="left",
             va="top", fontsize=8.5, color=style.INK, linespacing=1.35)
    style.source_line(fig, source)
    return fig


def _who(counted_by: str) -> str:
    """Who counted, without the parenthesis that says how ("Novaya Gazeta Europe (data team, …)")."""
    return re.sub(r"\s*\(.*?\)", "", str(counted_by)).strip() or str(counted_by)


def describe(ev: Evidence) -> str:
    """The chart in words: the coded weeks, the busiest, and the published counts side by side."""
    weeks, counts = weekly(ev), published(ev)
    coded = weeks[weeks["coded"].notna()]
    busiest = coded.sort_values("coded", ascending=False).iloc[0]
    text = _("From 1 May to 30 June 2023 we coded {n} attack reports on Belgorod, Kursk and Bryansk oblasts, "
             "{low} to {high} a week; the busiest week began on {week}. Before and after that window the chart "
             "shows only the {discussed} attacks on Russian soil the report discusses, not a count.").format(
        n=formats.number(int(coded["coded"].sum())), low=formats.number(int(coded["coded"].min())),
        high=formats.number(int(coded["coded"].max())), week=formats.date(busiest["week"]),
        discussed=formats.number(int(weeks.loc[weeks["coded"].isna(), "discussed"].sum())))
    if len(counts):
        text += " " + _("Published counts, as weekly averages: {counts}.").format(counts="; ".join(
            f"{r['counted_by']} ({r['region']}, {r['period']}): {formats.number(r['per_week'], 1)}"
            for _i, r in counts.iterrows()))
    return text


def coverage_note() -> str:
    """What the coded count is, and is not, in a sentence for the caption."""
    return _("Rows are attack reports as coded (one per settlement per day), not attacks: the Belgorod governor's "
             "daily settlement-by-settlement summaries began on 21 May, and before then single incidents were reported, "
             "so the rise in late May is partly a rise in reporting.")
