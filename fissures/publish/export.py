"""Turn an executed notebook into the cells of a chapter page.

Markdown cells are rendered by mistune (the markdown library nbconvert itself uses) with a plugin
that turns ``[@source-id]`` and ``[@a; @b]`` into numbered links to the Sources page (an unknown
id stops the build, naming the cell; inside a code span the text is left alone), then sanitised
with nh3. The chapter's first cell gives its title and, set apart as an "In brief" box, its
summary. Figure outputs point at the site's copy of ``figures/``, maps become frames around their
own documents. Code cells and their outputs go through nbconvert and the report's cell template,
one cell at a time, and are cached by content, so a prose edit re-renders its page without
loading nbconvert at all. Every piece of markup comes from ``fissures/templates``.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import nbformat

from fissures import html, i18n
from fissures.publish import sealed, translate

TEMPLATES = Path(__file__).resolve().parent / "templates"
CITATION = r"\[@(?P<cited>[^\]\n]+)\]"
CITED_ID = re.compile(r"^@?([a-z0-9][a-z0-9-]*)$")
HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
PAGE_IDS = ("content", "references-heading")  # ids the chapter page uses, which no heading may take
BLOCK_START = ("#", "|", "-", "*", ">", "<")  # a paragraph starting so is not a summary


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
    events: list[str] = field(default_factory=list)  # event ids its tables, figures, lists and maps show

    @property
    def href(self) -> str:
        """The chapter page's file name in the site."""
        return f"{self.name}.html"


class Citations:
    """The sources one page cites: their numbers in order of first citation, checked against sources.csv."""

    def __init__(self, known: set[str] | None, label: str, order: list[str]):
        self.known, self.label, self.order = known, label, order
        self.cell = 0

    def refs(self, cited: str) -> list[dict]:
        """``[@a; @b]``'s sources as {id, n}, numbering those not cited before; ChapterError if one is unknown."""
        refs = []
        for raw in cited.split(";"):
            found = CITED_ID.match(raw.strip())
            if not found:
                raise ChapterError(f"{self.label}, cell {self.cell}: citation [{cited}] is not written "
                                   "[@source-id] or [@id-1; @id-2]")
            source_id = found.group(1)
            if self.known is not None and source_id not in self.known:
                raise ChapterError(f"{self.label}, cell {self.cell}: citation @{source_id} is not a source_id "
                                   "in data/sources.csv")
            if source_id not in self.order:
                self.order.append(source_id)
            refs.append({"id": source_id, "n": self.order.index(source_id) + 1})
        return refs


def _citation_plugin(citations: Citations | None):
    """A mistune plugin: ``[@id]`` becomes a citation token, rendered as numbered source links."""
    def parse(inline, m, state):
        state.append_token({"type": "citation", "raw": m.group("cited")})
        return m.end()

    def render(renderer, raw: str) -> str:
        return str(html.part("citation", citations.refs(raw))) if citations is not None else ""

    def plugin(md) -> None:
        md.inline.register("citation", CITATION, parse, before="link")
        if md.renderer is not None and md.renderer.NAME == "html":
            md.renderer.register("citation", render)
    return plugin


def _slug(text: str) -> str:
    """A heading's id: its words in lower case, joined by hyphens ("Where's X?" -> "wheres-x")."""
    words = re.sub(r"['’]", "", plain(text).lower())
    return re.sub(r"[^a-z0-9]+", "-", words).strip("-") or "section"


def _markdown(seen: set[str], citations: Citations | None = None):
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

    md = mistune.create_markdown(escape=False, plugins=["table", "strikethrough", _citation_plugin(citations)])
    add_toc_hook(md, min_level=1, max_level=6, heading_id=heading_id)
    return md


@lru_cache(maxsize=1)
def _tokens():
    import mistune

    return mistune.create_markdown(renderer=None, plugins=["table", "strikethrough", _citation_plugin(None)])


