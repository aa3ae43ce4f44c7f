"""Chapter 05: every claim of the article with what the sources say, the contested numbers, the translation's slips."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from fissures import style
from fissures.evidence import ARTICLE_SOURCE, OPINION_KINDS, Evidence, split_ids

FACT_STATUSES = style.STATUS_ORDER  # confirmed, claimed, disputed, denied
VOICES = {"article": "The article's own voice", "quoted": "Speakers the article quotes"}
ARTICLE_SPEAKER = "the-sun"

# The counts the contested-numbers chart shows, one panel each, in this order.
MEASURES = {
    "drones-launched": "Drones sent at Moscow",
    "drones-downed": "Drones downed",
    "villages-taken": "Villages taken",
    "fighters-killed": "Fighters killed",
    "evacuated": "People evacuated",
}
# numbers.csv keys each figure by the event (often a statement) that gave it. These figures count
# the same thing for one episode, so they share its strip: the MoD's "more than 70" raiders killed
# and the groups' own 2 dead are both counts of fighters killed in the 22-23 May raid.
SAME_COUNT = {
    ("2023-05-23-mod-claims-raid-defeated", "fighters-killed"): "2023-05-22-belgorod-raid",
    ("2023-05-24-raid-groups-press-conference", "fighters-killed"): "2023-05-22-belgorod-raid",
}
# Figures of another measure that explain a contested one (drawn grey, on a strip of their own).
LOG_SPAN = 100  # a panel turns logarithmic when its largest figure is this many times its smallest
COMPARISONS = {"other-villages-evacuated": "villages-taken", "other-town-population": "evacuated"}
STRIP_LABELS = {
    "2023-05-30-moscow-drone-attack": "Moscow, 30 May",
    "2023-05-22-belgorod-raid": "Belgorod raid, 22–23 May",
    "2023-05-22-raid-groups-territorial-claims": "Belgorod raid, 22–23 May",
    "2023-06-01-mod-claims-30-killed": "Near Shebekino, 1 June",
    "2023-06-01-shebekino-evacuation": "Shebekino, 1–6 June",
    "2023-05-22-grayvoron-evacuation": "Grayvoron area, 22–23 May",
    ("2023-05-22-grayvoron-evacuation", "other-villages-evacuated"): "For comparison: villages evacuated, 22 May",
    ("2023-06-01-shebekino-evacuation", "other-town-population"): "For comparison: Shebekino's population",
}

# Shorter names for the chart's labels (the table keeps numbers.csv's given_by as written).
SHORT_NAMES = {
    "Gov. Vyacheslav Gladkov": "Governor Gladkov",
    "Belgorod Mayor Valentin Demidov": "Belgorod's mayor",
    "Freedom of Russia Legion and Russian Volunteer Corps": "The two groups (own dead)",
    "Igor Konashenkov": "MoD spokesman, later",
    "Agency copy relayed by Diario Octubre": "Agency copy",
    "Russian authorities": "Russian officials",
}

# Where the French machine translation changes the meaning of the English original. Each French
# fragment must appear word for word in its paragraph (translation_slips checks it).
TRANSLATION_SLIPS = (
    ("p5", "grève", "strike (a military attack)",
     "Reads as a labour strike by anti-Putin partisans, not an attack."),
    ("p10", "Les grèves", "The strikes (the drone attacks)",
     "Gustafson seems to say labour strikes will fuel Kremlin infighting."),
    ("p42", "Nouvelles grèves", "New strikes (attacks)",
     "The caption announces new labour strikes in Novaya Tavolzhanka."),
    ("p7", "tourner en rond", "starting to circle (sharks closing in)",
     "Successors 'going round in circles': aimless instead of closing in."),
    ("p20", "a régné", "rained down (probably)",
     "'Reigned near the city': the sentence loses its sense."),
    ("p27", "avec elles", "without them (the sense the argument needs; the English was not seen)",
     "Says Ukraine strikes better with the scarce equipment, the reverse of the point."),
    ("p42", "Télégramme", "Telegram (the messaging app)",
     "Hides that the photo comes from the Legion's own Telegram channel, a party to the fight."),
    ("p31", "f ** k all", "(English left untranslated)", "A French reader meets an English expletive."),
    ("p32", "scumbags malodorants", "smelly scumbags (half left in English)",
     "The insult is half in English."),
    ("p53", "[successfully]", "(an English word left in brackets)",
     "An untranslated editorial insertion sits mid-sentence."),
)


def _check_frame(frame: pd.DataFrame, columns: tuple[str, ...], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what}: missing column {', '.join(map(repr, missing))}")


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
    _check_frame(ev.claims, ("claim_id", "paragraph", "speaker_id", "kind", "status"), "claims")
    facts = ev.claims[ev.claims["kind"] == "fact"]
    bad = facts[~facts["status"].isin(FACT_STATUSES)]
    if len(bad):
        raise ValueError(f"claim {bad.index[0]}: status {bad['status'].iloc[0]!r} is not one of: "
                         f"{', '.join(FACT_STATUSES)}")
    return _with_speakers(ev, facts)


def opinion_claims(ev: Evidence) -> pd.DataFrame:
    """The article's assessments, predictions and rhetoric in reading order, with the speaker's name."""
    _check_frame(ev.claims, ("claim_id", "paragraph", "speaker_id", "kind"), "claims")
    return _with_speakers(ev, ev.claims[ev.claims["kind"].isin(OPINION_KINDS)])


def status_counts(facts: pd.DataFrame) -> pd.DataFrame:
    """Fact claims counted by status (rows, in STATUS_ORDER) and voice (columns: article, quoted)."""
    _check_frame(facts, ("status", "voice"), "fact claims")
    bad = sorted(set(facts["status"]) - set(FACT_STATUSES))
    if bad:
        raise ValueError(f"status {bad[0]!r} is not one of: {', '.join(FACT_STATUSES)}")
    counts = pd.crosstab(facts["status"], facts["voice"])
    return counts.reindex(index=list(FACT_STATUSES), columns=list(VOICES), fill_value=0).rename_axis(None).rename_axis(None, axis=1)


def draw_status_counts(ev: Evidence) -> plt.Figure:
    """Stacked bars: fact claims per status, split by the article's own voice and quoted speakers."""
    style.apply()
    counts = status_counts(fact_claims(ev))
    fig, ax = plt.subplots(figsize=style.FIG_SIZES["wide"])
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
    ax.set_yticks(ys, [_wrap_label(style.STATUS_STYLE[s]["label"]) for s in counts.index], fontsize=9.5)
    ax.set_xlim(0, left.max() * 1.12 + 1)
    ax.set_xlabel("Factual claims in the article")
    ax.set_title(f"{int(left.sum())} factual claims, by what the sources say")
    handles = [Patch(**style.status_patch_kwargs("confirmed", style.VOICE_COLOURS[v]), label=label)
               for v, label in VOICES.items()]
    ax.legend(handles=handles, loc="lower right", fontsize=9,
              title="Who makes the claim (hollow, hatched: not confirmed)", title_fontsize=9)
    fig.subplots_adjust(bottom=0.2, left=0.25)
    style.source_line(fig, "Source: Fissures data/claims.csv (statuses from the sources in data/sources.csv)")
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
    parts = [f"{counts.loc[s].sum()} {s} ({counts.loc[s, 'article']} in the article's own voice, "
             f"{counts.loc[s, 'quoted']} from quoted speakers)" for s in counts.index]
    return (f"Bar chart of the article's {int(counts.values.sum())} factual claims by status: "
            + "; ".join(parts) + ".")


