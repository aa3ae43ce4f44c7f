"""Turn an executed notebook into the cells of a chapter page.

Before export, citations written ``[@source-id]`` in markdown become numbered links to the
Sources page (an unknown id stops the build, naming the cell), and figure outputs point at
the site's copy of ``figures/``. Code cells and their outputs go through nbconvert and the
report's cell template, one cell at a time, and are cached by content; markdown cells are
rendered by mistune (the markdown library nbconvert itself uses). So a prose edit re-renders
its page without loading nbconvert at all. The page around the cells is ``chapter.html.j2``.
"""

from __future__ import annotations

import copy
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import nbformat

from fissures.publish import sealed

TEMPLATES = Path(__file__).resolve().parent / "templates"
CITATION = re.compile(r"\[@([^\]]+)\]")
CITED_ID = re.compile(r"^@?([a-z0-9][a-z0-9-]*)$")
HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
PAGE_IDS = ("content", "references-heading")  # ids chapter.html.j2 uses, which no heading may take


class ChapterError(ValueError):
    """A notebook's content breaks a rule of the report (no title, an unknown source, …)."""


@dataclass
class Chapter:
    """What the site needs to know about one chapter."""

    name: str
    title: str
    summary: str
    description: str
    figures: list[dict] = field(default_factory=list)  # fissures figure metadata, in page order
    citations: list[str] = field(default_factory=list)  # source ids, in order of first citation

    @property
    def href(self) -> str:
        """The chapter page's file name in the site."""
        return f"{self.name}.html"


def _plain(markdown: str) -> str:
    """Markdown reduced to plain text for summaries: no links, citations or emphasis marks."""
    text = re.sub(r"\s*" + CITATION.pattern, "", markdown)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def describe(nb: nbformat.NotebookNode, name: str, label: str) -> Chapter:
    """Title, summary and one-line description from the first markdown cell."""
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    match = HEADING.search(first.source) if first is not None else None
    if match is None:
        raise ChapterError(f"{label}: the first markdown cell must start with the chapter's title as '# Title'")
    rest = first.source[match.end():].strip()
    paragraphs = [p for p in re.split(r"\n\s*\n", rest) if p.strip() and not p.lstrip().startswith(("#", "|", "-", "*", ">"))]
    summary = _plain(paragraphs[0]) if paragraphs else ""
    sentence = re.match(r"(.+?[.!?])(\s|$)", summary)
    return Chapter(name=name, title=_plain(match.group(1)), summary=summary,
                   description=sentence.group(1) if sentence else summary)


def cite(nb: nbformat.NotebookNode, chapter: Chapter, known: set[str], label: str) -> nbformat.NotebookNode:
    """Replace ``[@id]`` / ``[@a; @b]`` in markdown with numbered links to sources.html."""
    nb = copy.deepcopy(nb)
    order: list[str] = chapter.citations

    def link(match: re.Match, cell_no: int) -> str:
        parts = []
        for raw in match.group(1).split(";"):
            found = CITED_ID.match(raw.strip())
            if not found:
                raise ChapterError(f"{label}, cell {cell_no}: citation [{match.group(1)}] is not written "
                                   "[@source-id] or [@id-1; @id-2]")
            source_id = found.group(1)
            if source_id not in known:
                raise ChapterError(f"{label}, cell {cell_no}: citation @{source_id} is not a source_id in data/sources.csv")
            if source_id not in order:
                order.append(source_id)
            n = order.index(source_id) + 1
            parts.append(f'<a href="sources.html#src-{html.escape(source_id)}" '
                         f'title="Source {n}: {html.escape(source_id)}">{n}</a>')
        return f'<sup class="cite">[{",".join(parts)}]</sup>'

    for cell_no, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "markdown" and "[@" in cell.source:
            cell.source = CITATION.sub(lambda m, n=cell_no: link(m, n), cell.source)
    return nb


def map_frame(name: str, title: str, description: str) -> str:
    """The site's markup for an interactive map: its own document in an iframe, with a text description."""
    e = html.escape
    return (f'<figure class="fissures-map" id="map-{e(name)}">'
            f'<iframe src="figures/{e(name)}.html" title="{e(title)}" loading="lazy"></iframe>'
            f'<figcaption>{e(title)}. <span class="map-description">{e(description)}</span> '
            f'<a href="figures/{e(name)}.html">Open the map on its own page</a>.</figcaption></figure>')


