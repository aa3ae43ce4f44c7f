"""Build the whole site: validate the evidence, execute the chapters, export, and publish atomically.

The site is assembled in a temporary folder beside the target and swapped in only when every
step succeeded, so a failed build leaves the previous ``site/`` exactly as it was.

Everything slow is cached under ``.cache/`` by the hash of its inputs: executed notebooks
(``execute.Cache``), exported code cells (``export.cells_html``), the validated evidence and its
sources table (``EvidenceStore``), the pages every build shares and the thumbnails. So a prose
edit loads neither nbconvert nor pandas, and ``--force`` empties these caches first.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import pickle
import shutil
import struct
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from fissures import paths
from fissures.publish import environment, export, lock, release, sealed, workers
from fissures.publish.execute import Executed, Failure, RunOptions, cached, environment_key, read_notebook, tree_hash
from fissures.publish.limits import CELL_TIMEOUT, MAX_OUTPUT

REPORT_TITLE = "Fissures"
REPORT_SUMMARY = (
    "In June 2023 The Sun Online argued that Vladimir Putin's grip on Russia was starting to crack "
    "as the war reached Russian soil: drones over Moscow, a raid into Belgorod Oblast, shelling and "
    "evacuations at the border. This report retells that argument and tests it, event by event and "
    "claim by claim, against other sources: what is confirmed, what only one side claims, and what "
    "happened next."
)
PUBLISH = Path(__file__).resolve().parent
STATIC = PUBLISH / "static"
THUMB_WIDTH = 288
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


def _execute_all(notebooks: list[Path], options: Options, progress: Progress) -> dict[str, Executed]:
    """Every notebook's run: cached where still valid (no worker, no kernel), else executed in workers."""
    run = RunOptions(cache=options.cache / "executed" if options.cache else None, force=options.force,
                     figures=options.figures, data=options.data, cell_timeout=options.cell_timeout,
                     max_output=options.max_output)
    results: dict[str, Executed] = {}
    for nb in notebooks:
        hit = cached(nb, run)
        if hit is not None:
            results[nb.stem] = hit
            progress.report(hit)
    todo = [nb for nb in notebooks if nb.stem not in results]
    if todo:
        results.update(workers.run(todo, run, options.jobs, progress.report))
    return results


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


class EvidenceStore:
    """The validated evidence of ``data``, loaded (and pandas imported) only when a page needs it.

    What was validated once is kept under ``.cache/evidence/``, keyed by the data files and the
    package: the whole evidence as a pickle, and the sources table as JSON, which is all a
    chapter page needs. A key is stored only after its data validated, so a cached copy is
    valid data.
    """

    def __init__(self, data: Path, cache: Path | None):
        self.data = Path(data)
        self.key = _digest(environment_key().encode(), tree_hash(self.data).encode())
        self.folder = cache / "evidence" if cache is not None else None
        self._evidence = None

    def _entry(self, suffix: str) -> Path | None:
        return self.folder / f"{self.key[:32]}{suffix}" if self.folder is not None else None

    def load(self):
        """The whole evidence (``fissures.evidence.Evidence``); raises BuildError on bad data."""
        if self._evidence is not None:
            return self._evidence
        entry = self._entry(".pickle")
        stored = sealed.read(entry) if entry is not None else None
        if stored is not None:
            try:
                self._evidence = pickle.loads(stored)
                return self._evidence
            except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):  # written by another version
                pass
        from fissures import evidence

        try:
            self._evidence = evidence.load(self.data)
        except evidence.EvidenceError as err:
            raise BuildError(str(err)) from None
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


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(export.TEMPLATES / "fissures"),
                              autoescape=True, keep_trailing_newline=True)


