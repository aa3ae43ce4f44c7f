"""The article's argument, drawn from data: the argument map and who speaks in the article."""

from __future__ import annotations

import re
import textwrap

import matplotlib.pyplot as plt
import pandas as pd

from fissures import formats, labels, style
from fissures.evidence import Evidence, split_ids
from fissures.i18n import _
from fissures.timeline import short_label

WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def quoted_segments(text: str) -> list[str]:
    """The words between « and » in a paragraph; an unclosed quote runs to the paragraph's end."""
    segments, depth, current = [], 0, []
    for char in text:
        if char == "«":
            depth += 1
            if depth == 1:
                current = []
                continue
        elif char == "»" and depth:
            depth -= 1
            if depth == 0:
                segments.append("".join(current))
                continue
        if depth:
            current.append(char)
    if depth:
        segments.append("".join(current))
    return [s.strip() for s in segments if s.strip()]


def word_count(text: str) -> int:
    """Words in a French text (elisions such as l’Ukraine count as one)."""
    return len(WORD.findall(text))


def speaker_of(ev: Evidence, paragraph: str) -> str:
    """Whose words a paragraph quotes: its quoted speaker in claims.csv, else the article's own voice."""
    claims = ev.claims[ev.claims["paragraph"] == paragraph]
    quoted = claims[claims["speaker_id"] != "the-sun"]["speaker_id"]
    return quoted.mode().iloc[0] if len(quoted) else "the-sun"


def voices(ev: Evidence) -> pd.DataFrame:
    """Quoted words per speaker, computed from the article's « » and claims.csv's speakers."""
    rows = []
    for paragraph, text in zip(ev.paragraphs["paragraph"], ev.paragraphs["text"]):
        words = sum(word_count(s) for s in quoted_segments(text))
        if words:
            rows.append({"paragraph": paragraph, "speaker_id": speaker_of(ev, paragraph), "words": words})
    per = pd.DataFrame(rows, columns=["paragraph", "speaker_id", "words"])
    table = per.groupby("speaker_id").agg(quoted_words=("words", "sum"), paragraphs=("paragraph", "count"))
    table = table.join(ev.people[["name", "role", "affiliation", "side"]], how="left")
    if "the-sun" in table.index:  # the narration quotes others' phrases without a claim of their own
        table.loc["the-sun", ["name", "affiliation"]] = [_("Phrases quoted in the narration"),
                                                         _("Kremlin, MoD, Prigozhin, the Legion")]
    table["share"] = table["quoted_words"] / table["quoted_words"].sum()
    claims = ev.claims.groupby("speaker_id").size().rename("claims")
    table = table.join(claims, how="left").fillna({"claims": 0})
    return table.sort_values("quoted_words", ascending=False).reset_index()


def draw_voices(table: pd.DataFrame) -> plt.Figure:
    """Horizontal bars: each voice's share of the article's quoted words, coloured by side."""
    style.apply()
    colours = style.SIDE_COLOURS
    data = table.iloc[::-1]
    narrow = style.narrow()  # on phones: names wrapped in a wider margin, the key under the chart
    below = 2.1 if narrow else 0.8
    fig, ax = plt.subplots(figsize=(style.fig_width(), (0.62 if narrow else 0.5) * len(data) + 0.8 + below))
    fig.subplots_adjust(left=0.47 if narrow else 0.3, right=0.97, top=1 - 0.5 / fig.get_figheight(),
                        bottom=below / fig.get_figheight())
    bars = ax.barh(range(len(data)), data["share"] * 100,
                   color=[colours.get(s, style.MUTED) for s in data["side"]], edgecolor=style.INK, linewidth=0.5)
    names = [f"{_first(n)}\n{_first(a)}" for n, a in zip(data["name"], data["affiliation"])]
    ax.set_yticks(range(len(data)), [style.wrap(n, 8.5, 0.45) for n in names] if narrow else names, fontsize=8.5)
    for bar, words in zip(bars, data["quoted_words"]):
        ax.text(bar.get_width() + 0.8, bar.get_y() + bar.get_height() / 2, formats.count(words, "word", "words"),
                va="center", fontsize=8.5, color=style.INK)
    xlabel = _("Share of the words the article puts in quotation marks (%)")
    ax.set_xlabel(style.wrap(xlabel, 10, 0.5) if narrow else xlabel)
    ax.set_xlim(0, max(data["share"] * 100) * (1.6 if narrow else 1.25))
    style.title(fig, ax, _("Who speaks in the article"))
    sides = list(dict.fromkeys(data["side"][::-1]))
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours.get(s, style.MUTED)) for s in sides]
    if narrow:
        fig.legend(handles, [labels.side(s) for s in sides], loc="lower left", fontsize=8.5,
                   bbox_to_anchor=(0.01, 0.25 / fig.get_figheight()))
    else:
        ax.legend(handles, [labels.side(s) for s in sides], loc="lower right", fontsize=8.5)
    style.source_line(fig, _("Source: Fissures, words between « » in data/article/article.fr.txt, "
                             "speakers from data/claims.csv"))
    return fig