def in_brief(nb: nbformat.NotebookNode, chapter: Chapter) -> nbformat.NotebookNode:
    """Set the chapter's summary paragraph apart as an "In brief" box (on the page only)."""
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    match = HEADING.search(first.source) if first is not None else None
    if match is None:
        return nb
    rest = first.source[match.end():].lstrip("\n")
    summary, _, after = rest.partition("\n\n")
    if not summary.strip() or summary.lstrip().startswith(("#", "|", "-", "*", ">", "<")):
        return nb
    box = ('<aside class="in-brief" aria-label="In brief">\n<p class="in-brief-title">In brief</p>\n\n'
           f"{summary.strip()}\n\n</aside>")
    first.source = first.source[:match.end()] + "\n\n" + box + ("\n\n" + after if after else "")
    return nb


def drop_stderr(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove warnings printed on stderr: they are for authors (JupyterLab shows them), not readers,
    and they carry absolute paths that would make the site differ from machine to machine."""
    for cell in nb.cells:
        if "outputs" in cell:
            cell["outputs"] = [o for o in cell["outputs"]
                               if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    return nb


def relink_figures(nb: nbformat.NotebookNode, chapter: Chapter) -> nbformat.NotebookNode:
    """Point figure outputs at ``figures/`` in the site, maps at their own documents; note the figures."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("fissures")
            if not meta or "text/html" not in output.get("data", {}):
                continue
            if "figure" in meta:
                output["data"]["text/html"] = output["data"]["text/html"].replace('"../figures/', '"figures/')
                chapter.figures.append(dict(meta))
            elif "map" in meta:
                output["data"]["text/html"] = map_frame(meta["map"], meta.get("title", ""), meta.get("description", ""))
    return nb


def references_html(chapter: Chapter, sources: dict[str, dict]) -> str:
    """The numbered list of the sources this chapter cites."""
    if not chapter.citations:
        return ""
    items = []
    for source_id in chapter.citations:
        s = sources[source_id]
        items.append(f'<li><a href="sources.html#src-{html.escape(source_id)}">{html.escape(s["publisher"])}, '
                     f'“{html.escape(s["title"])}”</a>, {html.escape(str(s["date"]))[:10]}</li>')
    return ('<section class="references" aria-labelledby="references-heading">'
            '<h2 id="references-heading">Sources cited in this chapter</h2>'
            f'<ol>{"".join(items)}</ol></section>')


def _slug(text: str) -> str:
    """A heading's id: its words in lower case, joined by hyphens ("Where's X?" -> "wheres-x")."""
    words = re.sub(r"['’]", "", _plain(text).lower())
    return re.sub(r"[^a-z0-9]+", "-", words).strip("-") or "section"


def _markdown(seen: set[str]):
    """A mistune renderer whose headings get ids unique across the page (``seen`` holds those taken)."""
    import mistune
    from mistune.toc import add_toc_hook

    def heading_id(token: dict, index: int) -> str:
        base = _slug(token.get("text", ""))
        value, n = base, 1
        while value in seen:
            n += 1
            value = f"{base}-{n}"
        seen.add(value)
        return value

    md = mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])
    add_toc_hook(md, min_level=1, max_level=6, heading_id=heading_id)
    return md


