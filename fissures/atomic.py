"""Write a file so that no reader, and no second build, ever sees half of it.

Everything a chapter or the build writes where others read (``figures/``, ``.cache/``) goes
through here: the bytes go to a temporary name in the same folder, then ``os.replace`` puts
them in place in one step. Two builds writing the same figure at once each replace a whole
file; neither can interleave its bytes with the other's.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; it replaces ``path`` when the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=path.parent)
    os.close(handle)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)  # mkstemp makes it private; what we publish is for everyone to read
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes(path: Path, data: bytes) -> None:
    """Put ``data`` at ``path`` in one step."""
    with replacing(path) as tmp:
        tmp.write_bytes(data)


def write_text(path: Path, text: str) -> None:
    """Put ``text`` (UTF-8, ``\\n`` line ends) at ``path`` in one step."""
    write_bytes(path, text.encode("utf-8"))
