"""A hash of everything a build reads, so a build with nothing changed can stop at once.

Standard library only: checking costs a few hundredths of a second, before pandas, nbconvert or a
kernel is loaded. The key covers the notebooks, data/, the package (code, templates, styles),
the pinned requirements and Python itself; it is stored per output folder under .cache/.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from fissures import paths


def _files(folder: Path, patterns: tuple[str, ...] = ("*",)) -> list[Path]:
    found = {p for pattern in patterns for p in folder.rglob(pattern)} if folder.exists() else set()
    return sorted(p for p in found if p.is_file() and "__pycache__" not in p.parts)


def inputs_key(notebooks: Path, data: Path, only: tuple[str, ...] = ()) -> str:
    """The hash of every input of a build with these options."""
    digest = hashlib.sha256(f"{sys.version}\0{sorted(only)}\0".encode())
    sources = (_files(paths.ROOT / "fissures") + _files(notebooks, ("*.ipynb",)) + _files(data)
               + [paths.ROOT / "requirements.txt", paths.ROOT / "pyproject.toml"])
    for path in sources:
        if path.is_file():
            digest.update(str(path.relative_to(paths.ROOT) if path.is_relative_to(paths.ROOT) else path).encode())
            digest.update(b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _record(cache: Path, out: Path) -> Path:
    return cache / f"site-{hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]}.key"


def up_to_date(cache: Path, out: Path, key: str) -> bool:
    """True when ``out`` was last published from exactly these inputs and is still there."""
    try:
        return (out / "index.html").is_file() and _record(cache, out).read_text(encoding="utf-8") == key
    except OSError:
        return False


def remember(cache: Path, out: Path, key: str) -> None:
    """Note that ``out`` now holds the build of ``key``."""
    cache.mkdir(parents=True, exist_ok=True)
    _record(cache, out).write_text(key, encoding="utf-8")


def forget(cache: Path, out: Path) -> None:
    """Drop the note (before a build that may fail half way)."""
    _record(cache, out).unlink(missing_ok=True)
