"""What the build says while it runs: one line per notebook, or on a terminal a bar that fills."""

from __future__ import annotations

import os
import sys

from fissures.publish.execute import Executed


class Progress:
    """One line per notebook; on a terminal, a bar that fills as they finish."""

    def __init__(self, total: int, stream=sys.stderr):
        self.total, self.done, self.stream = total, 0, stream
        self.tty = hasattr(stream, "isatty") and stream.isatty() and not os.environ.get("CI")

    def report(self, result: Executed) -> None:
        """Say that one notebook finished, how, and in how long (and what its author should know)."""
        self.done += 1
        how = "failed" if result.failure else ("cached" if result.cached else "executed")
        line = f"[{self.done}/{self.total}] {result.name:<32} {how:<8} {result.seconds:6.1f} s"
        if self.tty:
            width = 20
            filled = width * self.done // max(self.total, 1)
            bar = "█" * filled + "·" * (width - filled)
            end = "\n" if self.done == self.total else ""
            self.stream.write(f"\r{bar} {line}\033[K{end}")
        else:
            self.stream.write(line + "\n")
        for warning in result.warnings:
            self.stream.write(f"{chr(10) if self.tty and self.done < self.total else ''}warning: {warning}\n")
        self.stream.flush()
