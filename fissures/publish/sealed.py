"""Cache files that prove their own integrity: the first line is the SHA-256 of the rest.

A file cut short, overwritten or flipped by a bit reads as missing, so the build makes it
again instead of publishing it. Writes go to a temporary name and are renamed into place, so
a reader never sees half a file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from fissures import atomic


def read(path: Path) -> bytes | None:
    """The content stored at ``path``, or None when it is missing or damaged."""
    try:
        digest, _sep, body = Path(path).read_bytes().partition(b"\n")
    except OSError:
        return None
    return body if hashlib.sha256(body).hexdigest().encode() == digest else None


def write(path: Path, body: bytes) -> None:
    """Store ``body`` at ``path`` with its hash."""
    atomic.write_bytes(path, hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