def plain(markdown: str) -> str:
    """Markdown reduced to its words, for titles and summaries: no marks, links as their text, no citations."""
    words: list[str] = []

    def walk(tokens) -> None:
        for token in tokens:
            if token["type"] in ("citation", "block_html", "inline_html"):
                continue
            if "children" in token:
                walk(token["children"])
            elif "raw" in token:
                words.append(token["raw"])
            if token["type"] in ("softbreak", "linebreak"):
                words.append(" ")
    walk(_tokens()(markdown))
    text = re.sub(r"[^\S\u00a0\u202f]+", " ", "".join(words)).strip()  # no-break spaces are French typography
    if i18n.current() == "fr":  # French keeps a (no-break) space before ; : ! ?
        return re.sub(r"[^\S\u00a0\u202f]+([.,)])", r"\1", re.sub(r" ([;:!?])", "\u00a0\\1", text))
    return re.sub(r"[^\S\u00a0\u202f]+([.,;:!?)])", r"\1", text)


def _first_cell(source: str) -> tuple[str, str, str, str] | None:
    """The first cell split into its heading line, title, summary paragraph and the rest (None without a title)."""
    match = HEADING.search(source)
    if match is None:
        return None
    rest = source[match.end():].lstrip("\n")
    summary, _sep, after = rest.partition("\n\n")
    if not summary.strip() or summary.lstrip().startswith(BLOCK_START):
        summary, after = "", rest
    return match.group(0), match.group(1), summary.strip(), after


def describe(nb: nbformat.NotebookNode, name: str, label: str) -> Chapter:
    """Title, summary and one-line description from the first markdown cell."""
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    parts = _first_cell(translate.translate(first.source).source) if first is not None else None
    if parts is None:
        raise ChapterError(f"{label}: the first markdown cell must start with the chapter's title as '# Title'")
    _heading, title, summary, rest = parts
    if not summary:  # the summary is the first paragraph that is prose
        summary = next((p for p in re.split(r"\n\s*\n", rest) if p.strip() and not p.lstrip().startswith(BLOCK_START)),
                       "")
    summary = plain(summary)
    sentence = re.match(r"(.+?[.!?])(\s|$)", summary)
    return Chapter(name=name, title=plain(title), summary=summary,
                   description=sentence.group(1) if sentence else summary)


