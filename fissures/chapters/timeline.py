"""Chapter 02, the timeline: the war reaching Russian soil from February 2022, the five weeks before the
article, and what was known when it appeared."""

from __future__ import annotations

import pandas as pd

from fissures import accounts, figures, hindsight, status, tables, timeline, trend
from fissures.evidence import Evidence
from fissures.html import Shown, localized
from fissures.i18n import N_, _

WAR_START = pd.Timestamp("2022-02-24")
EPILOGUE_END = pd.Timestamp(status.AS_OF)
WINDOW = (pd.Timestamp("2023-05-01"), pd.Timestamp("2023-06-06"))  # the weeks the article retells
WINDOW_LABELS = ("2023-05-03-kremlin-drones", "2023-05-16-kyiv-missile-barrage", "2023-05-22-belgorod-raid",
                 "2023-05-30-moscow-drone-attack", "2023-05-30-prigozhin-outburst", "2023-06-01-shebekino-shelling",
                 "2023-06-06-kakhovka-dam-breach")
KNOWN_WINDOW = (pd.Timestamp("2023-04-24"), pd.Timestamp("2023-07-16"))  # the x range of the known-when chart
SOURCE = N_("Fissures data/events.csv, compiled from news agencies, official statements and think tanks")


@localized
def overview(ev: Evidence) -> Shown:
    """Every event from the invasion to the end of August 2023."""
    return timeline.figure(
        ev, "02-timeline-overview", (WAR_START, EPILOGUE_END), title=_("Events of the war in our table, Feb 2022 – Aug 2023"),
        highlight=WINDOW, highlight_label=_("zoomed in below"), source=_(SOURCE),
        caption=_("Every event in data/events.csv from the invasion of 24 February 2022 to {as_of}, in Russia, "
                  "occupied Crimea and Ukraine. Colour and lane give the kind of event; the fill says whether it is "
                  "confirmed, claimed by one side, disputed or denied.").format(as_of=status.as_of_words()))


@localized
def window(ev: Evidence) -> Shown:
    """The five weeks before the article, with its key events labelled."""
    return timeline.figure(
        ev, "02-timeline-window", WINDOW, title=_("Five weeks before the article: 1 May – 6 June 2023"),
        annotate=WINDOW_LABELS, source=_(SOURCE),
        caption=_("The events of 1 May to 6 June 2023 in data/events.csv, in Russia and in Ukraine. A bar spans an "
                  "event that lasted several days; the counter-offensive is a faint bar across June because its start "
                  "is dated only to early June."))


@localized
def window_list(ev: Evidence) -> Shown:
    """The same five weeks as a list, for phones."""
    return timeline.vertical_list(ev, timeline.events_in_window(ev, *WINDOW),
                                  label=_("Events from 1 May to 6 June 2023, oldest first"))


@localized
def window_table(ev: Evidence) -> Shown:
    """The same five weeks as a table, with who claims what."""
    return tables.render(timeline.events_in_window(ev, *WINDOW), _("Events from 1 May to 6 June 2023, with who claims what"),
                         columns={"when": _("When"), "place": _("Place"), "lane_label": _("Type"),
                                  "summary_en": _("What happened"), "status": _("Status"),
                                  "claimed_by": _("Claimed by"), "source_ids": _("Sources")})


@localized
def known_when(ev: Evidence) -> Shown:
    """When each event the article relies on happened, was first reported, and was later checked."""
    known = hindsight.known_when(ev)
    def fig():
        return hindsight.draw_known_when(
            known, KNOWN_WINDOW, title=_("What was known when the article appeared"),
            source=_("Source: Fissures data/events.csv (first reports and later checks, compiled from the sources in "
                     "data/sources.csv)"))
    return figures.save(
        fig, "02-known-when", alt=hindsight.describe_known_when(known),
        caption=_("The events the article relies on: when they happened, were first reported and were later checked."),
        source=_("Fissures data/events.csv"), data=known, description=hindsight.describe_known_when(known),
        columns={"label": _("Event"), "status": _("Status"), "date": _("Date"), "first_reported": _("First reported"),
                 "later_status_date": _("Later check"), "later_status_source": _("Later check by")},
        table_kwargs={"sources": ("later_status_source",)})


@localized
def weekly_chart(ev: Evidence) -> Shown:
    """How often Russian border regions were reported hit, week by week, with the published counts beside."""
    return figures.save(
        lambda: trend.draw(ev, title=_("Attacks on Russian border regions, as reported, week by week"),
                           source=_("Source: Fissures data/attacks.csv, data/events.csv and data/counts.csv")),
        "02-weekly-attacks", alt=trend.describe(ev),
        caption=_("Bars: the attack reports we coded for Belgorod, Kursk and Bryansk oblasts from 1 May to 30 June "
                  "2023, one per settlement per day as the governors or the Defence Ministry reported them; outside "
                  "that window (shaded) no systematic count exists, and the grey bars are only the attacks the report "
                  "discusses. Lines: published counts, each as a weekly average over its period; they count different "
                  "things, so they are drawn side by side, never added. ") + trend.coverage_note(),
        source=_("Fissures data/attacks.csv, data/events.csv, data/counts.csv"), data=trend.weekly(ev),
        description=trend.describe(ev), columns=tables.headers(trend.WEEKLY_COLUMNS), events=list(ev.attacks.index))


@localized
def published_counts(ev: Evidence) -> Shown:
    """The published counts the weekly chart draws, with what each counts and who counted."""
    return tables.render(trend.published(ev), _("Published counts of attacks, as weekly averages"),
                         columns=tables.headers(trend.PUBLISHED_COLUMNS), sources=("source_id",), status=())


@localized
def raid_accounts(ev: Evidence) -> Shown:
    """Each side's account of the 22–23 May raid and what the raiders claimed."""
    rows = ["2023-05-22-belgorod-raid", "2023-05-22-raid-groups-territorial-claims", "2023-05-23-mod-claims-raid-defeated"]
    return tables.render(accounts.table(ev, "event", [r for r in rows if r in ev.events.index]),
                         _("The raid of 22–23 May: each side's account"), columns=tables.headers(accounts.COLUMNS),
                         sources=("source_id",), status=())