def tree(ev: Evidence) -> pd.DataFrame:
    """The argument's nodes with their claims' paragraphs and the status of their evidence."""
    nodes = ev.argument.copy()
    nodes["paragraphs"] = [
        ", ".join(sorted({ev.claims.loc[c, "paragraph"] for c in split_ids(ids)}, key=lambda p: int(p[1:])))
        for ids in nodes["claim_ids"]
    ]
    nodes["speakers"] = [
        ", ".join(dict.fromkeys(ev.people.loc[ev.claims.loc[c, "speaker_id"], "name"] for c in split_ids(ids)))
        for ids in nodes["claim_ids"]
    ]
    return nodes


def _box(ax, x: float, y: float, text: str, width: int, *, face: str, edge: str, weight: str = "normal",
         fontsize: float = 9.0, hatch: str | None = None, dashed: bool = False, footer: str | None = None) -> None:
    wrapped = textwrap.fill(text, width) + (f"\n{footer}" if footer else "")
    ax.text(x, y, wrapped, ha="center", va="center", fontsize=fontsize, weight=weight, color=style.INK, zorder=3,
            bbox={"boxstyle": "round,pad=0.45", "facecolor": face, "edgecolor": edge, "hatch": hatch,
                  "linestyle": "--" if dashed else "-", "linewidth": 1.2})


def draw_argument_map(ev: Evidence) -> plt.Figure:
    """Thesis → mechanisms and caveats → the events offered as evidence, with their status."""
    style.apply()
    nodes = tree(ev)
    thesis = nodes[nodes["kind"] == "thesis"].iloc[0]
    branches = nodes[nodes["kind"] != "thesis"].reset_index(drop=True)
    event_ids = list(dict.fromkeys(e for ids in branches["event_ids"] for e in split_ids(ids)))
    events = ev.events.loc[event_ids].sort_values("date")
    if style.narrow():
        return _draw_argument_list(ev, thesis, branches)
    n = max(len(branches), len(events))
    fig, ax = plt.subplots(figsize=(style.fig_width(), 1.05 * n + 2.4))
    ax.set_xlim(0, 10)
    ax.set_ylim(-0.8, n + 0.3)
    ax.axis("off")
    ys = {node: n - 1 - i * (n - 1) / max(len(branches) - 1, 1) for i, node in enumerate(branches["node_id"])}
    eys = {e: n - 1 - i * (n - 1) / max(len(events) - 1, 1) for i, e in enumerate(events.index)}
    ty = (n - 1) / 2
    for node, y in ys.items():
        row = branches.set_index("node_id").loc[node]
        caveat = row["kind"] == "caveat"
        ax.annotate("", xy=(3.0, y), xytext=(1.85, ty), arrowprops={
            "arrowstyle": "-", "color": style.MUTED, "linewidth": 0.9, "linestyle": "--" if caveat else "-"})
        for event in split_ids(row["event_ids"]):
            ax.annotate("", xy=(6.75, eys[event]), xytext=(5.95, y),
                        arrowprops={"arrowstyle": "-", "color": style.RULE, "linewidth": 0.9})
        _box(ax, 4.45, y, f"{row['label_en']} ({row['paragraphs']})", 30,
             face="#ffffff" if caveat else style.PANEL, edge=style.MUTED, fontsize=9, dashed=caveat,
             footer=None if caveat else _tally(ev, node))

    _box(ax, 0.95, ty, thesis["label_en"], 16, face=style.PANEL, edge=style.INK, weight="bold", fontsize=9.5,
         footer=_tally(ev, thesis["node_id"], short=True))
    for event, y in eys.items():
        row = events.loc[event]
        colour = style.event_colour(row["event_type"])
        ax.scatter([6.85], [y], s=70, zorder=4, **style.status_marker_kwargs(row["status"], colour))
        ax.text(7.05, y, textwrap.fill(_event_line(row), 30), va="center", fontsize=8.5, color=style.INK)
    ax.text(0.95, n + 0.05, _("Thesis"), ha="center", fontsize=9, weight="bold", color=style.MUTED)
    ax.text(4.45, n + 0.05, _("Mechanisms; caveats dashed"), ha="center", fontsize=9,
            weight="bold", color=style.MUTED)
    ax.text(6.75, n + 0.05, _("Events offered as evidence"), ha="left", fontsize=9, weight="bold", color=style.MUTED)
    ax.set_title(_("The article's argument, from data/argument.csv"), loc="left")
    style.status_legend(ax, loc="upper left", bbox_to_anchor=(0.0, 0.0), ncol=2, fontsize=8.5)
    style.source_line(fig, _("Source: Fissures data/argument.csv, claims.csv, events.csv (paragraph numbers p1–p68 "
                             "of the article)"))
    return fig


