"""Save figures to ``figures/`` (PNG and SVG, stable names, no timestamps) and show them with alt text.

A figure is drawn in the current edition (``fissures.i18n``): the source language's files go to
``figures/``, another edition's to ``figures/<locale>/``. What the page shows (the image, its
caption, source line and the collapsed text twin: a description and the rows drawn) is the
``figure`` macro of ``fissures/templates/parts.html.j2``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import matplotlib
import pandas as pd

matplotlib.use("Agg")
import matplotlib.figure  # noqa: E402
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from fissures import atomic, formats, html, i18n, paths, style, tables  # noqa: E402
from fissures.i18n import _  # noqa: E402

NAME = re.compile(r"^[0-9]{2}-[a-z0-9][a-z0-9-]*$")  # a figure's or map's name: chapter number, then a slug


def edition_folder(base: Path | None = None) -> Path:
    """Where the current edition's figures go: ``figures/`` for the source language, else ``figures/<locale>/``."""
    base = Path(base or paths.FIGURES)
    return base if i18n.current() == i18n.SOURCE else base / i18n.current()


def date_axis(axis, form: str = "day-month") -> None:
    """Write an axis's date ticks in the current edition ("3 May", "May 2023")."""
    axis.set_major_formatter(FuncFormatter(lambda x, _pos: formats.date(mdates.num2date(x), form)))


def number_axis(axis) -> None:
    """Write an axis's number ticks with the edition's separators ("40,000")."""
    axis.set_major_formatter(FuncFormatter(lambda x, _pos: formats.number(x)))


def check_name(name: str) -> str:
    """A figure name is ``<chapter number>-<slug>``, e.g. ``02-timeline-overview``."""
    if not isinstance(name, str) or not NAME.match(name):
        raise ValueError(f"figure name {name!r} is not '<two-digit chapter>-<lowercase slug>', like '02-timeline-overview'")
    return name


def _draw(fig) -> tuple[plt.Figure, plt.Figure | None]:
    """The figure for the page's column and, when ``fig`` is the function that draws it, for phones."""
    if isinstance(fig, matplotlib.figure.Figure):
        return fig, None
    if not callable(fig):
        raise ValueError(f"figures.save takes a matplotlib figure or a function that draws one (got {type(fig).__name__})")
    with style.layout("wide"):
        wide = fig()
    with style.layout("narrow"):
        narrow = fig()
    legible(narrow, style.NARROW_MIN_PT)
    return wide, narrow


def legible(fig: plt.Figure, smallest: float) -> None:
    """Raise every text of ``fig`` smaller than ``smallest`` points to that size."""
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        if text.get_text() and text.get_fontsize() < smallest:
            text.set_fontsize(smallest)


def _data_caption(name: str, caption: str) -> str:
    """The data table's caption: the figure's name and its caption's first sentence, shortened."""
    import textwrap

    first = re.split(r"(?<=[.!?])\s", caption.strip())[0].rstrip(".")
    return _("Data for figure {name}: {caption}").format(name=name, caption=textwrap.shorten(first, 90, placeholder="…"))


def save(fig: plt.Figure | Callable[[], plt.Figure], name: str, *, alt: str, caption: str, source: str, folder: Path | None = None,
         data: pd.DataFrame | None = None, description: str | None = None, columns: dict | None = None,
         data_caption: str | None = None, table_kwargs: dict | None = None,
         events: list[str] | None = None) -> html.Shown:
    """Write ``fig`` as ``<name>.png`` and ``.svg`` in the edition's figures folder; return what the page shows.

    ``fig`` is a figure, or better the function that draws it: it is then called twice, for the
    page's column and (``style.layout("narrow")``) for phones, where no text is smaller than
    ``style.NARROW_MIN_PT``; the narrow drawing is ``<name>.narrow.svg`` and the page picks it
    below ``style.NARROW_MEDIA``.

    ``data`` (the rows the figure draws) and ``description`` (its facts in words, written by code
    from those rows) give the figure a text twin: a collapsed "The data behind this figure" under
    the caption, with the rows as a ``fissures.tables.render`` table. ``columns`` picks and names
    the table's columns; ``table_kwargs`` passes ``sources=``, ``status=``, ``max_rows=``, ``row_ids=`` on;
    ``data_caption`` is the table's caption (by default, one naming the figure).
    """
    check_name(name)
    for label, words in (("alt", alt), ("caption", caption), ("source", source)):
        if not isinstance(words, str) or not words.strip():
            raise ValueError(f"figure {name!r}: {label} text is required (got {words!r})")
    if description is not None and (not isinstance(description, str) or not description.strip()):
        raise ValueError(f"figure {name!r}: description {description!r} is empty; leave it out or say what the figure shows")
    if data is not None and not isinstance(data, pd.DataFrame):
        raise ValueError(f"figure {name!r}: data must be a pandas DataFrame (got {type(data).__name__})")
    data_table = ""
    if data is not None:
        kwargs = dict(table_kwargs or {})
        unknown = sorted(set(kwargs) - {"sources", "status", "max_rows", "row_ids"})
        if unknown:
            raise ValueError(f"figure {name!r}: table_kwargs {unknown[0]!r} is not one of: sources, status, max_rows, "
                             "row_ids")
        if columns is None:  # a default table: no badges or source links for columns that are not there
            kwargs.setdefault("sources", tuple(c for c in ("source_ids",) if c in data.columns))
            kwargs.setdefault("status", tuple(c for c in ("status",) if c in data.columns))
        table = tables.render(data, data_caption or _data_caption(name, caption), columns=columns, collapse=False,
                              **kwargs)  # already under "The data behind this figure"
        data_table = table.html[i18n.current()]
    target = edition_folder(folder)
    wide, narrow = _draw(fig)
    files = [target / f"{name}.png", target / f"{name}.svg"] + ([target / f"{name}.narrow.svg"] if narrow else [])
    # Each file is written whole and then renamed into place, so a second build drawing the same
    # figure at the same moment can never leave a file that mixes the two.
    with matplotlib.rc_context({"svg.hashsalt": name}):
        with atomic.replacing(files[0]) as tmp:
            wide.savefig(tmp, format="png", dpi=style.DPI, metadata={"Software": None}, bbox_inches="tight")
        with atomic.replacing(files[1]) as tmp:
            wide.savefig(tmp, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
        if narrow is not None:
            with atomic.replacing(files[2]) as tmp:
                narrow.savefig(tmp, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    for drawn in (wide, narrow):
        if drawn is not None:
            plt.close(drawn)
    for path in files:
        paths.record_write(path)
    prefix = "../figures/" + ("" if i18n.current() == i18n.SOURCE else f"{i18n.current()}/")
    markup = html.part("figure", name, alt.strip(), caption.strip(), source.strip(), prefix,
                       (description or "").strip(), html.Markup(data_table), narrow is not None, style.NARROW_MEDIA)
    plain = f"Figure {name}: {alt.strip()}" + (f"\n{description.strip()}" if description else "")
    meta = {"figure": name, "alt": alt.strip(), "caption": caption.strip()}
    if events is not None:  # the events the figure counts or draws, when its rows are not events
        meta["events"] = list(dict.fromkeys(events))
    elif data is not None and "event_id" in data.columns:  # the chapter shows these events: the explorer links back
        meta["events"] = list(dict.fromkeys(data["event_id"]))
    return html.Shown.one("figure", markup, plain, **meta)
