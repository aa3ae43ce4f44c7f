"""Chapter 06, what happened next: June to August 2023, the article's predictions, and the polls."""

from __future__ import annotations

import pandas as pd

from fissures import figures, hindsight, status, tables, timeline
from fissures.chapters.timeline import EPILOGUE_END, SOURCE
from fissures.evidence import Evidence, published
from fissures.html import Shown, localized
from fissures.i18n import _

AFTER_LABELS = ("2023-06-counteroffensive-begins", "2023-06-23-wagner-mutiny", "2023-07-17-crimean-bridge-sea-drones",
                "2023-07-30-moscow-city-drones", "2023-08-23-prigozhin-plane-crash")
OPINION_SPAN = (pd.Timestamp("2022-01-01"), pd.Timestamp("2023-12-31"))
# Events marked on the opinion chart: their label's height (%) and the side of the line it sits on.
# The three May 2023 events sit close together, so their labels are stacked to the left of their lines.
OPINION_MARKS = {
    "2022-02-24-full-scale-invasion": (97, "right"),
    "2022-09-21-partial-mobilisation": (93, "right"),
    "2023-05-03-kremlin-drones": (97, "left"),
    "2023-05-22-belgorod-raid": (93, "left"),
    "2023-05-30-moscow-drone-attack": (89, "left"),
    "2023-06-23-wagner-mutiny": (97, "right"),
    "2023-08-23-prigozhin-plane-crash": (93, "right"),
}


@localized
def after_chart(ev: Evidence) -> Shown:
    """The events from the article's publication to the end of August 2023."""
    return timeline.figure(
        ev, "06-after-the-article", (published(ev), EPILOGUE_END), title=_("After the article: June – August 2023"),
        annotate=AFTER_LABELS, source=_(SOURCE),
        caption=_("Events in data/events.csv from the article's publication (about 3 June 2023) to {as_of}, "
                  "drawn as in chapter 2: lane and colour for the kind of event, fill for its status.").format(
            as_of=status.as_of_words()))


@localized
def after_list(ev: Evidence) -> Shown:
    """The same months as a list, for phones."""
    return timeline.vertical_list(ev, timeline.events_in_window(ev, published(ev), EPILOGUE_END),
                                  label=_("Events from the article to {as_of}, oldest first").format(
                                      as_of=status.as_of_words()))


@localized
def predictions(ev: Evidence) -> Shown:
    """The article's predictions and how they fared by the as-of date."""
    return tables.render(timeline.predictions(ev), _("The article's predictions and how they fared by {as_of}").format(
                             as_of=status.as_of_words()),
                         columns={"paragraph": _("Para."), "quote_fr": _("The article (French)"),
                                  "quote_en": _("Our translation"), "speaker": _("Who says it"),
                                  "verdict_label": _("Verdict"), "note": _("Why"),
                                  "verdict_source_ids": _("Sources for the verdict")},
                         sources=("verdict_source_ids",), status=(),
                         collapse=True)  # the sections below quote each prediction in full


@localized
def verdicts_chart(ev: Evidence) -> Shown:
    """The predictions counted by verdict and by who made them."""
    preds = timeline.predictions(ev)
    def fig():
        return timeline.draw_verdicts(preds, title=_("How the article's predictions fared by {as_of}").format(
            as_of=status.as_of_words()))
    return figures.save(
        fig, "06-verdicts", alt=timeline.describe_verdicts(preds),
        caption=_("The predictions in data/claims.csv counted by verdict, split by who made them. The p23 pull quote "
                  "repeats p61 and is counted once."),
        source=_("Fissures data/claims.csv (verdicts and the sources that decide them)"),
        data=timeline.verdict_table(preds), columns=tables.headers(timeline.VERDICT_COLUMNS),
        description=timeline.describe_verdicts(preds))


@localized
def opinion_chart(ev: Evidence) -> Shown:
    """Putin's approval by month, 2022–2023, with the events of the argument."""
    def fig():
        return hindsight.draw_opinion(ev, OPINION_SPAN, OPINION_MARKS, title=_("Putin's approval rating, 2022–2023"),
                                      source=_("Source: Fissures data/opinion.csv (Levada Center and VTsIOM figures as "
                                               "reported)"))
    return figures.save(
        fig, "06-opinion", alt=hindsight.describe_opinion(ev, OPINION_SPAN),
        caption=_("Share approving of Putin's activities as president, by month, as reported."),
        source=_("Fissures data/opinion.csv (Levada Center, VTsIOM)"), data=hindsight.opinion_table(ev, OPINION_SPAN),
        description=hindsight.describe_opinion(ev, OPINION_SPAN),
        columns={"month_label": _("Month"), "pollster": _("Pollster"), "approve_pct": _("Approve (%)"),
                 "disapprove_pct": _("Disapprove (%)"), "source_id": _("Source")},
        table_kwargs={"sources": ("source_id",)})
