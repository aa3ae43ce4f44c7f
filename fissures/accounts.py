"""Each side's account of an event or a factual claim (``data/accounts.csv``), and the status rule's verdict on it.

``summary`` writes a row's accounts in a line ("Russian state: asserts it (2); independent: asserts
it, own check (1)"); ``table`` lists them, side by side, for a chapter; ``rule`` gives the status
the rule of ``fissures.status`` gives a row, and why.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from fissures import formats, labels, status
from fissures.evidence import ARTICLE_SOURCE, Evidence, split_ids
from fissures.i18n import N_, _

COLUMNS = {"row": N_("About"), "side": N_("Side"), "who": N_("Who"), "said": N_("When"), "stance": N_("Stance"),
           "what": N_("What they said"), "checked": N_("Own check"), "source_id": N_("Source")}


def of(ev: Evidence, kind: str, row_id: str) -> pd.DataFrame:
    """The accounts of one event (``kind`` "event") or claim ("claim"), in the order they were said."""
    rows = ev.accounts[(ev.accounts["row_kind"] == kind) & (ev.accounts["row_id"] == row_id)]
    return rows.sort_values(["date_said", "account_id"])


def rule(ev: Evidence, kind: str, row: pd.Series) -> tuple[str, str]:
    """The status the rule gives a row of events, attacks or claims, and its reason in words."""
    found = of(ev, kind, row.name)
    sides = ev.sources["side"]
    got, why = status.decide((status.Account(r["side"], r["stance"], r["own_verification"] == "yes")
                              for _i, r in found.iterrows()),
                             (sides.get(s, "other") for s in split_ids(row["source_ids"]) if s != ARTICLE_SOURCE))
    return got, status.reason(why)


def summary(ev: Evidence, kind: str, row_id: str) -> str:
    """A row's accounts in a line, side by side: each side's stances and how many said so."""
    found = of(ev, kind, row_id)
    if found.empty:
        return ""
    parts = []
    for side in status.SIDES:
        mine = found[found["side"] == side]
        if mine.empty:
            continue
        stances = []
        for stance in status.STANCES:
            said = mine[mine["stance"] == stance]
            if said.empty:
                continue
            checked = (said["own_verification"] == "yes").sum()
            words = labels.stance(stance) + (", " + _("{n} with its own check").format(n=formats.number(int(checked)))
                                             if checked else "")
            stances.append(f"{words} ({formats.number(len(said))})")
        parts.append(_("{side}: {stances}").format(side=labels.source_side(side), stances=", ".join(stances)))
    return "; ".join(parts)


def with_summaries(ev: Evidence, frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """``frame`` (rows of events or claims) with an ``accounts`` column: each side's account in a line."""
    return frame.assign(accounts=[summary(ev, kind, row_id) for row_id in frame.index])


def table(ev: Evidence, kind: str, row_ids: Iterable[str]) -> pd.DataFrame:
    """Every account of the rows ``row_ids``, side by side, for a table (``COLUMNS``)."""
    row_ids = list(row_ids)
    found = ev.accounts[(ev.accounts["row_kind"] == kind) & ev.accounts["row_id"].isin(row_ids)]
    order = {r: i for i, r in enumerate(row_ids)}
    found = found.assign(_order=found["row_id"].map(order)).sort_values(["_order", "side", "date_said"])
    names = ev.events["short_label"] if kind == "event" else ev.claims["paragraph"]
    return pd.DataFrame({
        "account_id": found["account_id"].values,
        "row": [f"{r} ({names.get(r, '')})" if names.get(r, "") else r for r in found["row_id"]],
        "side": [labels.source_side(s) for s in found["side"]],
        "who": found["who"].values,
        "said": [_said(d) for d in found["date_said"]],
        "stance": [labels.stance(s) for s in found["stance"]],
        "what": found["what"].values,
        "checked": [_("yes") if v == "yes" else "" for v in found["own_verification"]],
        "source_id": found["source_id"].values,
    })


def _said(value: str) -> str:
    """An account's date in words ("22 May 2023", or "May 2023" when only the month is known)."""
    value = str(value)
    return formats.date(value + "-01", "month") if len(value) == 7 else formats.date(value, "short")
