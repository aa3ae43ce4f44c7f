"""Chapter 05, claims and evidence: every factual claim of the article checked, the contested numbers,
where the wording goes beyond the sources, and the translation's slips."""

from __future__ import annotations

from fissures import accounts, claims, figures, labels, numbers, tables
from fissures.evidence import Evidence
from fissures.html import Shown, localized
from fissures.i18n import N_, _

CARD = {"paragraph": N_("Para."), "quote_fr": N_("The article (French)"), "quote_en": N_("Our translation"),
        "speaker": N_("Speaker"), "status": N_("Status"), "claimed_by": N_("Claimed by"),
        "accounts": N_("Each side's account"), "source_ids": N_("Sources"), "note": N_("What the sources say")}
QUOTED = ("quote_fr", "quote_en")  # a card's claim is quoted by the prose above it: never printed twice
# The counts the contested-numbers chart shows, one panel each, in this order, with their titles.
MEASURES = {"drones-launched": N_("Drones sent at Moscow"), "drones-downed": N_("Drones downed"),
            "villages-taken": N_("Villages taken"), "fighters-killed": N_("Fighters killed"),
            "evacuated": N_("People evacuated")}
# Figures of another measure that explain a contested one, drawn grey in its panel.
COMPARISONS = {"other-villages-evacuated": "villages-taken", "other-town-population": "evacuated"}


def contested(ev: Evidence) -> dict[str, list[str]]:
    """The chart's panels: for each measure, every figure of an (event, measure) that more than one figure
    counts, plus the figures that explain it; ids in numbers.csv order."""
    n = ev.numbers
    sizes = n.groupby(["event_id", "measure"])["number_id"].transform("size")
    panels = {}
    for measure, title in MEASURES.items():
        ids = list(n[(n["measure"] == measure) & (sizes > 1)].index)
        ids += [i for i in n.index if COMPARISONS.get(n.at[i, "measure"]) == measure]
        if ids:
            panels[_(title)] = ids
    return panels


@localized
def status_chart(ev: Evidence) -> Shown:
    """The article's factual claims by status, split by who makes them."""
    return figures.save(
        lambda: claims.draw_status_counts(ev), "05-claims-by-status", alt=claims.describe_status_counts(ev),
        caption=_("The article's factual claims by status, split between the article's own voice and the speakers it "
                  "quotes. Filled: confirmed; hollow: claimed by one side; hatched: disputed; cross-hatched: denied."),
        source=_("Fissures data/claims.csv, checked against the sources in data/sources.csv"),
        data=claims.status_table(ev), description=claims.describe_status_counts(ev),
        columns={"status": _("Status"), "meaning": _("Meaning"), "article": _("The article's own voice"),
                 "quoted": _("Quoted speakers"), "total": _("Total")})


@localized
def fact_claims(ev: Evidence) -> Shown:
    """Every factual claim of the article, checked."""
    return tables.render(accounts.with_summaries(ev, claims.fact_claims(ev), "claim"),
                         _("The article's factual claims, checked"),
                         columns=tables.headers(CARD), sources=("source_ids",), status=("status",))


@localized
def opinions(ev: Evidence) -> Shown:
    """Assessments, predictions and rhetoric."""
    opinion = claims.opinion_claims(ev)
    return tables.render(opinion.assign(kind=opinion["kind"].map(labels.claim_kind)),
                         _("Assessments, predictions and rhetoric in the article"),
                         columns={"paragraph": _("Para."), "kind": _("Kind"), "speaker": _("Speaker"),
                                  "quote_fr": _("The article (French)"), "quote_en": _("Our translation")},
                         sources=(), status=())


@localized
def numbers_chart(ev: Evidence) -> Shown:
    """Each source's figure for the same count, one panel per measure."""
    return numbers.figure(
        ev, "05-contested-numbers", contested(ev), title=_("One count, several figures: who gave which number"),
        source=_("Fissures data/numbers.csv, one row per source (bars: ranges; arrows: 'more than'). Log scale only "
                 "where figures span orders of magnitude."),
        caption=_("Each source's figure for the same count, one panel per measure; the article's own figure is the "
                  "large dot with a dark outline. Bars are ranges, arrows mark 'more than'. The evacuation panel uses "
                  "a log scale."))


@localized
def numbers_table(ev: Evidence) -> Shown:
    """Every count given by more than one figure, as a series: the figures in the order they were given."""
    return numbers.series_table(ev, _("Every count given by more than one figure, earliest figure first"))


@localized
def card(ev: Evidence, *claim_ids: str) -> Shown:
    """How we coded one or a few claims; the chapter quotes them just above, so the card does not."""
    caption = (_("How we coded it ({id})").format(id=claim_ids[0]) if len(claim_ids) == 1 else
               _("How we coded them ({ids})").format(ids=", ".join(claim_ids)))
    return tables.render(accounts.with_summaries(ev, claims.claim_card(ev, list(claim_ids)), "claim"), caption,
                         columns=tables.headers({k: v for k, v in CARD.items() if k not in QUOTED}),
                         sources=("source_ids",), status=("status",))


@localized
def slips(ev: Evidence) -> Shown:
    """Where the machine translation changes the meaning."""
    return tables.render(claims.translation_slips(ev), _("Where the machine translation changes the meaning"),
                         columns={"paragraph": _("Para."), "french": _("The French"),
                                  "english": _("What the English meant"), "effect": _("Effect on a French reader")},
                         sources=(), status=())


@localized
def claim_accounts(ev: Evidence) -> Shown:
    """Every account of the article's factual claims, side by side: who said what, and whether they checked it."""
    facts = claims.fact_claims(ev)
    return tables.render(accounts.table(ev, "claim", facts.index), _("Each side's account of the factual claims"),
                         columns=tables.headers(accounts.COLUMNS), sources=("source_id",), status=())
