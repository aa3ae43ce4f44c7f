"""Save figures to ``figures/`` (PNG and SVG, stable names, no timestamps) and show them with alt text."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from fissures import paths, style  # noqa: E402

NAME = re.compile(r"^[0-9]{2}-[a-z0-9][a-z0-9-]*$")


@dataclass
class Figure:
    """A saved figure: what the page shows, and what it shows to those who cannot see it."""

    name: str
    alt: str
    caption: str
    source: str
    files: list[Path] = field(default_factory=list)

    def html(self, prefix: str = "../figures/") -> str:
        """The <figure> markup, with image paths under ``prefix``."""
        e = html.escape
        return (
            f'<figure class="fissures-figure" id="fig-{e(self.name)}">'
            f'<img src="{e(prefix)}{e(self.name)}.svg" alt="{e(self.alt)}" loading="lazy">'
            f"<figcaption>{e(self.caption)}"
            f'<span class="figure-source">Source: {e(self.source)}</span>'
            f'<span class="figure-links">Files: <a href="{e(prefix)}{e(self.name)}.png">PNG</a>, '
            f'<a href="{e(prefix)}{e(self.name)}.svg">SVG</a></span>'
            f"</figcaption></figure>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {"text/html": self.html(), "text/plain": f"Figure {self.name}: {self.alt}"}
        meta = {"fissures": {"figure": self.name, "alt": self.alt, "caption": self.caption}}
        return data, meta


def check_name(name: str) -> str:
    """A figure name is ``<chapter number>-<slug>``, e.g. ``02-timeline-overview``."""
    if not isinstance(name, str) or not NAME.match(name):
        raise ValueError(f"figure name {name!r} is not '<two-digit chapter>-<lowercase slug>', like '02-timeline-overview'")
    return name


def save(fig: plt.Figure, name: str, *, alt: str, caption: str, source: str, folder: Path | None = None) -> Figure:
    """Write ``fig`` as ``figures/<name>.png`` and ``.svg`` and return what the page shows."""
    check_name(name)
    for label, text in (("alt", alt), ("caption", caption), ("source", source)):
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"figure {name!r}: {label} text is required (got {text!r})")
    folder = Path(folder or paths.FIGURES)
    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / f"{name}.png", folder / f"{name}.svg"]
    with matplotlib.rc_context({"svg.hashsalt": name}):
        fig.savefig(files[0], dpi=style.DPI, metadata={"Software": None}, bbox_inches="tight")
        fig.savefig(files[1], metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    plt.close(fig)
    for path in files:
        paths.record_write(path)
    return Figure(name=name, alt=alt.strip(), caption=caption.strip(), source=source.strip(), files=files)