def _who(given_by: str) -> str:
    """A short label for who gave a figure: 'Baza (Telegram channel …)' → 'Baza'."""
    name = re.split(r"\s*\(", str(given_by))[0].strip()
    return SHORT_NAMES.get(name, name)


def _strip_label(ev: Evidence, event_id: str, measure: str) -> str:
    if (event_id, measure) in STRIP_LABELS:
        return STRIP_LABELS[(event_id, measure)]
    if event_id in STRIP_LABELS:
        return STRIP_LABELS[event_id]
    row = ev.events.loc[event_id]
    return f"{ev.places.loc[row['place_id'], 'name_en']}, {row['date']:%-d %B}"


def _numbers(ev: Evidence) -> pd.DataFrame:
    _check_frame(ev.numbers, ("event_id", "measure", "value", "value_max", "given_by", "source_id", "note"),
                 "numbers")
    nums = ev.numbers.copy()
    nums["strip_event"] = [SAME_COUNT.get((e, m), e) for e, m in zip(nums["event_id"], nums["measure"])]
    nums["is_article"] = nums["source_id"] == ARTICLE_SOURCE
    nums["more_than"] = nums["note"].str.match(r"\s*over\b", na=False)
    nums["up_to"] = nums["note"].str.match(r"\s*up to\b", na=False)  # numbers.csv writes "up to ..." for a ceiling
    nums["who"] = nums["given_by"].map(_who)
    return nums


