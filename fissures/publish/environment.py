"""What a chapter's outputs depend on besides files: the interpreter and the packages installed.

A cached run is reused only while the interpreter and every package the chapter's kernel had
imported are still at the versions it ran with (the kernel reports them at the end of the run,
``PROBE``). Installed versions are read from the names of the ``*.dist-info`` folders, which
costs a directory listing, not an import. Standard library only.
"""

from __future__ import annotations

import re
import sys
import sysconfig
from functools import lru_cache
from pathlib import Path

from fissures import paths

# Run in the kernel after the last cell: which installed distributions the chapter imported.
PROBE = """\
def _fissures_probe():
    import json, sys
    from importlib import metadata
    owners = metadata.packages_distributions()
    used = {}
    for module in list(sys.modules):
        for dist in owners.get(module.partition(".")[0], ()):
            try:
                used[dist] = metadata.version(dist)
            except metadata.PackageNotFoundError:
                pass
    print(json.dumps({"python": sys.version, "packages": used}, sort_keys=True))
_fissures_probe()
del _fissures_probe
"""
_DIST = re.compile(r"^(?P<name>.+?)-(?P<version>[^-]+?)\.(dist|egg)-info$")
_PIN = re.compile(r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*(?P<version>[^\s;#]+)")


def normalise(name: str) -> str:
    """A distribution's name as PEP 503 compares them (``Jinja2`` and ``jinja2`` are one)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def python() -> str:
    """The interpreter, as the key of a run."""
    return sys.version


@lru_cache(maxsize=1)
def installed() -> dict[str, str]:
    """Every distribution installed in this environment: normalised name -> version."""
    found = {}
    for folder in sorted({sysconfig.get_paths()[k] for k in ("purelib", "platlib")}):
        if not Path(folder).is_dir():
            continue
        for entry in sorted(Path(folder).iterdir()):
            match = _DIST.match(entry.name)
            if match:
                found[normalise(match["name"])] = match["version"]
    return found


def changed(packages: dict[str, str]) -> list[str]:
    """The packages of a recorded run that are no longer installed at the version it used."""
    now = installed()
    return sorted(f"{name} {version} -> {now.get(normalise(name), 'not installed')}"
                  for name, version in packages.items() if now.get(normalise(name)) != version)


def unmet_pins(requirements: Path = paths.ROOT / "requirements.txt") -> list[str]:
    """The pins of ``requirements.txt`` that the installed packages do not match."""
    try:
        lines = requirements.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    now = installed()
    unmet = []
    for line in lines:
        match = _PIN.match(line)
        if match and now.get(normalise(match["name"])) != match["version"]:
            unmet.append(f"{match['name']}=={match['version']} (installed: {now.get(normalise(match['name']), 'none')})")
    return unmet
