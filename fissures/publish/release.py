"""Put a finished build in place in one atomic step, and never delete a file this report did not write.

A build is assembled in a stage folder inside ``.site.builds/`` (beside ``site/``) and becomes
a version there. ``site`` is a symbolic link to the current
version, and publishing replaces that link with ``os.replace``: one rename, so a reader always
finds either the old site or the new one, never none. Each version carries a marker,
``.fissures-build.json``, listing every file the build wrote with its SHA-256. The marker is
how a build recognises its own output: an ``--out`` folder without one was not written here
and is refused, and clearing an old version deletes only the files its marker lists, so a file
someone added is never lost. Whatever killed builds left (stage folders, old versions, the
folders of the earlier two-rename publisher) is cleared at the next publish.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from fissures import paths

MARKER = ".fissures-build.json"
STAGE_MARKER = ".fissures-stage"
SHOWN = 5  # foreign files named in a message


class ReleaseError(Exception):
    """The target cannot be published to without losing files; the message says why and what to do."""


def versions_folder(out: Path) -> Path:
    """Where the versions of ``out`` live: ``.<name>.builds`` beside it."""
    out = Path(os.path.abspath(out))
    return out.parent / f".{out.name}.builds"


def _files(folder: Path) -> list[str]:
    """Every file under ``folder`` (following no links inside it), relative, sorted."""
    found = []
    for base, dirs, files in os.walk(folder):
        dirs.sort()
        for name in files:
            found.append(Path(base, name).relative_to(folder).as_posix())
    return sorted(found)


def _manifest(folder: Path) -> dict[str, str] | None:
    """The files a version's marker lists, or None when it has no readable marker."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        files = data["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return files if isinstance(files, dict) else None


def _foreign(folder: Path, manifest: dict[str, str]) -> list[str]:
    """Files in ``folder`` that its marker does not list: someone else put them there."""
    return [rel for rel in _files(folder) if rel != MARKER and rel not in manifest]


def _named(out: Path, rels: list[str]) -> str:
    shown = ", ".join(f"{paths.rel(out)}/{rel}" for rel in rels[:SHOWN])
    return shown + (f" and {len(rels) - SHOWN} more" if len(rels) > SHOWN else "")


def current(out: Path) -> Path | None:
    """The version ``out`` links to, when ``out`` is a build of ours."""
    out = Path(os.path.abspath(out))
    if not out.is_symlink():
        return None
    target = Path(os.path.abspath(out.parent / os.readlink(out)))
    if target.parent != versions_folder(out) or _manifest(target) is None:
        return None
    return target


def check(out: Path) -> None:
    """Refuse to publish to ``out`` when that would replace files this report did not write."""
    out = Path(os.path.abspath(out))
    where = f"{paths.rel(out)}/"
    advice = "Nothing was deleted. Choose a new or empty folder with --out"
    if out.is_symlink():
        version = current(out)
        if version is None:
            raise ReleaseError(f"{where} is a symbolic link to {os.readlink(out)}, which this build did not make. "
                               f"{advice}, or remove the link yourself.")
        foreign = _foreign(version, _manifest(version))
        if foreign:
            raise ReleaseError(f"{where} holds files that this build did not write: {_named(out, foreign)}. "
                               "Publishing would replace the folder they are in, so the build stops here. "
                               "Nothing was deleted. Move them somewhere else, then build again.")
        return
    if not out.exists():
        return
    if not out.is_dir():
        raise ReleaseError(f"{where} is a file, not a folder. {advice}.")
    if not any(out.iterdir()):
        return
    manifest = _manifest(out)
    if manifest is None:
        raise ReleaseError(f"{where} exists and was not written by this build (it has no {MARKER} marker). "
                           f"{advice}. If it is a build made before builds carried a marker, delete it yourself "
                           "and build again.")
    foreign = _foreign(out, manifest)
    if foreign:
        raise ReleaseError(f"{where} holds files that this build did not write: {_named(out, foreign)}. "
                           "Nothing was deleted. Move them somewhere else, then build again.")


