"""The one home for looks: palette, fonts, sizes and the status encoding, for matplotlib and folium alike."""

from __future__ import annotations

import matplotlib as mpl

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
WATER = "#dbe7f0"
BORDER = "#1a1a1a"

# How each status is drawn, everywhere: the fill carries the status, the colour the event type.
STATUS_STYLE = {
    "confirmed": {"fill": True, "hatch": None, "label": "confirmed by independent sources"},
    "claimed": {"fill": False, "hatch": None, "label": "claimed by one side only"},
    "disputed": {"fill": False, "hatch": "////", "label": "disputed: sources contradict each other"},
    "denied": {"fill": False, "hatch": "xxxx", "label": "denied by the accused party"},
}
STATUS_ORDER = tuple(STATUS_STYLE)

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

FIG_WIDTH = 8.0  # inches; the page column is about this wide at 100 dpi
FIG_SIZES = {"wide": (FIG_WIDTH, 4.2), "tall": (FIG_WIDTH, 7.0), "map": (FIG_WIDTH, 6.5), "square": (6.0, 6.0)}
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
    mpl.rcParams.update(RC)


def event_colour(event_type: str) -> str:
    """The colour of an event type (grey for a type the palette does not know)."""
    return EVENT_COLOURS.get(event_type, EVENT_COLOURS["other"])
