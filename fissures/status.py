"""The status rule: how what each side says about an event or a factual claim decides its status.

The rule, written out on the About page, in the spirit of ACLED's and Bellingcat's practice. Each
account (``data/accounts.csv``) has the side of its speaker, whether the outlet checked it itself,
and its stance towards what the row states. In this order:

1. **disputed** when an account contradicts it;
2. **confirmed** when an independent outlet's own reporting asserts it (geolocation, reporters on
   site, its own interviews, satellite or seismic data, a name-by-name count), or when both camps
   assert it: the Russian state on one side, Ukraine's state or the raiders (allied, one camp) on
   the other;
3. **denied** when the accused party denies its part;
4. **claimed** otherwise: only one camp, or only relays, assert it.

A row with no accounts is read from its sources: each cited source counts as an asserting account
of its publisher's side, without its own verification. Statement events (``event_type``
"statement") are about whether the statement was made; what the statement says is a claim.
The loader (``fissures.evidence``) computes the rule for every event and factual claim and stops the
build where the recorded status differs, unless ``status_note`` gives the editors' reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fissures.i18n import N_, _

AS_OF = "2023-08-31"  # the evidence's as-of date: what was published later is "learned later"
SIDES = ("russian-state", "ukrainian-state", "raiders", "independent", "other")
STANCES = ("asserts", "contradicts", "denies", "other")
CAMPS = {"russian-state": "Russian", "ukrainian-state": "Ukrainian", "raiders": "Ukrainian"}  # allies: one camp

REASONS = {
    "contradicts": N_("an account contradicts it"),
    "independent": N_("an independent outlet's own reporting asserts it"),
    "both-camps": N_("both the Russian and the Ukrainian side assert it"),
    "denies": N_("the accused party denies its part"),
    "one-side": N_("only one side asserts it"),
    "relays": N_("only relays assert it, with no outlet's own check"),
}


@dataclass(frozen=True)
class Account:
    """What one speaker said about an event or a claim, as the rule reads it."""

    side: str
    stance: str
    own_verification: bool = False


def implied(sides: Iterable[str]) -> list[Account]:
    """The accounts of a row that has none: one asserting account per cited source, of its publisher's side."""
    return [Account(side, "asserts") for side in sides]


def rule(accounts: Iterable[Account]) -> tuple[str, str]:
    """The status the rule gives, and the reason's code (a key of ``REASONS``)."""
    accounts = list(accounts)
    stances = {a.stance for a in accounts}
    asserting = [a for a in accounts if a.stance == "asserts"]
    if "contradicts" in stances:
        return "disputed", "contradicts"
    if any(a.side == "independent" and a.own_verification for a in asserting):
        return "confirmed", "independent"
    if len({CAMPS[a.side] for a in asserting if a.side in CAMPS}) == 2:
        return "confirmed", "both-camps"
    if "denies" in stances:
        return "denied", "denies"
    if any(a.side in CAMPS for a in asserting):
        return "claimed", "one-side"
    return "claimed", "relays"


def decide(accounts: Iterable[Account], source_sides: Iterable[str]) -> tuple[str, str]:
    """The rule applied to a row: its accounts, or, when it has none, its cited sources read as accounts."""
    accounts = list(accounts)
    return rule(accounts or implied(source_sides))


def learned_later(date: str) -> bool:
    """Whether a source published on ``date`` (YYYY-MM-DD…) came after the as-of date."""
    return str(date)[:10] > AS_OF


def as_of_words() -> str:
    """The as-of date in words, in the current edition ("31 August 2023")."""
    from fissures import formats

    return formats.date(AS_OF)


def reason(code: str) -> str:
    """The rule's reason in words, in the current edition."""
    return _(REASONS[code])
