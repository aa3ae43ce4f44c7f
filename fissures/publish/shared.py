"""The pages every chapter shares (Data, Article, About, the downloads, the assets), cached as one sealed file.

They depend only on the evidence, the package and the chapters' names, titles and the events they
show (the explorer links back to them), so a prose edit
reuses them as they are and never loads pandas; one sealed file holds them all, and a damaged one
is rebuilt.
"""

from __future__ import annotations

import json
import pickle
import shutil
import tempfile
from pathlib import Path

from fissures import assets, i18n
from fissures.publish import export, sealed
from fissures.publish.execute import tree_hash
from fissures.publish.store import EvidenceStore, digest

PACKAGE = Path(__file__).resolve().parent.parent  # fissures/: templates, static files and code


def _write(out: Path, store: EvidenceStore, editions: dict[str, list[export.Chapter]]) -> None:
    from fissures.publish import pages  # pandas, matplotlib's colours: only when these pages change

    for rel, data in sorted(assets.files().items()):
        target = out / "assets" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    ev = store.load()
    for locale, chapters in editions.items():
        with i18n.using(locale):
            pages.write_pages(out, ev, chapters, data_dir=store.data)


def copy_into(stage: Path, store: EvidenceStore, editions: dict[str, list[export.Chapter]],
              cache: Path | None) -> None:
    """Write the shared pages of every edition into ``stage``, from ``cache`` while nothing they depend on changed."""
    if cache is None:
        _write(stage, store, editions)
        return
    meta = json.dumps({locale: [{"name": c.name, "href": c.href, "title": c.title, "events": c.events} for c in chapters]
                       for locale, chapters in editions.items()})
    catalogs = tree_hash(i18n.CATALOGS, "*.po") if i18n.CATALOGS.exists() else ""
    entry = cache / "shared" / (digest(store.key.encode(), tree_hash(PACKAGE).encode(), meta.encode(),
                                       catalogs.encode())[:32] + ".pickle")
    stored = sealed.read(entry)
    try:
        files = pickle.loads(stored) if stored is not None else None
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):  # written by another version
        files = None
    if files is None:
        scratch = Path(tempfile.mkdtemp(prefix=".shared-", dir=stage))
        try:
            _write(scratch, store, editions)
            files = {p.relative_to(scratch).as_posix(): p.read_bytes() for p in sorted(scratch.rglob("*")) if p.is_file()}
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        if entry.parent.exists():
            shutil.rmtree(entry.parent)  # one entry: the pages of the newest build
        sealed.write(entry, pickle.dumps(files))
    for rel, data in files.items():
        (stage / rel).parent.mkdir(parents=True, exist_ok=True)
        (stage / rel).write_bytes(data)

