"""Build the whole site: validate the evidence, execute the chapters, export, and publish atomically.

The site is assembled in a temporary folder beside the target and swapped in only when every
step succeeded, so a failed build leaves the previous ``site/`` exactly as it was.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import jinja2

from fissures import evidence, paths
from fissures.publish import export, pages
from fissures.publish.execute import Cache, Executed, Failure, execute, read_notebook

REPORT_TITLE = "Fissures"
REPORT_SUMMARY = (
    "In June 2023 The Sun Online argued that Vladimir Putin's grip on Russia was starting to crack "
    "as the war reached Russian soil: drones over Moscow, a raid into Belgorod Oblast, shelling and "
    "evacuations at the border. This report retells that argument and tests it, event by event and "
    "claim by claim, against other sources: what is confirmed, what only one side claims, and what "
    "happened next."
)
STATIC = Path(__file__).resolve().parent / "static"
THUMB_WIDTH = 288


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
    cache: Path | None = paths.CACHE / "executed"
    figures: Path = paths.FIGURES
    data: Path = paths.DATA


class Progress:
    """One line per notebook; on a terminal, a bar that fills as they finish."""

    def __init__(self, total: int, stream=sys.stderr):
        self.total, self.done, self.stream = total, 0, stream
        self.tty = hasattr(stream, "isatty") and stream.isatty() and not os.environ.get("CI")

    def report(self, result: Executed) -> None:
        """Say that one notebook finished, how, and in how long."""
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
    cache = Cache(options.cache) if options.cache else None
    results: dict[str, Executed] = {}
    if cache is not None and not options.force:  # cached runs need no worker, and no kernel
        for nb in notebooks:
            hit = execute(nb, cache, False, options.figures, options.data, cached_only=True)
            if hit is not None:
                results[nb.stem] = hit
                progress.report(hit)
        notebooks = [nb for nb in notebooks if nb.stem not in results]
    if not notebooks:
        return results
    if options.jobs <= 1 or len(notebooks) == 1:
        for nb in notebooks:
            results[nb.stem] = execute(nb, cache, options.force, options.figures, options.data)
            progress.report(results[nb.stem])
        return results
    # Workers come from a fork server, not a fork of this process: a fork copies the parent's threads' locks (BLAS pools, a test
    # server, Playwright) in whatever state they are, and a child can wait on them forever.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=min(options.jobs, len(notebooks)), mp_context=context) as pool:
        futures = {pool.submit(execute, nb, cache, options.force, options.figures, options.data): nb
                   for nb in notebooks}
        for future in as_completed(futures):
            result = future.result()
            results[result.name] = result
            progress.report(result)
    return results


def _evidence(options: Options) -> evidence.Evidence:
    """The validated evidence; reused from the cache while no file of data/ has changed."""
    import hashlib
    import pickle

    if options.cache is None:
        return evidence.load(options.data)
    digest = hashlib.sha256(evidence.__file__.encode())
    digest.update(Path(evidence.__file__).read_bytes())
    for path in sorted(p for p in Path(options.data).rglob("*") if p.is_file()):
        digest.update(path.relative_to(options.data).as_posix().encode() + b"\0" + path.read_bytes())
    entry = options.cache.parent / "evidence" / f"{digest.hexdigest()[:32]}.pickle"
    try:
        with open(entry, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    ev = evidence.load(options.data)  # raises EvidenceError on bad data: nothing is cached then
    entry.parent.mkdir(parents=True, exist_ok=True)
    for old in entry.parent.glob("*.pickle"):
        old.unlink(missing_ok=True)
    with open(entry.with_suffix(".tmp"), "wb") as f:
        pickle.dump(ev, f)
    os.replace(entry.with_suffix(".tmp"), entry)
    return ev


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(export.TEMPLATES / "fissures"),
                              autoescape=True, keep_trailing_newline=True)


def _page(current: str) -> dict:
    """What every page template needs: the report's title and the site's links."""
    return {"report_title": REPORT_TITLE, "summary": REPORT_SUMMARY, "current": current,
            "extra_links": [{"href": "article.html", "label": "Article"}, {"href": "sources.html", "label": "Sources"},
                            {"href": "data.html", "label": "Data"}, {"href": "about.html", "label": "About"}],
            "references_html": "", "prev": None, "next": None, "notebook_href": None, "reads": []}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _assets(out: Path) -> None:
    """The one stylesheet: the site's own rules plus the code highlighting, written once."""
    from pygments.formatters import HtmlFormatter

    css = (STATIC / "site.css").read_text(encoding="utf-8")
    css += "\n/* Code highlighting (Pygments, default style). */\n"
    css += HtmlFormatter(style="default").get_style_defs(".highlight") + "\n"
    _write(out / "assets" / "site.css", css)
    from fissures import mapassets

    for rel, data in sorted(mapassets.asset_files().items()):
        target = out / "assets" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _thumbnail(png: bytes, cache: Path | None = None) -> tuple[bytes, int, int]:
    """A small PNG for the contents page (reused from ``cache`` when the figure is unchanged)."""
    import hashlib

    entry = cache / f"thumb-{hashlib.sha256(png).hexdigest()[:32]}.png" if cache else None
    if entry is not None and entry.exists():
        from PIL import Image

        data = entry.read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            return data, image.width, image.height
    data, width, height = _make_thumbnail(png)
    if entry is not None:
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.write_bytes(data)
    return data, width, height


