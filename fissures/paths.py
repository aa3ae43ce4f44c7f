"""Every path the project uses, defined once, and the log of which inputs a chapter read.

The publisher runs each chapter with ``FISSURES_READS_LOG`` (and ``FISSURES_WRITES_LOG``)
pointing at a file; the loaders append every data file they open (and the figure helper
every file it writes), so the build cache knows exactly what a chapter depends on.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The build may point a chapter at other data, figure and cache folders (its tests do).
DATA = Path(os.environ.get("FISSURES_DATA") or ROOT / "data")
ARTICLE = DATA / "article"
GEO = ROOT / "data" / "geo"
NOTEBOOKS = ROOT / "notebooks"
FIGURES = Path(os.environ.get("FISSURES_FIGURES") or ROOT / "figures")
SITE = ROOT / "site"
CACHE = Path(os.environ.get("FISSURES_CACHE") or ROOT / ".cache")


def rel(path: Path) -> str:
    """The path as written in messages: relative to the project root when inside it."""
    path = Path(os.path.abspath(path))  # not resolve(): a link (site/) is named, not its target
    for candidate in (path, path.resolve()):
        try:
            return candidate.relative_to(ROOT).as_posix() or "."
        except ValueError:
            continue
    return str(path)


def _log(variable: str, path: Path) -> None:
    log = os.environ.get(variable)
    if log:
        with open(log, "a", encoding="utf-8") as out:
            out.write(str(Path(path).resolve()) + "\n")


def record_read(path: Path) -> None:
    """Note that the running chapter read ``path`` (a no-op outside the build)."""
    _log("FISSURES_READS_LOG", path)


def record_write(path: Path) -> None:
    """Note that the running chapter wrote ``path`` (a no-op outside the build)."""
    _log("FISSURES_WRITES_LOG", path)
