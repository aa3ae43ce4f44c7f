"""Chapter 01, the argument: the argument map, who speaks, and the evidence for and against."""

from __future__ import annotations

from fissures import argument, figures, hindsight, labels, tables
from fissures.evidence import Evidence
from fissures.html import Shown, localized
from fissures.i18n import _


@localized
def argument_map(ev: Evidence) -> Shown:
    """The article's thesis, mechanisms and caveats, and the events it offers as evidence."""
    return figures.save(
        lambda: argument.draw_argument_map(ev), "01-argument-map", alt=argument.describe_map(ev),
        caption=_("The article's thesis, the mechanisms and caveats it gives, and the events it offers as evidence."),
        source=_("Fissures data/argument.csv, claims.csv and events.csv"),
        data=argument.map_table(ev), description=argument.describe_map(ev),
        columns={"part": _("Part"), "label": _("What it says"), "paragraphs": _("Paragraphs"), "date": _("Date"),
                 "status": _("Status"), "supports": _("Evidence for"), "source_ids": _("Sources")})


@localized
def quotes(ev: Evidence) -> Shown:
    """Each part of the argument in the article's words, with our translation."""
    return tables.render(argument.node_quotes(ev), _("Each part of the argument, in the article's words"),
                         columns={"label_en": _("Part of the argument"), "speaker": _("Who says it (paragraph)"),
                                  "quote_fr": _("The article (French)"), "quote_en": _("Our translation")},
                         sources=())


@localized
def voices_chart(ev: Evidence) -> Shown:
    """Who speaks in the article: each voice's share of the quoted words."""
    voices = argument.voices(ev)
    return figures.save(
        lambda: argument.draw_voices(voices), "01-voices", alt=argument.describe_voices(voices),
        caption=_("Share of the article's quoted words, by speaker, coloured by side."),
        source=_("Fissures, from data/article/article.fr.txt and data/claims.csv"),
        data=argument.voices_table(voices), description=argument.describe_voices(voices),
        columns={"name": _("Speaker"), "side": _("Side"), "quoted_words": _("Quoted words"), "share": _("Share")})


@localized
def voices_table(ev: Evidence) -> Shown:
    """The quoted words by speaker, with affiliation and the claims coded."""
    voices = argument.voices(ev)
    return tables.render(voices.assign(side=voices["side"].map(labels.side)), _("Quoted words by speaker"),
                         columns={"name": _("Speaker"), "affiliation": _("Affiliation"), "side": _("Side"),
                                  "quoted_words": _("Quoted words"), "paragraphs": _("Paragraphs"),
                                  "claims": _("Claims coded")}, sources=())


@localized
def for_and_against_chart(ev: Evidence) -> Shown:
    """How much outside evidence supports or cuts against each part of the argument."""
    return figures.save(
        lambda: hindsight.draw_for_and_against(ev, title=_("Evidence for and against the article's argument"),
                                               source=_("Source: Fissures data/argument_evidence.csv and "
                                                        "data/argument.csv")),
        "01-for-and-against", alt=hindsight.describe_for_and_against(ev),
        caption=_("Pieces of evidence from other sources that support or cut against each part of the argument."),
        source=_("Fissures data/argument_evidence.csv"), data=hindsight.for_and_against(ev),
        description=hindsight.describe_for_and_against(ev),
        columns={"node_label": _("Part of the argument"), "direction_label": _("Direction"),
                 "summary_en": _("Evidence"), "source_ids": _("Sources")})


@localized
def for_and_against_table(ev: Evidence) -> Shown:
    """The evidence for and against, row by row, with its sources."""
    return tables.render(hindsight.for_and_against(ev), _("Evidence for and against each part of the argument"),
                         columns={"node_label": _("Part of the argument"), "direction_label": _("Direction"),
                                  "summary_en": _("Evidence"), "source_ids": _("Sources")})