def _page(current: str) -> dict:
    """What every page template needs: the report's title and the site's links."""
    return {"report_title": REPORT_TITLE, "summary": REPORT_SUMMARY, "current": current,
            "extra_links": [{"href": "article.html", "label": "Article"}, {"href": "sources.html", "label": "Sources"},
                            {"href": "data.html", "label": "Data"}, {"href": "about.html", "label": "About"}],
            "prev": None, "next": None, "notebook_href": None, "reads": []}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _assets(out: Path) -> None:
    """The one stylesheet (the site's own rules plus the code highlighting) and the map assets."""
    from pygments.formatters import HtmlFormatter

    from fissures import mapassets

    css = (STATIC / "site.css").read_text(encoding="utf-8")
    css += "\n/* Code highlighting (Pygments, default style). */\n"
    css += HtmlFormatter(style="default").get_style_defs(".highlight") + "\n"
    _write(out / "assets" / "site.css", css)
    for rel, data in sorted(mapassets.asset_files().items()):
        target = out / "assets" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (its IHDR chunk comes first)."""
    return struct.unpack(">II", png[16:24])


def _thumbnail(png: bytes, cache: Path | None = None) -> tuple[bytes, int, int]:
    """A small PNG for the contents page (reused from ``cache`` when the figure is unchanged)."""
    entry = cache / f"{hashlib.sha256(png).hexdigest()[:32]}.png" if cache else None
    data = sealed.read(entry) if entry is not None else None
    if data is None:
        data = _make_thumbnail(png)
        if entry is not None:
            sealed.write(entry, data)
    return (data, *_png_size(data))


def _make_thumbnail(png: bytes) -> bytes:
    import io

    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        image = image.convert("RGB")
        height = round(image.height * THUMB_WIDTH / image.width)
        small = image.resize((THUMB_WIDTH, height), Image.LANCZOS)
        buffer = io.BytesIO()
        small.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _reads(files: list[str]) -> list[dict]:
    """The data a chapter read, each linked to its download on the Data page where there is one."""
    shown = []
    for file in files:
        path = Path(file)
        if path.parts[:1] != ("data",) or path.name == "datapackage.json":
            continue
        href = f"data/{path.name}" if path.suffix == ".csv" and len(path.parts) == 2 else None
        shown.append({"label": "/".join(path.parts[1:]), "href": href})
    return shown


def _shared_pages(out: Path, store: EvidenceStore, chapters: list[export.Chapter]) -> None:
    """Write what only the evidence and the chapters' titles decide: the data, article and about
    pages, the downloads and the assets."""
    from fissures.publish import pages  # pandas, matplotlib's colours: only when these pages change

    _assets(out)
    pages.write_pages(out, store.load(), _environment(), _page(""), chapters, data_dir=store.data)


def _contents_and_sources(out: Path, sources: dict[str, dict], cards: list[dict],
                          chapters: list[export.Chapter]) -> None:
    """The contents page and the sources page (with the chapters that cite each source)."""
    env = _environment()
    _write(out / "index.html", env.get_template("home.html.j2").render(page=_page("index"), chapters=cards))
    cited_in: dict[str, list[dict]] = {}
    for chapter in chapters:
        for source_id in chapter.citations:
            cited_in.setdefault(source_id, []).append({"href": chapter.href, "title": chapter.title})
    rows = [dict(row, cited_in=cited_in.get(sid, []), date=row["date"][:10]) for sid, row in sorted(sources.items())]
    _write(out / "sources.html", env.get_template("sources.html.j2").render(page=_page("sources.html"), sources=rows))


def _copy_shared(tmp: Path, store: EvidenceStore, chapters: list[export.Chapter], cache: Path | None) -> None:
    """The shared pages, reused from ``cache`` while the data, the package and the chapters' names
    and titles are unchanged (one sealed file holds them all; a damaged one is rebuilt)."""
    if cache is None:
        _shared_pages(tmp, store, chapters)
        return
    meta = json.dumps([{"name": c.name, "href": c.href, "title": c.title} for c in chapters])
    entry = cache / "shared" / f"{_digest(store.key.encode(), tree_hash(PUBLISH).encode(), meta.encode())[:32]}.pickle"
    stored = sealed.read(entry)
    try:
        files = pickle.loads(stored) if stored is not None else None
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):  # written by another version
        files = None
    if files is None:
        stage = Path(tempfile.mkdtemp(prefix=".shared-", dir=tmp))
        try:
            _shared_pages(stage, store, chapters)
            files = {p.relative_to(stage).as_posix(): p.read_bytes() for p in sorted(stage.rglob("*")) if p.is_file()}
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        if entry.parent.exists():
            shutil.rmtree(entry.parent)  # one entry: the pages of the newest build
        sealed.write(entry, pickle.dumps(files))
    for rel, data in files.items():
        (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp / rel).write_bytes(data)


def _assemble(tmp: Path, notebooks: list[Path], chapters: list[export.Chapter],
              results: dict[str, Executed], store: EvidenceStore, cache: Path | None = None) -> None:
    sources = store.sources()
    known = set(sources)
    prepared = []
    for path, chapter in zip(notebooks, chapters):
        nb = results[chapter.name].notebook
        label = paths.rel(path)
        nb = export.cite(nb, chapter, known, label)  # a copy: the cached run stays as it was
        nb = export.relink_figures(export.in_brief(export.drop_stderr(nb), chapter), chapter)
        prepared.append((path, chapter, nb))
    shell = _environment().get_template("chapter.html.j2")
    links = [{"href": c.href, "title": c.title} for c in chapters]
    (tmp / "notebooks").mkdir()
    (tmp / "figures").mkdir()
    for i, (path, chapter, nb) in enumerate(prepared):
        page = _page(chapter.href)
        page.update(title=chapter.title, summary=chapter.summary,
                    prev=links[i - 1] if i > 0 else None,
                    next=links[i + 1] if i + 1 < len(chapters) else None,
                    notebook_href=f"notebooks/{path.name}",
                    reads=_reads(results[chapter.name].reads))
        cells = export.cells_html(nb, cache / "cells" / chapter.name if cache else None, paths.rel(path))
        _write(tmp / chapter.href, shell.render(page=page, cells=Markup(cells),
                                                references=Markup(export.references_html(chapter, sources))))
        shutil.copyfile(path, tmp / "notebooks" / path.name)
        for file, data in sorted(results[chapter.name].figures.items()):
            (tmp / "figures" / file).write_bytes(data)
    cards = []
    for chapter in chapters:
        card = {"href": chapter.href, "title": chapter.title, "description": chapter.description, "thumbnail": None}
        figures = results[chapter.name].figures
        key = next((f["figure"] for f in chapter.figures if f"{f['figure']}.png" in figures), None)
        if key:
            thumb, width, height = _thumbnail(figures[f"{key}.png"], cache / "thumbnails" if cache else None)
            (tmp / "figures" / f"{key}.thumb.png").write_bytes(thumb)
            card.update(thumbnail=f"figures/{key}.thumb.png", thumb_width=width, thumb_height=height)
        cards.append(card)
    _contents_and_sources(tmp, sources, cards, chapters)
    _copy_shared(tmp, store, chapters, cache)


def build(options: Options, stream=sys.stderr) -> int:
    """Build and publish the site; return the exit code (0 published, 1 failed, 2 bad input).

    One build at a time holds the lock (a second waits); the previous site stays in place until
    the new one replaces it in one step, and stays as it was when anything fails or the build is
    interrupted (KeyboardInterrupt passes through, after every worker and kernel is stopped).
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
    try:
        store = EvidenceStore(options.data, cache)
        store.sources()  # bad data stops the build here, before any kernel starts
        notebooks = chapters_in(options.notebooks, options.only)
        chapters = [export.describe(read_notebook(p), p.stem, paths.rel(p)) for p in notebooks]
    except (BuildError, export.ChapterError, ValueError) as err:
        stream.write(f"error: {err}\n{_untouched(options.out)}\n")
        return 2
    progress = Progress(len(notebooks), stream)
    try:
        results = _execute_all(notebooks, options, progress)
    except workers.WorkerDied as err:
        stream.write(f"error: {err}\n{_untouched(options.out)}\n")
        return 1
    failures: list[Failure] = [r.failure for name, r in sorted(results.items()) if r.failure]
    if failures:
        for failure in failures:
            stream.write(f"error: {failure.message()}\n")
        stream.write(f"{_untouched(options.out)}\n")
        return 1
    stage = release.Stage(options.out)
    try:
        _assemble(stage.path, notebooks, chapters, results, store, cache)
        kept = stage.publish()
    except export.ChapterError as err:
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
    out = options.out
    written = sorted(out.glob("*.html"))
    size = sum(p.stat().st_size for p in written)
    stream.write(f"published {paths.rel(out)}/: {len(written)} pages ({size / 1024:.0f} KB of HTML) "
                 f"in {time.perf_counter() - start:.1f} s\n")
    return 0


def _untouched(out: Path) -> str:
    if out.exists():
        return f"nothing was published: {paths.rel(out)}/ was left as it was."
    return "nothing was published."