def contested_numbers(ev: Evidence, measures: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Every figure of each (event, measure) that more than one figure counts, one row per source.

    ``measures`` keeps only those measures (in that order); by default all are kept.
    """
    nums = _numbers(ev)
    if measures is not None:
        unknown = [m for m in measures if m not in set(nums["measure"])]
        if unknown:
            raise ValueError(f"measure {unknown[0]!r} is not in numbers.csv")
    sizes = nums.groupby(["strip_event", "measure"])["number_id"].transform("size")
    out = nums[sizes > 1].copy()
    if measures is not None:
        out = out[out["measure"].isin(measures)]
        out["panel_order"] = out["measure"].map({m: i for i, m in enumerate(measures)})
    else:
        out["panel_order"] = 0
    out["strip"] = [_strip_label(ev, e, m) for e, m in zip(out["strip_event"], out["measure"])]
    out["event_date"] = [ev.events.loc[e, "date"] for e in out["strip_event"]]
    out = out.sort_values(["panel_order", "measure", "event_date", "value"])
    return out.drop(columns=["panel_order"])


def comparison_numbers(ev: Evidence) -> pd.DataFrame:
    """Figures of another measure that explain a contested one (the villages evacuated, the town's population)."""
    nums = _numbers(ev)
    out = nums[nums["measure"].isin(COMPARISONS)].copy()
    out["panel"] = out["measure"].map(COMPARISONS)
    out["strip"] = [_strip_label(ev, e, m) for e, m in zip(out["event_id"], out["measure"])]
    return out


def figure_text(row: pd.Series) -> str:
    """A figure as said: '8', 'more than 25', 'up to 50', '4–10', with thousands separated."""
    value = f"{int(row['value']):,}"
    if pd.notna(row["value_max"]):
        value = f"{value}–{int(row['value_max']):,}"
    if row["more_than"]:
        return f"more than {value}"
    return f"up to {value}" if row.get("up_to", False) else value


def number_table(ev: Evidence) -> pd.DataFrame:
    """The contested figures as a table: what is counted, where, the figure, who gave it, the source."""
    rows = contested_numbers(ev)
    order = {m: i for i, m in enumerate([*MEASURES, *COMPARISONS])}
    rows = rows.assign(rank=rows["measure"].map(order).fillna(len(order))).sort_values(
        ["rank", "event_date", "value"], kind="stable")
    out = pd.DataFrame({
        "measure": rows["measure"].map(lambda m: MEASURES.get(m, m.replace("other-", "").replace("-", " "))),
        "strip": rows["strip"],
        "figure": [figure_text(r) for _, r in rows.iterrows()],
        "given_by": rows["given_by"],
        "source_id": rows["source_id"],
        "note": rows["note"],
    })
    return out.reset_index(drop=True)


def _panel_rows(measure: str, numbers: pd.DataFrame, comparisons: pd.DataFrame) -> pd.DataFrame:
    """One panel's marks, grouped into strips (largest figure on top), with a y position for each mark."""
    own = numbers[numbers["measure"] == measure].assign(kind="source")
    own.loc[own["is_article"], "kind"] = "article"
    extra = comparisons[comparisons["panel"] == measure].assign(kind="comparison")
    rows = pd.concat([own, extra], ignore_index=True)
    positions, y = {}, 0.0
    for strip in dict.fromkeys(rows["strip"]):
        for index in rows[rows["strip"] == strip].sort_values("value", ascending=False).index:
            positions[index] = -y
            y += 1
        y += 0.9  # room for the next strip's label
    return rows.assign(y=rows.index.map(positions))


def draw_contested_numbers(ev: Evidence, measures: tuple[str, ...] = tuple(MEASURES)) -> plt.Figure:
    """Small multiples, one panel per measure: each source's figure on its strip, the article's highlighted."""
    style.apply()
    numbers = contested_numbers(ev, measures)
    comparisons = comparison_numbers(ev)
    panels = [(m, _panel_rows(m, numbers, comparisons)) for m in measures if m in set(numbers["measure"])]
    if not panels:
        raise ValueError(f"no contested figures for the measures {', '.join(measures)}")
    heights = [len(rows) + 0.9 * rows["strip"].nunique() + 0.4 for _, rows in panels]
    unit, head, foot, gap = 0.3, 1.2, 0.75, 0.95  # inches
    body = unit * sum(heights)
    total = body + gap * (len(panels) - 1) + head + foot
    fig, axes = plt.subplots(len(panels), 1, figsize=(style.FIG_WIDTH, total),
                             gridspec_kw={"height_ratios": heights})
    fig.subplots_adjust(top=1 - head / total, bottom=foot / total, left=0.03, right=0.97,
                        hspace=gap / (body / len(panels)))
    for ax, (measure, rows) in zip(np.atleast_1d(axes), panels):
        _draw_panel(ax, measure, rows)
    fig.suptitle("One count, several figures: who gave which number", x=0.03, ha="left",
                 fontsize=12, weight="bold", y=1 - 0.12 / total, va="top")
    handles = [plt.Line2D([], [], marker="o", linestyle="", markersize=8, color=style.NUMBER_COLOURS[k],
                          markeredgecolor=style.INK if k == "article" else style.NUMBER_COLOURS[k], label=label)
               for k, label in (("article", "the article's figure"), ("source", "a source's figure"),
                                ("comparison", "another count, for comparison"))]
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.025, 1 - 0.42 / total), ncol=3, fontsize=9,
               handletextpad=0.3, columnspacing=1.2)
    style.source_line(fig, "Source: Fissures data/numbers.csv, one row per source (bars: ranges; arrows: "
                           "'more than'). Log scale only where figures span orders of magnitude.")
    return fig