def _event_line(row: pd.Series) -> str:
    return f"{formats.date(row['date'], 'short')}: {short_label(row)} ({labels.status(row['status'])})"


def _draw_argument_list(ev: Evidence, thesis: pd.Series, branches: pd.DataFrame) -> plt.Figure:
    """The argument map for phones: the thesis, then each mechanism or caveat with the events under it."""
    line, gap = 0.175, 0.16  # inches: a line of 9 pt text, the space between blocks
    items = [("thesis", style.wrap(thesis["label_en"], 9.5, 0.8) + "\n" + _tally(ev, thesis["node_id"], short=True))]
    for _i, row in branches.iterrows():
        caveat = row["kind"] == "caveat"
        text = style.wrap(f"{row['label_en']} ({row['paragraphs']})", 9, 0.82)
        items.append(("caveat" if caveat else "mechanism", text if caveat else text + "\n" + _tally(ev, row["node_id"])))
        for event in split_ids(row["event_ids"]):
            items.append(("event", event))
    heights = [(1 + str(t).count("\n")) * line + 0.22 if kind != "event" else
               (1 + style.wrap(_event_line(ev.events.loc[t]), 8.5, 0.78).count("\n")) * line for kind, t in items]
    top, bottom = 0.75, 1.5
    total = top + bottom + sum(heights) + gap * sum(1 for kind, _t in items if kind != "event")
    fig = plt.figure(figsize=(style.fig_width(), total))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, style.fig_width())
    ax.set_ylim(total, 0)
    ax.axis("off")
    y = top
    for (kind, text), height in zip(items, heights):
        if kind == "event":
            row = ev.events.loc[text]
            ax.scatter([0.42], [y + line / 2], s=45, zorder=4,
                       **style.status_marker_kwargs(row["status"], style.event_colour(row["event_type"])))
            ax.text(0.6, y, style.wrap(_event_line(row), 8.5, 0.78), va="top", fontsize=8.5, color=style.INK)
            y += height
            continue
        y += gap
        thesis_box = kind == "thesis"
        ax.text(0.12 if thesis_box else 0.3, y + 0.11, text, va="top", ha="left", fontsize=9.5 if thesis_box else 9,
                weight="bold" if thesis_box else "normal", color=style.INK, zorder=3,
                bbox={"boxstyle": "round,pad=0.45", "facecolor": "#ffffff" if kind == "caveat" else style.PANEL,
                      "edgecolor": style.INK if thesis_box else style.MUTED, "linestyle": "--" if kind == "caveat" else "-",
                      "linewidth": 1.2})
        y += height
    fig.text(0.03, 1 - 0.08 / total, style.wrap(_("The article's argument, from data/argument.csv"), 12, 0.9),
             ha="left", va="top", fontsize=12, fontweight="bold", color=style.INK)
    fig.text(0.03, 1 - 0.5 / total, _("Thesis, then each mechanism (caveats dashed) with the events offered as evidence"),
             ha="left", va="top", fontsize=8.5, color=style.MUTED, wrap=True)
    style.status_legend(ax, loc="lower left", bbox_to_anchor=(0.0, 0.35 / total), ncol=1, fontsize=8.5)
    style.source_line(fig, _("Source: Fissures data/argument.csv, claims.csv, events.csv (paragraph numbers p1–p68 "
                             "of the article)"))
    return fig


def _tally(ev: Evidence, node_id: str, short: bool = False) -> str:
    """How much outside evidence we recorded for and against a node (data/argument_evidence.csv)."""
    rows = ev.argument_evidence[ev.argument_evidence["node_id"] == node_id]["direction"]
    n_for, n_against = (rows == "supports").sum(), (rows == "cuts-against").sum()
    tally = _("{n_for} for, {n_against} against").format(n_for=formats.number(int(n_for)),
                                                         n_against=formats.number(int(n_against)))
    return f"[{tally}]" if short else "[" + _("other sources: {tally}").format(tally=tally) + "]"


