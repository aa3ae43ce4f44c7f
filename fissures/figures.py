"""Save figures to ``figures/`` (PNG and SVG, stable names, no timestamps) and show them with alt text."""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import pandas as pd

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from fissures import atomic, paths, style, tables  # noqa: E402

NAME = re.compile(r"^[0-9]{2}-[a-z0-9][a-z0-9-]*$")


@dataclass
class Figure:
    """A saved figure: what the page shows, and what it shows to those who cannot see it."""

    name: str
    alt: str
    caption: str
    source: str
    files: list[Path] = field(default_factory=list)
    description: str = ""  # the figure's facts in a sentence or two, written from its rows
    data_html: str = ""  # the rows it draws, as fissures.tables markup (already escaped)

    def data_details(self) -> str:
        """The collapsed text twin: the description and the table of the rows drawn ("" if none)."""
        if not self.description and not self.data_html:
            return ""
        e = html.escape
        text = f'<p class="figure-description">{e(self.description)}</p>' if self.description else ""
        return ('<details class="figure-data"><summary>The data behind this figure</summary>'
                f"{text}{self.data_html}</details>")

    def html(self, prefix: str = "../figures/") -> str:
        """The <figure> markup, with image paths under ``prefix``, and its data when it has them."""
        e = html.escape
        return (
            f'<figure class="fissures-figure" id="fig-{e(self.name)}">'
            f'<img src="{e(prefix)}{e(self.name)}.svg" alt="{e(self.alt)}" loading="lazy">'
            f"<figcaption>{e(self.caption)}"
            f'<span class="figure-source">Source: {e(self.source)}</span>'
            f'<span class="figure-links">Files: <a href="{e(prefix)}{e(self.name)}.png">PNG</a>, '
            f'<a href="{e(prefix)}{e(self.name)}.svg">SVG</a></span>'
            f"</figcaption>{self.data_details()}</figure>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        plain = f"Figure {self.name}: {self.alt}" + (f"\n{self.description}" if self.description else "")
        data = {"text/html": self.html(), "text/plain": plain}
        meta = {"fissures": {"figure": self.name, "alt": self.alt, "caption": self.caption}}
        return data, meta


def check_name(name: str) -> str:
    """A figure name is ``<chapter number>-<slug>``, e.g. ``02-timeline-overview``."""
    if not isinstance(name, str) or not NAME.match(name):
        raise ValueError(f"figure name {name!r} is not '<two-digit chapter>-<lowercase slug>', like '02-timeline-overview'")
    return name


def _data_caption(name: str, caption: str) -> str:
    """The data table's caption: the figure's name and its caption's first sentence, shortened."""
    first = re.split(r"(?<=[.!?])\s", caption.strip())[0].rstrip(".")
    return f"Data for figure {name}: " + textwrap.shorten(first, 90, placeholder="…")


def save(fig: plt.Figure, name: str, *, alt: str, caption: str, source: str, folder: Path | None = None,
         data: pd.DataFrame | None = None, description: str | None = None, columns: dict | None = None,
         data_caption: str | None = None, table_kwargs: dict | None = None) -> Figure:
    """Write ``fig`` as ``figures/<name>.png`` and ``.svg`` and return what the page shows.

    ``data`` (the rows the figure draws) and ``description`` (its facts in words, written by code
    from those rows) give the figure a text twin: a collapsed "The data behind this figure" under
    the caption, with the rows as a ``fissures.tables.render`` table. ``columns`` picks and names
    the table's columns; ``table_kwargs`` passes ``sources=``, ``status=``, ``max_rows=`` on;
    ``data_caption`` is the table's caption (by default, one naming the figure).
    """
    check_name(name)
    for label, text in (("alt", alt), ("caption", caption), ("source", source)):
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"figure {name!r}: {label} text is required (got {text!r})")
    if description is not None and (not isinstance(description, str) or not description.strip()):
        raise ValueError(f"figure {name!r}: description {description!r} is empty; leave it out or say what the figure shows")
    if data is not None and not isinstance(data, pd.DataFrame):
        raise ValueError(f"figure {name!r}: data must be a pandas DataFrame (got {type(data).__name__})")
    data_html = ""
    if data is not None:
        kwargs = dict(table_kwargs or {})
        unknown = sorted(set(kwargs) - {"sources", "status", "max_rows"})
        if unknown:
            raise ValueError(f"figure {name!r}: table_kwargs {unknown[0]!r} is not one of: sources, status, max_rows")
        frame = data.copy()
        if columns is None:  # a default table: no badges or source links for columns that are not there
            kwargs.setdefault("sources", tuple(c for c in ("source_ids",) if c in frame.columns))
            kwargs.setdefault("status", tuple(c for c in ("status",) if c in frame.columns))
        data_html = tables.render(frame, data_caption or _data_caption(name, caption), columns=columns,
                                  **kwargs).markup
    folder = Path(folder or paths.FIGURES)
    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / f"{name}.png", folder / f"{name}.svg"]
    # Each file is written whole and then renamed into place, so a second build drawing the same
    # figure at the same moment can never leave a file that mixes the two.
    with matplotlib.rc_context({"svg.hashsalt": name}):
        with atomic.replacing(files[0]) as tmp:
            fig.savefig(tmp, format="png", dpi=style.DPI, metadata={"Software": None}, bbox_inches="tight")
        with atomic.replacing(files[1]) as tmp:
            fig.savefig(tmp, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    plt.close(fig)
    for path in files:
        paths.record_write(path)
    return Figure(name=name, alt=alt.strip(), caption=caption.strip(), source=source.strip(), files=files,
                  description=(description or "").strip(), data_html=data_html)