# The markup markdown cells may publish: what mistune writes for markdown (headings with ids,
# lists, tables, code, links, images) plus what the build inserts (the "In brief" box, citation
# links), and nothing that runs: no script, style, iframe, form or event handler, and links only
# to https, http, mailto or relative addresses. nh3 is the Python binding of Ammonia.
MARKUP_TAGS = {"a", "abbr", "aside", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
               "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
               "img", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub",
               "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "ul"}
MARKUP_ATTRIBUTES = {"*": {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-labelledby",
                           "aria-describedby", "aria-hidden"},
                     "a": {"href", "hreflang"}, "img": {"src", "alt", "width", "height", "loading"},
                     "ol": {"start", "reversed"}, "td": {"colspan", "rowspan", "style"},
                     "th": {"colspan", "rowspan", "scope", "style"}, "time": {"datetime"}, "q": {"cite"},
                     "blockquote": {"cite"}}


@lru_cache(maxsize=1)
def _cleaner():
    import nh3

    return nh3.Cleaner(tags=MARKUP_TAGS, attributes=MARKUP_ATTRIBUTES, url_schemes={"https", "http", "mailto"},
                       link_rel=None, strip_comments=True, clean_content_tags={"script", "style"},
                       filter_style_properties={"text-align"})


def sanitise(markup: str) -> str:
    """``markup`` with everything outside the allowlist removed: scripts, handlers, javascript: links."""
    return _cleaner().clean(markup)


def _cell_id(cell: dict) -> str:
    return f' id="cell-id={html.escape(cell["id"])}"' if cell.get("id") else ""


def markdown_cell(cell: dict, md, where: str = "a markdown cell") -> str:
    """A markdown cell's markup: the lab template's classes around mistune's HTML.

    The report renders markdown itself, rather than through nbconvert, so that a prose edit
    re-renders in milliseconds without loading nbconvert. Raw HTML in a cell is sanitised
    (``sanitise``): the markup a chapter uses survives, scripts and event handlers do not. Images
    pasted into a cell (attachments) are refused: a figure is saved with
    ``fissures.figures.save``, which gives it alt text, a source and a data table.
    """
    if cell.get("attachments"):
        raise ChapterError(f"{where}: has pasted images (attachments), which the site does not publish; "
                           "save the figure with fissures.figures.save instead")
    return (f'<div{_cell_id(cell)} class="jp-Cell jp-MarkdownCell jp-Notebook-cell">\n'
            '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput" data-mime-type="text/markdown">\n'
            f'{sanitise(md(cell["source"]))}</div>\n</div>')


@lru_cache(maxsize=1)
def _template_key() -> str:
    """What a cell's HTML depends on besides the cell: our templates and code, nbconvert's and mistune's versions."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"{version('nbconvert')}\0{version('mistune')}\0".encode())
    for path in sorted(TEMPLATES.rglob("*")) + [Path(__file__)]:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _exporter():
    """nbconvert's HTML exporter with the report's cell template (loaded only when a cell must be exported)."""
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="fissures", extra_template_basedirs=[str(TEMPLATES)],
                        exclude_input_prompt=True, exclude_output_prompt=True)


def code_cell(nb: nbformat.NotebookNode, cell: dict, folder: Path | None) -> tuple[str, Path | None]:
    """A code (or raw) cell's markup through nbconvert, reused from ``folder`` when the cell is unchanged.

    Each cell is exported on its own, in a notebook holding only it and the notebook's metadata,
    so its HTML depends on nothing else and a cached copy is the same bytes a fresh export gives.
    """
    one = {"nbformat": 4, "nbformat_minor": nb.get("nbformat_minor", 5), "metadata": nb.get("metadata", {}),
           "cells": [cell]}
    entry = None
    if folder is not None:
        key = hashlib.sha256(f"{_template_key()}\0{json.dumps(one, sort_keys=True)}".encode()).hexdigest()
        entry = folder / f"{key[:32]}.html"
        stored = sealed.read(entry)
        if stored is not None:
            return stored.decode("utf-8"), entry
    body, _ = _exporter().from_notebook_node(nbformat.from_dict(one))
    body = body.strip()
    if entry is not None:
        sealed.write(entry, body.encode("utf-8"))
    return body, entry


def cells_html(nb: nbformat.NotebookNode, folder: Path | None = None, label: str = "the notebook") -> str:
    """The markup of every cell in order; code cells come from ``folder`` when cached there.

    Entries of ``folder`` that this notebook no longer uses are removed, so the cache holds one
    chapter's cells, not its history.
    """
    md = _markdown(set(PAGE_IDS))
    parts, used = [], set()
    for cell_no, cell in enumerate(nb.cells, start=1):
        if cell.get("cell_type") == "markdown":
            parts.append(markdown_cell(cell, md, f"{label}, cell {cell_no}"))
        else:
            body, entry = code_cell(nb, cell, folder)
            parts.append(body)
            used.add(entry)
    if folder is not None and folder.exists():
        for old in folder.iterdir():
            if old not in used:
                old.unlink(missing_ok=True)
    return "\n".join(parts)
