"""The one home for looks: palette, fonts, sizes and the status encoding, for matplotlib and the maps alike.

Only looks: the words for codes (statuses, event types, verdicts) are in ``fissures.labels``.
"""

from __future__ import annotations

import contextlib
import contextvars

from fissures import labels
from fissures.i18n import _

# Okabe & Ito's colour-blind-safe palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
INK = "#1a1a1a"
MUTED = "#4d4d4d"
RULE = "#d0d0d0"
LAND = "#f2efe9"
LAND_OTHER = "#fbfaf7"
# The three countries of the war's northern front, each a fill of its own on every map.
COUNTRY_FILLS = {"RU": "#f2efe9", "UA": "#e6eef0", "BY": "#efeaf2"}
WATER = "#dbe7f0"
BORDER = "#1a1a1a"
PANEL = "#f4f4f2"

# Which side a speaker belongs to (people.csv ``side``).
SIDE_COLOURS = {
    "independent-expert": OKABE_ITO["blue"],
    "media": "#999999",
    "russia-state": OKABE_ITO["vermillion"],
    "ukraine-state": OKABE_ITO["yellow"],
    "wagner": "#7f5200",
    "russian-anti-kremlin-armed": OKABE_ITO["orange"],
}

# How each status is drawn, everywhere: the fill carries the status, the colour the event type.
STATUS_STYLE = {
    "confirmed": {"fill": True, "hatch": None},
    "claimed": {"fill": False, "hatch": None},
    "disputed": {"fill": False, "hatch": "////"},
    "denied": {"fill": False, "hatch": "xxxx"},
}
STATUS_ORDER = labels.STATUSES

EVENT_COLOURS = {
    "invasion": OKABE_ITO["black"],
    "drone-attack": OKABE_ITO["blue"],
    "missile-strike": OKABE_ITO["sky"],
    "shelling": OKABE_ITO["vermillion"],
    "cross-border-raid": OKABE_ITO["orange"],
    "evacuation": OKABE_ITO["green"],
    "statement": OKABE_ITO["purple"],
    "mutiny": "#7f5200",
    "counter-offensive": "#505050",
    "sabotage": "#8c6d00",
    "other": "#808080",
}

# Every figure is drawn twice by the same function: for the page's column ("wide", about 8 in at
# 100 dpi) and for phones ("narrow"), where no text is smaller than NARROW_MIN_PT. At 390 px the
# column is about 358 px wide, so 8 pt in a 4 in (288 pt) figure shows at about 9.9 CSS px.
LAYOUTS = {"wide": 8.0, "narrow": 4.0}  # figure width in inches
NARROW_MIN_PT = 8.0
NARROW_MEDIA = "(max-width: 700px)"  # where pages show the narrow figure
FIG_WIDTH = LAYOUTS["wide"]
_HEIGHTS = {"wide": 4.2, "tall": 7.0, "map": 6.5}
_LAYOUT: contextvars.ContextVar[str] = contextvars.ContextVar("fissures_layout", default="wide")


@contextlib.contextmanager
def layout(name: str):
    """Draw for ``name`` ("wide" or "narrow") inside the block."""
    if name not in LAYOUTS:
        raise ValueError(f"layout {name!r} is not one of: {', '.join(LAYOUTS)}")
    token = _LAYOUT.set(name)
    try:
        yield
    finally:
        _LAYOUT.reset(token)


def narrow() -> bool:
    """Whether figures are being drawn for phones."""
    return _LAYOUT.get() == "narrow"


def fig_width() -> float:
    """The width (inches) of a figure in the current layout."""
    return LAYOUTS[_LAYOUT.get()]


def fig_size(kind: str = "wide") -> tuple[float, float]:
    """(width, height) in inches of a figure of a standard ``kind``: wide, tall or map."""
    return (fig_width(), _HEIGHTS[kind])
DPI = 150

RC = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "text.color": INK,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "svg.fonttype": "none",
    "svg.hashsalt": "fissures",
}


def apply() -> None:
    """Set matplotlib's defaults to the report's look."""
    import matplotlib as mpl  # here, so that the publisher can read the palette without loading matplotlib

    mpl.rcParams.update(RC)


def event_colour(event_type: str) -> str:
    """The colour of an event type (grey for a type the palette does not know)."""
    return EVENT_COLOURS.get(event_type, EVENT_COLOURS["other"])


def status_marker_kwargs(status: str, colour: str) -> dict:
    """Scatter keyword arguments that draw a status the same way everywhere.

    confirmed: filled; claimed: hollow; disputed: hollow and hatched; denied: hollow with an x.
    """
    if status not in STATUS_STYLE:
        raise ValueError(f"status {status!r} is not one of: {', '.join(STATUS_STYLE)}")
    if status == "confirmed":
        return {"marker": "o", "facecolors": colour, "edgecolors": colour, "linewidths": 1.5}
    if status == "denied":
        return {"marker": "X", "facecolors": "white", "edgecolors": colour, "linewidths": 1.5}
    return {"marker": "o", "facecolors": "white", "edgecolors": colour, "linewidths": 1.5,
            "hatch": STATUS_STYLE[status]["hatch"]}


