"""Build the whole site: validate the evidence, execute the chapters, export them, write the pages, publish.

``build`` reads as the pipeline's table of contents; each stage is a module of its own:

1. validate — ``store`` (the evidence, checked once and cached) and the chapters' titles (``export.describe``);
2. execute — ``workers`` (each notebook in a fresh kernel, in parallel, stoppable; ``execute`` caches runs);
3. export and pages — ``chapter_pages`` (chapters, contents, sources) and ``shared`` (Data, Article, About,
   downloads and assets, cached);
4. publish — ``release`` (the stage becomes the site in one step; nothing that is not ours is deleted).

One build at a time holds the lock (``lock``); the previous site stays in place until the new one
replaces it, and stays as it was when anything fails or the build is interrupted.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from fissures import i18n, paths
from fissures.publish import chapter_pages, environment, export, lock, release, shared, workers
from fissures.publish.execute import Failure, RunOptions, read_notebook
from fissures.publish.limits import CELL_TIMEOUT, MAX_OUTPUT
from fissures.publish.progress import Progress
from fissures.publish.store import BadData, EvidenceStore

RENDER_CACHES = ("evidence", "cells", "shared", "thumbnails")  # folders of the cache besides executed/


class BuildError(Exception):
    """The build cannot go on; the message says where and why."""


@dataclass
class Options:
    """What the command line asked for."""

    notebooks: Path = paths.NOTEBOOKS
    out: Path = paths.SITE
    only: tuple[str, ...] = ()
    force: bool = False
    jobs: int = os.cpu_count() or 1
    cache: Path | None = paths.CACHE  # executed runs, rendered cells, shared pages, validated evidence
    figures: Path = paths.FIGURES
    data: Path = paths.DATA
    cell_timeout: int = CELL_TIMEOUT  # seconds one cell may run
    max_output: int = MAX_OUTPUT  # bytes of output one cell may publish


def chapters_in(folder: Path, only: tuple[str, ...] = ()) -> list[Path]:
    """The notebooks to publish, in name order; ``only`` keeps those whose name contains any of its words."""
    found = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    if only:
        found = [p for p in found if any(word in p.stem for word in only)]
        if not found:
            raise BuildError(f"--only {' '.join(only)}: no notebook in {paths.rel(folder)} has that in its name")
    if not found:
        raise BuildError(f"{paths.rel(folder)}: no notebooks to publish")
    return found


def build(options: Options, stream=sys.stderr) -> int:
    """Build and publish the site; return the exit code (0 published, 1 failed, 2 bad input).

    KeyboardInterrupt passes through, after every worker and kernel is stopped.
    """
    with lock.build_lock(options.cache or options.figures, stream):
        return _build(options, stream)


def _build(options: Options, stream) -> int:
    start = time.perf_counter()
    cache = options.cache
    try:
        release.check(options.out)
    except release.ReleaseError as err:
        stream.write(f"error: {err}\n")
        return 2
    for pin in environment.unmet_pins():
        stream.write(f"warning: requirements.txt pins {pin}; run `pip install -r requirements.txt` "
                     "to build with the pinned versions\n")
    if cache is not None and options.force:  # trust nothing from earlier builds; executed runs are replaced as they finish
        for folder in RENDER_CACHES:
            shutil.rmtree(cache / folder, ignore_errors=True)

    # 1. Validate: bad data stops the build here, before any kernel starts.
    try:
        i18n.compile_catalogs()  # each edition's messages.mo, which the pages and the kernels read
        store = EvidenceStore(options.data, cache)
        sources = store.sources()
        notebooks = chapters_in(options.notebooks, options.only)
        read = [read_notebook(p) for p in notebooks]
        editions = {}  # each edition's chapters: titles, summaries and, as pages are written, citations
        for locale in i18n.LOCALES:
            with i18n.using(locale):
                editions[locale] = [export.describe(nb, p.stem, paths.rel(p)) for nb, p in zip(read, notebooks)]
    except (BadData, BuildError, export.ChapterError, ValueError) as err:
        stream.write(f"error: {err}\n{_untouched(options.out)}\n")
        return 2

    # 2. Execute.
    run = RunOptions(cache=cache / "executed" if cache else None, force=options.force, figures=options.figures,
                     data=options.data, cell_timeout=options.cell_timeout, max_output=options.max_output)
    try:
        results = workers.execute_all(notebooks, run, options.jobs, Progress(len(notebooks), stream).report)
    except workers.WorkerDied as err:
        stream.write(f"error: {err}\n{_untouched(options.out)}\n")
        return 1
    failures: list[Failure] = [r.failure for _name, r in sorted(results.items()) if r.failure]
    if failures:
        for failure in failures:
            stream.write(f"error: {failure.message()}\n")
        stream.write(f"{_untouched(options.out)}\n")
        return 1

    # 3. Export and write the pages, in a stage beside the site.
    stage = release.Stage(options.out)
    try:
        for locale, told in editions.items():
            with i18n.using(locale):
                chapter_pages.write_chapters(stage.path, notebooks, told, results, sources, cache)
                chapter_pages.write_contents(stage.path, told, results, cache)
                chapter_pages.write_sources(stage.path, sources, told)
        shared.copy_into(stage.path, store, editions, cache)
        # 4. Publish.
        kept = stage.publish()
    except (export.ChapterError, BadData) as err:
        stage.discard()
        stream.write(f"error: {err}\n{_untouched(options.out)}\n")
        return 1
    except release.ReleaseError as err:
        stage.discard()
        stream.write(f"error: {err}\n")
        return 2
    except BaseException:
        stage.discard()
        raise
    for warning in kept:
        stream.write(f"warning: {warning}\n")
    untranslated = [(locale, message) for locale, message in i18n.missing() if locale in i18n.LOCALES]
    if untranslated:  # shown in English, marked "translation pending" where it is prose
        shown = "; ".join(repr(m[:60]) for _locale, m in untranslated[:5])
        stream.write(f"warning: {len(untranslated)} message(s) of the {', '.join(sorted({l for l, _m in untranslated}))} "
                     f"edition are missing or fuzzy in locales/*/LC_MESSAGES/messages.po ({shown}"
                     f"{' …' if len(untranslated) > 5 else ''}); the pages show them in English, marked as pending. "
                     "See the README, 'Translating'.\n")
    written = sorted(options.out.glob("*.html"))
    size = sum(p.stat().st_size for p in written)
    stream.write(f"published {paths.rel(options.out)}/: {len(written)} pages ({size / 1024:.0f} KB of HTML) "
                 f"in {time.perf_counter() - start:.1f} s\n")
    return 0


def _untouched(out: Path) -> str:
    if out.exists():
        return f"nothing was published: {paths.rel(out)}/ was left as it was."
    return "nothing was published."
