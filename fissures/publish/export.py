"""Turn an executed notebook into a chapter page through the report's nbconvert template.

Before export, citations written ``[@source-id]`` in markdown become numbered links to the
Sources page (an unknown id stops the build, naming the cell), and figure outputs point at
the site's copy of ``figures/``.
"""

from __future__ import annotations

import copy
import hashlib
import html
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import nbformat

TEMPLATES = Path(__file__).resolve().parent / "templates"
CITATION = re.compile(r"\[@([^\]]+)\]")
CITED_ID = re.compile(r"^@?([a-z0-9][a-z0-9-]*)$")
HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


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


@lru_cache(maxsize=1)
def _exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="fissures", extra_template_basedirs=[str(TEMPLATES)],
                        exclude_input_prompt=True, exclude_output_prompt=True)


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


def render(nb: nbformat.NotebookNode, chapter: Chapter, page: dict) -> str:
    """The chapter page's HTML."""
    exporter = _exporter()
    body, _ = exporter.from_notebook_node(nb, resources={"fissures": page})
    return body


@lru_cache(maxsize=1)
def _template_key() -> str:
    """What a page's HTML depends on besides its notebook and page data: templates, this code, nbconvert."""
    import nbconvert

    digest = hashlib.sha256(nbconvert.__version__.encode())
    for path in sorted(TEMPLATES.rglob("*")) + [Path(__file__)]:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def render_cached(nb: nbformat.NotebookNode, chapter: Chapter, page: dict, folder: Path | None) -> str:
    """``render``, reusing the HTML of an identical page from an earlier build (nbconvert is the slow part)."""
    if folder is None:
        return render(nb, chapter, page)
    key = hashlib.sha256("\0".join([_template_key(), nbformat.writes(nb),
                                     json.dumps(page, sort_keys=True, default=str)]).encode()).hexdigest()
    entry = folder / chapter.name / f"{key[:32]}.html"
    try:
        return entry.read_text(encoding="utf-8")
    except OSError:
        pass
    body = render(nb, chapter, page)
    entry.parent.mkdir(parents=True, exist_ok=True)
    for old in entry.parent.glob("*.html"):
        old.unlink(missing_ok=True)
    tmp = entry.with_suffix(".tmp")
    tmp.write_text(body, encoding="utf-8")
    os.replace(tmp, entry)
    return body
