"""One build at a time per checkout: a lock held for the whole build.

Two builds started at once would run two kernels writing the same figures and two publishers
swapping the same ``site/``. The second build waits for the first, saying so, and then finds
what the first published. The lock is ``flock`` on a file in the cache folder, so the system
frees it when its holder dies, however it dies; nothing has to clean a stale lock up.
"""

from __future__ import annotations

import fcntl
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fissures import paths

# Locks this process holds, per thread, and how many times (the command line and build() both take it).
# flock conflicts between two descriptors even in one process, so another thread still waits.
_held: dict[tuple[str, int], int] = {}


@contextmanager
def build_lock(folder: Path, stream=sys.stderr) -> Iterator[None]:
    """Hold ``folder/build.lock`` for the block, waiting (with a message) while another build holds it."""
    path = Path(folder) / "build.lock"
    key = (str(path.resolve()), threading.get_ident())
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            stream.write(f"waiting: another build (process {holder}) is running in this checkout "
                         f"(it holds {paths.rel(path)}); this one starts when it ends\n")
            stream.flush()
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