def _draw_panel(ax: plt.Axes, measure: str, rows: pd.DataFrame) -> None:
    """One measure: a grey band per strip, a dot (or range bar) per figure, labelled with who gave it."""
    values = pd.concat([rows["value"], rows["value_max"].dropna()]).astype(float)
    high = values.max()
    log = high / max(values.min(), 1) >= LOG_SPAN
    if log:
        ax.set_xscale("log")
        ax.set_xlim(max(values.min(), 1) / 2, high * 2.5)
    else:
        ax.set_xlim(0, high * 1.25 + 1)
    low_lim, high_lim = ax.get_xlim()

    def share(v: float) -> float:  # where a value sits across the axis, 0..1
        return np.log10(v / low_lim) / np.log10(high_lim / low_lim) if log else v / high_lim

    for strip in dict.fromkeys(rows["strip"]):
        members = rows[rows["strip"] == strip]
        top, bottom = members["y"].max(), members["y"].min()
        ax.axhspan(bottom - 0.45, top + 0.45, color=style.PANEL, zorder=0, linewidth=0)
        ax.text(low_lim, top + 0.6, strip, fontsize=9, weight="bold", color=style.MUTED, va="bottom", ha="left")
    for _, row in rows.iterrows():
        colour = style.NUMBER_COLOURS[row["kind"]]
        article = row["kind"] == "article"
        start = float(row["value"])
        end = float(row["value_max"]) if pd.notna(row["value_max"]) else start
        if end > start:
            ax.plot([start, end], [row["y"]] * 2, color=colour, linewidth=6, solid_capstyle="butt", zorder=3)
        else:
            ax.scatter([start], [row["y"]], s=110 if article else 60, color=colour, zorder=4,
                       edgecolors=style.INK if article else colour, linewidths=1.2)
        tip = end
        if row["more_than"]:
            tip = end * 1.5 if log else end + (high_lim - low_lim) * 0.05
            ax.annotate("", xy=(tip, row["y"]), xytext=(end, row["y"]), zorder=3,
                        arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 1.3})
        right = share(tip) < 0.55  # label to the right of the mark, else to its left
        ax.annotate(f"{row['who']}: {figure_text(row)}", xy=(tip if right else start, row["y"]),
                    xytext=(8 if right else -8, 0), textcoords="offset points", va="center",
                    ha="left" if right else "right", fontsize=9,
                    color=style.ARTICLE_COLOUR if article else style.INK, weight="bold" if article else "normal")
    ax.set_title(MEASURES.get(measure, measure), fontsize=10.5, loc="left", pad=18)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(rows["y"].min() - 0.6, rows["y"].max() + 1.2)
    ax.tick_params(axis="x", labelsize=9)
    if log:
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.set_xlabel("log scale", fontsize=8.5, color=style.MUTED, loc="right", labelpad=2)