def status_legend(ax, colour: str = INK, **kwargs):
    """A legend of the four statuses, drawn with the markers of ``status_marker_kwargs``."""
    handles = [ax.scatter([], [], s=50, **status_marker_kwargs(s, colour)) for s in STATUS_ORDER]
    kwargs.setdefault("fontsize", 8)
    kwargs.setdefault("title", _("Status"))
    return ax.legend(handles, [labels.status(s) for s in STATUS_ORDER], **kwargs)


def wrap(text: str, fontsize: float = 10.0, share: float = 1.0) -> str:
    """``text`` broken into lines that fit ``share`` of the current layout's width at ``fontsize`` points."""
    import textwrap

    chars = max(12, int(share * fig_width() * 72 / (fontsize * 0.56)))
    return "\n".join(textwrap.fill(line, chars) for line in str(text).split("\n"))


def title(fig, ax, text: str, **kwargs) -> None:
    """A figure's title: over the axes (``ax.set_title``'s ``kwargs``), or on phones wrapped to the figure's
    width from its left edge."""
    if not narrow():
        ax.set_title(text, **kwargs)
        return
    fig.text(0.02, 1 - 0.08 / fig.get_figheight(), wrap(text, 12, 0.9), ha="left", va="top", fontsize=12,
             fontweight="bold", color=INK)


def columns(n: int) -> int:
    """How many columns a legend of ``n`` columns gets in the current layout (one on phones)."""
    return 1 if narrow() else n


def source_line(fig, text: str) -> None:
    """The small source line at the bottom left of a figure, wrapped to its width; on phones under the figure."""
    if narrow():
        fig.text(0.01, -0.1 / fig.get_figheight(), wrap(text, NARROW_MIN_PT, 0.98), ha="left", va="top",
                 fontsize=NARROW_MIN_PT, color=MUTED)
        return
    fig.text(0.01, 0.005, wrap(text, 8.5, 0.98), ha="left", va="bottom", fontsize=8.5, color=MUTED)


def status_patch_kwargs(status: str, colour: str) -> dict:
    """Patch keyword arguments (bars, spans) for a status, matching ``status_marker_kwargs``.

    confirmed: filled; claimed: hollow; disputed: hollow and hatched; denied: hollow, cross-hatched.
    """
    if status not in STATUS_STYLE:
        raise ValueError(f"status {status!r} is not one of: {', '.join(STATUS_STYLE)}")
    filled = STATUS_STYLE[status]["fill"]
    return {"facecolor": colour if filled else "white", "edgecolor": colour, "linewidth": 1.2,
            "hatch": STATUS_STYLE[status]["hatch"]}


# Timeline backgrounds: the zoom window of a chapter, and the time after the article appeared.
TIMELINE_WINDOW_SHADE = "#fff3c4"
TIMELINE_AFTER_SHADE = "#eef1f4"

# Colour-blind-safe colours for a handful of categories without a colour of their own (e.g. speakers).
CATEGORY_COLOURS = (OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["green"], OKABE_ITO["purple"],
                    OKABE_ITO["sky"], OKABE_ITO["vermillion"], OKABE_ITO["yellow"])

# Who speaks a claim: the article's own voice or someone it quotes (chapter 05). The article's own
# figures are highlighted in the same colour wherever they are set against their sources.
ARTICLE_COLOUR = OKABE_ITO["vermillion"]
VOICE_COLOURS = {"article": ARTICLE_COLOUR, "quoted": OKABE_ITO["blue"]}
NUMBER_COLOURS = {"article": ARTICLE_COLOUR, "source": OKABE_ITO["blue"], "comparison": "#8c8c8c"}

# Static maps (fissures.staticmaps): lines, areas and labels drawn over the base geography.
MAP = {
    "border_width": 2.2,  # the RU-UA border, drawn over a white halo
    "country_edge": "#a8a8a8",
    "country_label": "#8a8a8a",
    "place": INK,
    "area_fill": MUTED,  # circle of a place known only approximately (geo_precision 2-3)
    "area_edge": INK,
    "area_alpha": 0.18,
    "ring": "#5c5c5c",  # geodesic distance rings
    "ring_label_bearings": (165, 150, 180, 200, 135),  # where a ring's label sits (degrees from north)
    "bar_ru": "#7a7a7a",  # distance bars: places in Russia / in Ukraine
    "bar_ua": OKABE_ITO["sky"],
}

# Hindsight (fissures.hindsight): what was known when, polls, and evidence for and against.
HINDSIGHT = {
    "event": INK,  # the event mark (its fill carries the status)
    "first_report": OKABE_ITO["vermillion"],  # tick at the first report
    "later": OKABE_ITO["blue"],  # square at a later independent check
    "article": INK,  # the publication line
    "known_shade": TIMELINE_WINDOW_SHADE,  # left of the article: what the author could know
    "after_shade": TIMELINE_AFTER_SHADE,  # right of it: hindsight
}
POLLSTER_COLOURS = {"Levada Center": OKABE_ITO["blue"], "VTsIOM": OKABE_ITO["orange"], "FOM": OKABE_ITO["green"]}
DIRECTION_COLOURS = {"supports": OKABE_ITO["blue"], "cuts-against": OKABE_ITO["orange"]}