class Stage:
    """A folder to assemble a build in, inside the versions folder; locked while in use."""

    def __init__(self, out: Path):
        self.out = Path(os.path.abspath(out))
        folder = versions_folder(self.out)
        folder.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=".stage-", dir=folder))
        self.path.chmod(0o755)  # mkdtemp makes it private; a published site is for everyone to read
        self._fd = os.open(self.path / STAGE_MARKER, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self._fd, fcntl.LOCK_EX)  # a second publisher's clean-up leaves a locked stage alone

    def discard(self) -> None:
        """Remove the stage and everything in it (all of it written by this build)."""
        self._release()
        shutil.rmtree(self.path, ignore_errors=True)

    def _release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def publish(self) -> list[str]:
        """Make the stage the current version of ``out`` in one step; return warnings about what was kept."""
        check(self.out)
        self._release()
        (self.path / STAGE_MARKER).unlink()
        files = {rel: hashlib.sha256((self.path / rel).read_bytes()).hexdigest() for rel in _files(self.path)}
        (self.path / MARKER).write_text(json.dumps({"report": "Fissures", "files": files}, indent=1, sort_keys=True)
                                        + "\n", encoding="utf-8")
        folder = versions_folder(self.out)
        version = folder / self.path.name.replace(".stage-", "v-", 1)  # unique: the stage's own name
        os.rename(self.path, version)
        link = folder / f".link-{os.getpid()}"
        link.unlink(missing_ok=True)
        os.symlink(os.path.relpath(version, self.out.parent), link)
        if self.out.is_dir() and not self.out.is_symlink():  # an empty folder, or a build from before versions
            if any(self.out.iterdir()):
                os.rename(self.out, folder / f"previous-{os.getpid()}")
            else:
                self.out.rmdir()
        os.replace(link, self.out)
        return clean(self.out)


def _remove(version: Path) -> list[str]:
    """Delete the files a version's marker lists and the folders left empty; warn about anything else.

    The marker goes last, so a version interrupted half way is still recognised (and finished) later.
    """
    manifest = _manifest(version) or {}
    for rel in manifest:
        (version / rel).unlink(missing_ok=True)
    for base, _dirs, _names in os.walk(version, topdown=False):  # children before their parents
        if Path(base) != version:
            try:
                os.rmdir(base)
            except OSError:
                pass  # not empty: it holds a file we did not write
    kept = [rel for rel in _files(version) if rel != MARKER]
    if kept:
        return [f"kept {paths.rel(version)}/: it holds files that no build wrote ({', '.join(kept[:SHOWN])})"]
    (version / MARKER).unlink(missing_ok=True)
    version.rmdir()
    return []


def clean(out: Path) -> list[str]:
    """Clear what earlier builds left beside the current version; never a file they did not write."""
    out = Path(os.path.abspath(out))
    keep = current(out)
    folder = versions_folder(out)
    warnings: list[str] = []
    for child in sorted(folder.iterdir()) if folder.is_dir() else []:
        if child == keep:
            continue
        if child.is_symlink() and child.name.startswith(".link-"):
            child.unlink()
        elif child.name.startswith(".stage-") and (child / STAGE_MARKER).is_file():
            fd = os.open(child / STAGE_MARKER, os.O_RDWR)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # another build is assembling it
            finally:
                os.close(fd)
            shutil.rmtree(child)  # a killed build's stage: every file in it was written by a build
        elif child.is_dir() and _manifest(child) is not None:
            warnings += _remove(child)
    # The publisher before versions renamed site/ aside, then the new build in; a build killed
    # between the two left these (named by that publisher, and by nothing else).
    for pattern in (f".{out.name}.tmp-*", f".{out.name}.old-*"):
        for leftover in sorted(out.parent.glob(pattern)):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover)
    return warnings


def signature(out: Path) -> dict[str, list[int]]:
    """Every published file's size and modification time, to notice any change to the published tree."""
    root = Path(os.path.abspath(out))
    if not root.is_dir():
        return {}
    result = {}
    for rel in _files(root):
        stat = (root / rel).stat()
        result[rel] = [stat.st_size, stat.st_mtime_ns]
    link = os.readlink(root) if root.is_symlink() else ""
    result[f"-> {link}"] = [0, 0]
    return result
