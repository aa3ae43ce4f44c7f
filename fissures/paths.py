"""Every path the project uses, defined once, and the log of which inputs a chapter read.

The publisher runs each chapter with ``FISSURES_READS_LOG`` (and ``FISSURES_WRITES_LOG``)
pointing at a file; the loaders append every data file they open (and the figure helper
every file it writes), so the build cache knows exactly what a chapter depends on.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The build may point a chapter at other data and figure folders (its tests do).
DATA = Path(os.environ.get("FISSURES_DATA") or ROOT / "data")
ARTICLE = DATA / "article"
GEO = ROOT / "data" / "geo"
NOTEBOOKS = ROOT / "notebooks"
FIGURES = Path(os.environ.get("FISSURES_FIGURES") or ROOT / "figures")
SITE = ROOT / "site"
CACHE = ROOT / ".cache"


def rel(path: Path) -> str:
    """The path as written in messages: relative to the project root when inside it."""
    path = Path(path)
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
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