def describe_contested_numbers(ev: Evidence, measures: tuple[str, ...] = tuple(MEASURES)) -> str:
    """The contested-numbers chart in words (its alt text)."""
    numbers = contested_numbers(ev, measures)
    parts = []
    for measure in measures:
        rows = numbers[numbers["measure"] == measure]
        for strip in dict.fromkeys(rows["strip"]):
            figs = rows[rows["strip"] == strip]
            said = ", ".join(f"{r['who']} {figure_text(r)}" for _, r in figs.iterrows())
            parts.append(f"{MEASURES.get(measure, measure)} ({strip}): {said}")
    text = "Dot chart, one panel per count, one dot per source. " + "; ".join(parts) + "."
    drawn = set(numbers["measure"])
    extra = comparison_numbers(ev)
    extra = extra[extra["panel"].isin([m for m in measures if m in drawn])]
    if len(extra):
        said = "; ".join(f"{re.sub(r'^For comparison: ', '', r['strip'])}: {r['who']} {figure_text(r)}"
                         for _, r in extra.iterrows())
        text += f" Drawn grey for comparison: {said}."
    return text


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
    """The machine translation's meaning-changing slips; each French fragment is checked against its paragraph."""
    rows = []
    for paragraph, french, english, effect in TRANSLATION_SLIPS:
        if paragraph not in ev.paragraphs.index:
            raise ValueError(f"translation slip names paragraph {paragraph!r}, which the article does not have")
        if french not in ev.paragraphs.loc[paragraph, "text"]:
            raise ValueError(f"translation slip {french!r} is not found in {paragraph} of the article")
        rows.append({"paragraph": paragraph, "french": french, "english": english, "effect": effect})
    return pd.DataFrame(rows)


# --- The rows the figures draw (their text twins) ------------------------------------------------


def status_table(ev: Evidence) -> pd.DataFrame:
    """The rows ``draw_status_counts`` draws: each status, its fact claims by voice, and the total."""
    counts = status_counts(fact_claims(ev))
    return pd.DataFrame({
        "status": list(counts.index),
        "meaning": [style.STATUS_STYLE[s]["label"] for s in counts.index],
        "article": [int(n) for n in counts["article"]],
        "quoted": [int(n) for n in counts["quoted"]],
        "total": [int(n) for n in counts.sum(axis=1)],
    })


def contested_numbers_table(ev: Evidence, measures: tuple[str, ...] = tuple(MEASURES)) -> pd.DataFrame:
    """The rows ``draw_contested_numbers`` draws, panel by panel: every figure, who gave it, its role.

    ``role`` is 'the article', 'a source' or 'for comparison' (a related count drawn grey).
    """
    numbers = contested_numbers(ev, measures)
    comparisons = comparison_numbers(ev)
    roles = {"article": "the article", "source": "a source", "comparison": "for comparison"}
    frames = []
    for measure in measures:
        if measure not in set(numbers["measure"]):
            continue
        rows = _panel_rows(measure, numbers, comparisons)
        frames.append(pd.DataFrame({
            "panel": MEASURES.get(measure, measure), "strip": rows["strip"],
            "figure": [figure_text(r) for _, r in rows.iterrows()], "who": rows["who"],
            "given_by": rows["given_by"], "role": rows["kind"].map(roles),
            "source_id": rows["source_id"], "note": rows["note"]}))
    if not frames:
        raise ValueError(f"no contested figures for the measures {', '.join(measures)}")
    return pd.concat(frames, ignore_index=True)
