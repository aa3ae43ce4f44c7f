"""The validated evidence of ``data/``, loaded (and pandas imported) only when a page needs it.

What was validated once is kept under ``.cache/evidence/``, keyed by the data files, the package,
the interpreter and the installed packages: the whole evidence as a pickle, and the sources table
as JSON, which is all a chapter page needs. A key is stored only after its data validated, so a
cached copy is valid data.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

from fissures.publish import environment, sealed
from fissures.publish.execute import environment_key, tree_hash


class BadData(Exception):
    """The evidence did not validate; the message names every problem."""


def digest(*parts: bytes) -> str:
    """One hash of several byte strings (each hashed first, so no two lists of parts collide)."""
    total = hashlib.sha256()
    for part in parts:
        total.update(hashlib.sha256(part).digest())
    return total.hexdigest()


class EvidenceStore:
    """The evidence of one ``data`` folder, validated once and cached."""

    def __init__(self, data: Path, cache: Path | None):
        self.data = Path(data)
        self.key = digest(environment_key().encode(), json.dumps(environment.installed(), sort_keys=True).encode(),
                          tree_hash(self.data).encode())
        self.folder = cache / "evidence" if cache is not None else None
        self._evidence = None

    def _entry(self, suffix: str) -> Path | None:
        return self.folder / f"{self.key[:32]}{suffix}" if self.folder is not None else None

    def load(self):
        """The whole evidence (``fissures.evidence.Evidence``); raises BadData on bad data."""
        if self._evidence is not None:
            return self._evidence
        entry = self._entry(".pickle")
        stored = sealed.read(entry) if entry is not None else None
        if stored is not None:
            try:
                self._evidence = pickle.loads(stored)
                return self._evidence
            except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):  # another version
                pass
        from fissures import evidence

        try:
            self._evidence = evidence.load(self.data)
        except evidence.EvidenceError as err:
            raise BadData(str(err)) from None
        if entry is not None:
            self._replace(entry, pickle.dumps(self._evidence))
        return self._evidence

    def sources(self) -> dict[str, dict]:
        """``data/sources.csv`` as {source_id: row of strings}; validates the data unless cached."""
        entry = self._entry(".sources.json")
        stored = sealed.read(entry) if entry is not None else None
        if stored is not None:
            return json.loads(stored)
        rows = {sid: row for sid, row in self.load().sources.astype(str).to_dict("index").items()}
        if entry is not None:
            self._replace(entry, json.dumps(rows, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        return rows

    def _replace(self, entry: Path, data: bytes) -> None:
        """Store ``data`` as the only entry of its kind (older keys are dropped)."""
        if entry.parent.exists():
            for old in entry.parent.glob(f"*{entry.name[32:]}"):
                old.unlink(missing_ok=True)
        sealed.write(entry, data)
