"""A hash of everything a build reads, so a build with nothing changed can stop at once.

Standard library only: checking costs a few hundredths of a second, before pandas, nbconvert or a
kernel is loaded. The key covers the notebooks, data/, the package (code, templates, styles), the catalogs and editions,
the installed packages (their names and versions) and Python itself. It is stored per output
folder under .cache/, with the size and modification time of every file published, so a site
that lost or changed a file since is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from fissures import atomic, paths
from fissures.publish import environment, release


def _files(folder: Path, patterns: tuple[str, ...] = ("*",)) -> list[Path]:
    found = {p for pattern in patterns for p in folder.rglob(pattern)} if folder.exists() else set()
    return sorted(p for p in found if p.is_file() and "__pycache__" not in p.parts)


def inputs_key(notebooks: Path, data: Path, options: tuple = ()) -> str:
    """The hash of every input of a build with these options."""
    from fissures import i18n

    digest = hashlib.sha256(f"{sys.version}\0{sys.executable}\0{options!r}\0{i18n.LOCALES!r}\0".encode())
    digest.update(json.dumps(environment.installed(), sort_keys=True).encode())
    sources = (_files(paths.ROOT / "fissures") + _files(notebooks, ("*.ipynb",)) + _files(data)
               + _files(paths.ROOT / "locales", ("*.po",))
               + [paths.ROOT / "requirements.txt", paths.ROOT / "pyproject.toml"])
    for path in sources:
        if path.is_file():
            digest.update(str(path.relative_to(paths.ROOT) if path.is_relative_to(paths.ROOT) else path).encode())
            digest.update(b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _record(cache: Path, out: Path) -> Path:
    return cache / f"site-{hashlib.sha256(paths.rel(out).encode()).hexdigest()[:16]}.key"


def up_to_date(cache: Path, out: Path, key: str) -> bool:
    """True when ``out`` was last published from exactly these inputs and every file is still as published."""
    try:
        record = json.loads(_record(cache, out).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (isinstance(record, dict) and record.get("key") == key and release.current(out) is not None
            and record.get("tree") == release.signature(out))


def remember(cache: Path, out: Path, key: str) -> None:
    """Note that ``out`` now holds the build of ``key``, as it is now on disk."""
    atomic.write_text(_record(cache, out), json.dumps({"key": key, "tree": release.signature(out)}, sort_keys=True))


def forget(cache: Path, out: Path) -> None:
    """Drop the note (before a build that may fail half way)."""
    _record(cache, out).unlink(missing_ok=True)