def _first(text: str) -> str:
    """A label's first part: 'Brunel University London (Brunel Centre …)' → 'Brunel University London'."""
    return re.split(r"\s*[(;]", str(text))[0].strip()


def node_quotes(ev: Evidence) -> pd.DataFrame:
    """Each node of the argument with the first claim that makes it, in French and in translation."""
    rows = []
    for _i, node in ev.argument.iterrows():
        claim = ev.claims.loc[split_ids(node["claim_ids"])[0]]
        rows.append({"node_id": node["node_id"], "label_en": node["label_en"], "kind": node["kind"],
                     "speaker": f"{ev.people.loc[claim['speaker_id'], 'name']} ({claim['paragraph']})",
                     "paragraph": claim["paragraph"],
                     "quote_fr": claim["quote_fr"], "quote_en": claim["quote_en"]})
    return pd.DataFrame(rows)


def describe_map(ev: Evidence) -> str:
    """The argument map in words, computed from the same rows (its alt text)."""
    nodes = ev.argument
    thesis = nodes[nodes["kind"] == "thesis"].iloc[0]
    mechanisms = nodes[nodes["kind"] == "mechanism"]
    caveats = nodes[nodes["kind"] == "caveat"]
    event_ids = list(dict.fromkeys(e for ids in nodes["event_ids"] for e in split_ids(ids)))
    status = ev.events.loc[event_ids, "status"].value_counts()
    counts = ", ".join(labels.status_count(s, int(status[s])) for s in style.STATUS_ORDER if s in status)
    return _("Argument map. Thesis: {thesis}. {mechanisms} support it: {mechanism_list}. {caveats} qualify it: "
             "{caveat_list}. {events} are offered as evidence ({counts}).").format(
        thesis=thesis["label_en"], mechanisms=formats.count(len(mechanisms), "mechanism", "mechanisms"),
        mechanism_list="; ".join(mechanisms["label_en"]), caveats=formats.count(len(caveats), "caveat", "caveats"),
        caveat_list="; ".join(caveats["label_en"]), events=formats.count(len(event_ids), "event", "events"),
        counts=counts)


def describe_voices(table: pd.DataFrame) -> str:
    """The voices chart in words (its alt text)."""
    parts = [f"{row['name']} {formats.percent(round(row['share'] * 100))} "
             f"({formats.count(int(row['quoted_words']), 'word', 'words')})" for _i, row in table.iterrows()]
    return _("Bar chart of the share of the article's quoted words by speaker: {parts}.").format(parts="; ".join(parts))


# --- The rows the figures draw (their text twins) ------------------------------------------------


def map_table(ev: Evidence) -> pd.DataFrame:
    """The rows ``draw_argument_map`` draws: the thesis, each mechanism and caveat, then each event offered.

    ``part`` is thesis / mechanism / caveat / event; events carry their date, status and sources,
    and ``supports`` names the parts of the argument that cite them.
    """
    nodes = tree(ev)
    rows = []
    for _i, node in nodes.iterrows():
        rows.append({"part": node["kind"], "label": node["label_en"], "paragraphs": node["paragraphs"],
                     "date": "", "status": "", "supports": "", "source_ids": ""})
    event_ids = list(dict.fromkeys(e for ids in nodes["event_ids"] for e in split_ids(ids)))
    unknown = [e for e in event_ids if e not in ev.events.index]
    if unknown:
        raise ValueError(f"argument.csv names event {unknown[0]!r}, which is not in events.csv")
    for event_id, event in ev.events.loc[event_ids].sort_values("date").iterrows():
        cited = nodes[[event_id in split_ids(ids) for ids in nodes["event_ids"]]]
        rows.append({"part": "event", "label": event["summary_en"], "paragraphs": "",
                     "date": formats.date(event["date"], "short"), "status": event["status"],
                     "supports": "; ".join(cited["label_en"]), "source_ids": event["source_ids"]})
    return pd.DataFrame(rows)


def voices_table(table: pd.DataFrame) -> pd.DataFrame:
    """The rows ``draw_voices`` draws, with the share written as a percentage."""
    out = table[["name", "affiliation", "side", "quoted_words", "paragraphs"]].copy()
    out["side"] = out["side"].map(labels.side)
    out["share"] = [formats.percent(round(share * 100)) for share in table["share"]]
    return out