def drop_stderr(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove warnings printed on stderr: they are for authors (JupyterLab shows them), not readers,
    and they carry absolute paths that would make the site differ from machine to machine."""
    for cell in nb.cells:
        if "outputs" in cell:
            cell["outputs"] = [o for o in cell["outputs"]
                               if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    return nb


def relink_figures(nb: nbformat.NotebookNode, chapter: Chapter) -> nbformat.NotebookNode:
    """The current edition's outputs, figure outputs pointed at ``figures/`` in the site and maps at their
    own documents; note the figures and the events the chapter shows (for the explorer's links back)."""
    nb = copy.deepcopy(nb)  # the cached run stays as it was
    locale = i18n.current()
    root = i18n.root()
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            editions = output.get("data", {}).pop(html.EDITIONS_MIME, None)
            if editions and locale in editions:  # what the cell showed, in this edition
                output["data"]["text/html"] = editions[locale]
            meta = output.get("metadata", {}).get("fissures")
            for event_id in (meta or {}).get("events", []):
                if event_id not in chapter.events:
                    chapter.events.append(event_id)
            if not meta or "text/html" not in output.get("data", {}):
                continue
            if "figure" in meta:
                output["data"]["text/html"] = output["data"]["text/html"].replace('"../figures/', f'"{root}figures/')
                chapter.figures.append(dict(meta))
            elif "map" in meta:
                words = meta.get("editions", {}).get(locale, meta)
                output["data"]["text/html"] = str(html.part("map_frame", meta["map"], words.get("title", ""),
                                                            words.get("description", ""),
                                                            f"{root}figures/{i18n.folder(locale)}"))
    return nb


def references_html(chapter: Chapter, sources: dict[str, dict]) -> str:
    """The numbered list of the sources this chapter cites."""
    from fissures import status

    return str(html.part("references", [dict(i18n.row_in_edition(sources[s]), source_id=s,
                                             later=status.learned_later(sources[s]["date"]))
                                        for s in chapter.citations]))


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


_QUOTE = re.compile(r"^(>\s*)(«.*»)", re.MULTILINE)  # to the last » of the line: quotes nest


def _quotes_in_their_language(source: str) -> str:
    """The article's French, quoted in a blockquote of another edition, marked as French (WCAG 3.1.2)."""
    if i18n.current() == "fr":
        return source
    return _QUOTE.sub(lambda m: m.group(1) + str(html.part("lang_open", "fr")) + m.group(2)
                      + str(html.part("lang_close")), source)


def markdown_cell(cell: dict, md, where: str = "a markdown cell", first: bool = False) -> str:
    """A markdown cell's markup: the lab template's classes around mistune's HTML, sanitised.

    The report renders markdown itself, rather than through nbconvert, so that a prose edit
    re-renders in milliseconds without loading nbconvert. Raw HTML in a cell is sanitised
    (``sanitise``): the markup a chapter uses survives, scripts and event handlers do not. The
    chapter's ``first`` cell sets its summary apart as an "In brief" box. Images pasted into a
    cell (attachments) are refused: a figure is saved with ``fissures.figures.save``, which gives
    it alt text, a source and a data table.
    """
    if cell.get("attachments"):
        raise ChapterError(f"{where}: has pasted images (attachments), which the site does not publish; "
                           "save the figure with fissures.figures.save instead")
    cell = dict(cell, source=_quotes_in_their_language(cell["source"]))
    parts = _first_cell(cell["source"]) if first else None
    if parts is not None and parts[2]:
        heading, _title, summary, rest = parts
        body = md(heading) + str(html.part("in_brief", html.Markup(md(summary)))) + "\n" + md(rest)
    else:
        body = md(cell["source"])
    return str(html.part("markdown_cell", cell.get("id", ""), html.Markup(sanitise(body))))


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
    words = {"show_code": i18n.gettext("Show code"), "for_cell": i18n.gettext("for cell")}  # the fold's words
    if folder is not None:
        key = hashlib.sha256(f"{_template_key()}\0{json.dumps([words, one], sort_keys=True)}".encode()).hexdigest()
        entry = folder / f"{key[:32]}.html"
        stored = sealed.read(entry)
        if stored is not None:
            return stored.decode("utf-8"), entry
    body, _resources = _exporter().from_notebook_node(nbformat.from_dict(one), resources={"fissures": words})
    body = body.strip()
    if entry is not None:
        sealed.write(entry, body.encode("utf-8"))
    return body, entry


def cells_html(nb: nbformat.NotebookNode, chapter: Chapter, known: set[str] | None, folder: Path | None = None,
               label: str = "the notebook") -> str:
    """The markup of every cell in order; code cells come from ``folder`` when cached there.

    Citations are numbered in ``chapter.citations`` as they are met. Entries of ``folder`` that
    this notebook no longer uses are removed, so the cache holds one chapter's cells, not its history.
    """
    citations = Citations(known, label, chapter.citations)
    md = _markdown(set(PAGE_IDS), citations)
    parts, used, first = [], set(), True
    for cell_no, cell in enumerate(nb.cells, start=1):
        citations.cell = cell_no
        if cell.get("cell_type") == "markdown":
            if i18n.current() != i18n.SOURCE:
                cell = dict(cell, source=translate.translate(cell["source"]).source)
            parts.append(markdown_cell(cell, md, f"{label}, cell {cell_no}", first=first))
            first = False
        else:
            body, entry = code_cell(nb, cell, folder)
            parts.append(body)
            used.add(entry)
    if folder is not None and folder.exists():
        for old in folder.iterdir():
            if old not in used:
                old.unlink(missing_ok=True)
    return "\n".join(parts)
