"""The pages written on every build: one per chapter, the contents page and the Sources page.

Light on purpose (no pandas, no nbconvert unless a code cell changed): a prose edit rebuilds
these from the cached runs in a fraction of a second. Each page is a template of
``fissures/templates`` in the one environment of ``fissures.html``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from fissures import html, i18n, paths, status
from fissures.publish import export, thumbnails
from fissures.publish.execute import Executed
from fissures.publish.layout import page


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _reads(files: list[str]) -> list[dict]:
    """The data a chapter read, each linked to its download on the Data page where there is one."""
    shown = []
    for file in files:
        path = Path(file)
        if path.parts[:1] != ("data",) or path.name == "datapackage.json":
            continue
        href = f"{i18n.root()}data/{path.name}" if path.suffix == ".csv" and len(path.parts) == 2 else None
        shown.append({"label": "/".join(path.parts[1:]), "href": href})
    return shown


def write_chapters(stage: Path, notebooks: list[Path], chapters: list[export.Chapter], results: dict[str, Executed],
                   sources: dict[str, dict], cache: Path | None) -> None:
    """Each chapter's page in the current edition (its notebook and figures with the source edition's);
    the chapters' citations are numbered as they are met."""
    known = set(sources)
    source = i18n.current() == i18n.SOURCE
    pages = stage / i18n.folder()
    links = [{"href": c.href, "title": c.title} for c in chapters]
    (stage / "notebooks").mkdir(exist_ok=True)
    (stage / "figures").mkdir(exist_ok=True)
    for i, (path, chapter) in enumerate(zip(notebooks, chapters)):
        result = results[chapter.name]
        nb = export.relink_figures(export.drop_stderr(result.notebook), chapter)
        cells = export.cells_html(nb, chapter, known, cache / "cells" / i18n.folder() / chapter.name if cache else None,
                                  paths.rel(path))
        context = page(chapter.href, title=chapter.title, summary=chapter.summary,
                       prev=links[i - 1] if i > 0 else None, next=links[i + 1] if i + 1 < len(chapters) else None,
                       notebook_href=f"{i18n.root()}notebooks/{path.name}", reads=_reads(result.reads),
                       chapter=chapter.name,
                       files=sorted(f for f in result.figures if not f.endswith(".png")), events=chapter.events)
        _write(pages / chapter.href, html.render("chapter.html.j2", page=context, cells=html.Markup(cells),
                                                 references=html.Markup(export.references_html(chapter, sources))))
        if not source:
            continue
        shutil.copyfile(path, stage / "notebooks" / path.name)
        for file, data in sorted(result.figures.items()):
            (stage / "figures" / file).parent.mkdir(parents=True, exist_ok=True)
            (stage / "figures" / file).write_bytes(data)


def write_contents(stage: Path, chapters: list[export.Chapter], results: dict[str, Executed],
                   cache: Path | None) -> None:
    """The contents page: each chapter's title, first sentence and the thumbnail of its first figure."""
    cards = []
    for chapter in chapters:
        card = {"href": chapter.href, "title": chapter.title, "description": chapter.description, "thumbnail": None}
        figures = results[chapter.name].figures
        drawn = i18n.folder()  # the figures of this edition: figures/ or figures/fr/
        key = next((f["figure"] for f in chapter.figures if f"{drawn}{f['figure']}.png" in figures), None)
        if key:
            thumb, width, height = thumbnails.thumbnail(figures[f"{drawn}{key}.png"],
                                                        cache / "thumbnails" if cache else None)
            (stage / "figures" / f"{drawn}{key}.thumb.png").parent.mkdir(parents=True, exist_ok=True)
            (stage / "figures" / f"{drawn}{key}.thumb.png").write_bytes(thumb)
            card.update(thumbnail=f"{i18n.root()}figures/{drawn}{key}.thumb.png", thumb_width=width,
                        thumb_height=height)
        cards.append(card)
    _write(stage / i18n.folder() / "index.html", html.render("home.html.j2", page=page("index"), chapters=cards))


def write_sources(stage: Path, sources: dict[str, dict], chapters: list[export.Chapter]) -> None:
    """The Sources page: every source, with the chapters that cite it."""
    cited_in: dict[str, list[dict]] = {}
    for chapter in chapters:
        for source_id in chapter.citations:
            cited_in.setdefault(source_id, []).append({"href": chapter.href, "title": chapter.title})
    rows = [dict(i18n.row_in_edition(row), cited_in=cited_in.get(sid, []), date=row["date"][:10],
                 later=status.learned_later(row["date"])) for sid, row in sorted(sources.items())]
    _write(stage / i18n.folder() / "sources.html", html.render("sources.html.j2", page=page("sources.html"),
                                               sources=[r for r in rows if not r["later"]],
                                               later=[r for r in rows if r["later"]], as_of=status.AS_OF))
