"""The small pictures of the contents page: each chapter's first figure, shrunk, and cached by content."""

from __future__ import annotations

import hashlib
import io
import struct
from pathlib import Path

from fissures.publish import sealed

THUMB_WIDTH = 288


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (its IHDR chunk comes first)."""
    return struct.unpack(">II", png[16:24])


def thumbnail(png: bytes, cache: Path | None = None) -> tuple[bytes, int, int]:
    """A small PNG for the contents page (reused from ``cache`` when the figure is unchanged), and its size."""
    entry = cache / f"{hashlib.sha256(png).hexdigest()[:32]}.png" if cache else None
    data = sealed.read(entry) if entry is not None else None
    if data is None:
        data = _make(png)
        if entry is not None:
            sealed.write(entry, data)
    return (data, *png_size(data))


def _make(png: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        image = image.convert("RGB")
        height = round(image.height * THUMB_WIDTH / image.width)
        small = image.resize((THUMB_WIDTH, height), Image.LANCZOS)
        buffer = io.BytesIO()
        small.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
