"""The article's claims checked: factual claims by status and voice, opinions, the translation's slips.

Mechanisms only; which claims chapter 05 shows, and the contested numbers it draws (with
``fissures.numbers``), are chosen in ``fissures.chapters.claims``.
"""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from fissures import formats, labels, style
from fissures.evidence import ARTICLE_SOURCE, OPINION_KINDS, Evidence, require, split_ids
from fissures.i18n import _

FACT_STATUSES = labels.STATUSES  # confirmed, claimed, disputed, denied
VOICES = ("article", "quoted")
ARTICLE_SPEAKER = "the-sun"


def _para_order(paragraph: str) -> int:
    return int(paragraph[1:]) if re.fullmatch(r"p[0-9]+", str(paragraph)) else 10**6


def _with_speakers(ev: Evidence, claims: pd.DataFrame) -> pd.DataFrame:
    unknown = sorted(set(claims["speaker_id"]) - set(ev.people.index))
    if unknown:
        raise ValueError(f"claims name speaker_id {unknown[0]!r}, which is not in people.csv")
    out = claims.copy()
    out["speaker"] = [ev.people.loc[s, "name"] for s in out["speaker_id"]]
    out["voice"] = np.where(out["speaker_id"] == ARTICLE_SPEAKER, "article", "quoted")
    out["order"] = out["paragraph"].map(_para_order)
    return out.sort_values(["order", "claim_id"]).drop(columns="order")


def fact_claims(ev: Evidence) -> pd.DataFrame:
    """The article's factual claims in reading order, with the speaker's name and who speaks (article or quoted)."""
    require(ev.claims, ("claim_id", "paragraph", "speaker_id", "kind", "status"), "claims")
    facts = ev.claims[ev.claims["kind"] == "fact"]
    bad = facts[~facts["status"].isin(FACT_STATUSES)]
    if len(bad):
        raise ValueError(f"claim {bad.index[0]}: status {bad['status'].iloc[0]!r} is not one of: "
                         f"{', '.join(FACT_STATUSES)}")
    return _with_speakers(ev, facts)


def opinion_claims(ev: Evidence) -> pd.DataFrame:
    """The article's assessments, predictions and rhetoric in reading order, with the speaker's name."""
    require(ev.claims, ("claim_id", "paragraph", "speaker_id", "kind"), "claims")
    return _with_speakers(ev, ev.claims[ev.claims["kind"].isin(OPINION_KINDS)])


def status_counts(facts: pd.DataFrame) -> pd.DataFrame:
    """Fact claims counted by status (rows, in STATUS_ORDER) and voice (columns: article, quoted)."""
    require(facts, ("status", "voice"), "fact claims")
    bad = sorted(set(facts["status"]) - set(FACT_STATUSES))
    if bad:
        raise ValueError(f"status {bad[0]!r} is not one of: {', '.join(FACT_STATUSES)}")
    counts = pd.crosstab(facts["status"], facts["voice"])
    return counts.reindex(index=list(FACT_STATUSES), columns=list(VOICES), fill_value=0).rename_axis(None).rename_axis(
        None, axis=1)