def _make_thumbnail(png: bytes) -> tuple[bytes, int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        image = image.convert("RGB")
        height = round(image.height * THUMB_WIDTH / image.width)
        small = image.resize((THUMB_WIDTH, height), Image.LANCZOS)
        buffer = io.BytesIO()
        small.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue(), THUMB_WIDTH, height


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


def _swap(tmp: Path, out: Path) -> None:
    """Replace ``out`` by ``tmp`` with two renames on the same file system."""
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def _assemble(tmp: Path, notebooks: list[Path], chapters: list[export.Chapter],
              results: dict[str, Executed], ev: evidence.Evidence, data_dir: Path,
              pages_cache: Path | None = None) -> None:
    sources = {sid: row for sid, row in ev.sources.astype(str).to_dict("index").items()}
    known = set(sources)
    env = _environment()
    _assets(tmp)
    prepared = []
    for path, chapter in zip(notebooks, chapters):
        nb = results[chapter.name].notebook
        label = paths.rel(path)
        nb = export.cite(nb, chapter, known, label)  # a copy: the cached run stays as it was
        nb = export.relink_figures(export.in_brief(export.drop_stderr(nb), chapter), chapter)
        prepared.append((path, chapter, nb))
    for i, (path, chapter, nb) in enumerate(prepared):
        page = _page(chapter.href)
        page.update(title=chapter.title, summary=chapter.summary,
                    prev=chapters[i - 1] if i > 0 else None,
                    next=chapters[i + 1] if i + 1 < len(chapters) else None,
                    notebook_href=f"notebooks/{path.name}",
                    reads=_reads(results[chapter.name].reads),
                    references_html=export.references_html(chapter, sources))
        _write(tmp / chapter.href, export.render_cached(nb, chapter, page, pages_cache))
        (tmp / "notebooks").mkdir(exist_ok=True)
        shutil.copyfile(path, tmp / "notebooks" / path.name)
        for file, data in sorted(results[chapter.name].figures.items()):
            (tmp / "figures").mkdir(exist_ok=True)
            (tmp / "figures" / file).write_bytes(data)
    cards = []
    for chapter in chapters:
        card = {"href": chapter.href, "title": chapter.title, "description": chapter.description, "thumbnail": None}
        figures = results[chapter.name].figures
        key = next((f["figure"] for f in chapter.figures if f"{f['figure']}.png" in figures), None)
        if key:
            thumb, width, height = _thumbnail(figures[f"{key}.png"], pages_cache)
            (tmp / "figures" / f"{key}.thumb.png").write_bytes(thumb)
            card.update(thumbnail=f"figures/{key}.thumb.png", thumb_width=width, thumb_height=height)
        cards.append(card)
    _write(tmp / "index.html", env.get_template("home.html.j2").render(page=_page("index"), chapters=cards))
    cited_in: dict[str, list[export.Chapter]] = {}
    for chapter in chapters:
        for source_id in chapter.citations:
            cited_in.setdefault(source_id, []).append(chapter)
    rows = [dict(row, cited_in=cited_in.get(sid, []), date=row["date"][:10]) for sid, row in sorted(sources.items())]
    _write(tmp / "sources.html", env.get_template("sources.html.j2").render(page=_page("sources.html"), sources=rows))
    pages.write_pages(tmp, ev, env, _page(""), chapters, data_dir=data_dir)


def build(options: Options, stream=sys.stderr) -> int:
    """Build and publish the site; return the exit code (0 published, 1 failed, 2 bad input)."""
    start = time.perf_counter()
    try:
        ev = _evidence(options)
        notebooks = chapters_in(options.notebooks, options.only)
        chapters = [export.describe(read_notebook(p), p.stem, paths.rel(p)) for p in notebooks]
    except (evidence.EvidenceError, BuildError, export.ChapterError, ValueError) as err:
        stream.write(f"error: {err}\n{_untouched(options.out)}\n")
        return 2
    progress = Progress(len(notebooks), stream)
    results = _execute_all(notebooks, options, progress)
    failures: list[Failure] = [r.failure for name, r in sorted(results.items()) if r.failure]
    if failures:
        for failure in failures:
            stream.write(f"error: {failure.message()}\n")
        stream.write(f"{_untouched(options.out)}\n")
        return 1
    out = options.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    tmp.chmod(0o755)  # mkdtemp makes it private; a published site is for everyone to read
    try:
        _assemble(tmp, notebooks, chapters, results, ev, options.data,
                  options.cache.parent / "pages" if options.cache else None)
        _swap(tmp, out)
    except export.ChapterError as err:
        shutil.rmtree(tmp, ignore_errors=True)
        stream.write(f"error: {err}\n{_untouched(options.out)}\n")
        return 1
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    written = sorted(out.glob("*.html"))
    size = sum(p.stat().st_size for p in written)
    stream.write(f"published {paths.rel(out)}/: {len(written)} pages ({size / 1024:.0f} KB of HTML) "
                 f"in {time.perf_counter() - start:.1f} s\n")
    return 0


def _untouched(out: Path) -> str:
    if out.exists():
        return f"nothing was published: {paths.rel(out)}/ was left as it was."
    return "nothing was published."