def draw_status_counts(ev: Evidence) -> plt.Figure:
    """Stacked bars: fact claims per status, split by the article's own voice and quoted speakers."""
    style.apply()
    counts = status_counts(fact_claims(ev))
    narrow = style.narrow()  # on phones: wrapped names, the key under the chart
    fig, ax = plt.subplots(figsize=(style.fig_width(), 5.6 if narrow else 4.2))
    ys = np.arange(len(counts))[::-1]
    left = np.zeros(len(counts))
    for voice in VOICES:
        colour = style.VOICE_COLOURS[voice]
        for y, status, start, n in zip(ys, counts.index, left, counts[voice]):
            if n:
                ax.barh(y, n, left=start, height=0.62, **style.status_patch_kwargs(status, colour))
                ax.text(start + n / 2, y, str(n), ha="center", va="center", fontsize=10, weight="bold",
                        color="white" if style.STATUS_STYLE[status]["fill"] else style.INK,
                        bbox=None if style.STATUS_STYLE[status]["fill"] else
                        {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})
        left = left + counts[voice].to_numpy()
    for y, total in zip(ys, left):
        ax.text(total + 0.4, y, f"{int(total)}", va="center", fontsize=10, color=style.MUTED)
    ax.set_yticks(ys, [style.wrap(labels.status(s), 9.5, 0.36) if narrow else _wrap_label(labels.status(s))
                       for s in counts.index], fontsize=9.5)
    ax.set_xlim(0, left.max() * 1.12 + 1)
    ax.set_xlabel(_("Factual claims in the article"))
    style.title(fig, ax, _("{n} factual claims, by what the sources say").format(n=formats.number(int(left.sum()))))
    handles = [Patch(**style.status_patch_kwargs("confirmed", style.VOICE_COLOURS[v]), label=labels.voice(v))
               for v in VOICES]
    key = _("Who makes the claim (hollow, hatched: not confirmed)")
    if narrow:
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.01, 0.3 / 5.6), fontsize=9,
                   title=style.wrap(key, 9, 0.9), title_fontsize=9, alignment="left")
        fig.subplots_adjust(bottom=2.0 / 5.6, left=0.4, right=0.95, top=1 - 0.75 / 5.6)
    else:
        ax.legend(handles=handles, loc="lower right", fontsize=9, title=key, title_fontsize=9)
        fig.subplots_adjust(bottom=0.2, left=0.25)
    style.source_line(fig, _("Source: Fissures data/claims.csv (statuses from the sources in data/sources.csv)"))
    return fig


def _wrap_label(text: str, width: int = 24) -> str:
    """A status label on two lines: 'disputed: sources contradict each other' → two lines."""
    words, lines = text.split(), [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + len(word) + 1 > width:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    return "\n".join(lines)


def describe_status_counts(ev: Evidence) -> str:
    """The status chart in words (its alt text), computed from the same rows."""
    counts = status_counts(fact_claims(ev))
    parts = [_("{n} {status} ({article} in the article's own voice, {quoted} from quoted speakers)").format(
        n=formats.number(int(counts.loc[s].sum())), status=labels.status_word(s), article=formats.number(int(counts.loc[s, "article"])),
        quoted=formats.number(int(counts.loc[s, "quoted"]))) for s in counts.index]
    return _("Bar chart of the article's {n} factual claims by status: {parts}.").format(
        n=formats.number(int(counts.values.sum())), parts="; ".join(parts))


def claim_sources(ev: Evidence, claim_id: str) -> pd.DataFrame:
    """The sources a claim is checked against (the article itself left out), with publisher, date and title."""
    if claim_id not in ev.claims.index:
        raise ValueError(f"claim_id {claim_id!r} is not in claims.csv")
    ids = [s for s in split_ids(ev.claims.loc[claim_id, "source_ids"]) if s != ARTICLE_SOURCE]
    rows = ev.sources.loc[ids, ["source_id", "publisher", "date", "title"]]
    return rows.reset_index(drop=True)


def claim_card(ev: Evidence, claim_ids: list[str]) -> pd.DataFrame:
    """A few claims side by side: paragraph, French, our translation, status, who claims it, sources."""
    unknown = [c for c in claim_ids if c not in ev.claims.index]
    if unknown:
        raise ValueError(f"claim_id {unknown[0]!r} is not in claims.csv")
    return _with_speakers(ev, ev.claims.loc[claim_ids])


def translation_slips(ev: Evidence) -> pd.DataFrame:
    """The machine translation's meaning-changing slips (data/article/slips.csv, checked against the text)."""
    return ev.slips.copy()


# --- The rows the figures draw (their text twins) ------------------------------------------------


def status_table(ev: Evidence) -> pd.DataFrame:
    """The rows ``draw_status_counts`` draws: each status, its fact claims by voice, and the total."""
    counts = status_counts(fact_claims(ev))
    return pd.DataFrame({
        "status": list(counts.index),
        "meaning": [labels.status(s) for s in counts.index],
        "article": [int(n) for n in counts["article"]],
        "quoted": [int(n) for n in counts["quoted"]],
        "total": [int(n) for n in counts.sum(axis=1)],
    })
