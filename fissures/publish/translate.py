"""The chapters' prose in gettext catalogs: one message per paragraph, heading, quotation and list item.

Markdown cells are split the way Sphinx's gettext builder splits a document (``blocks``), so a
translator works on one paragraph at a time and a changed English paragraph turns only its own
French entry fuzzy. ``extract_notebook`` is the Babel extractor ``babel.cfg`` names for
``notebooks/*.ipynb``; ``translate`` puts a cell back together in an edition, a message that is
missing or fuzzy shown in English with a visible "translation pending" mark, never stale.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from fissures import i18n

_ITEM = re.compile(r"^(?:[-*+]|\d+\.)\s")
_CITATIONS = re.compile(r"\[@[^\]]+\]")


def blocks(source: str) -> list[tuple[str, str]]:
    """``source`` split into (message, separator before it): paragraphs, headings and quotations are
    separated by blank lines; the items of a list are messages of their own, one line apart."""
    out: list[tuple[str, str]] = []
    for chunk in re.split(r"\n[ \t]*\n", source.strip("\n")):
        if not chunk.strip():
            continue
        lines = chunk.strip("\n").split("\n")
        gap = "\n\n" if out else ""
        if _ITEM.match(lines[0]):
            items: list[str] = []
            for line in lines:
                if _ITEM.match(line) or not items:
                    items.append(line)
                else:
                    items[-1] += "\n" + line
            out.append((items[0], gap))
            out.extend((item, "\n") for item in items[1:])
        else:
            out.append(("\n".join(lines), gap))
    return out


def extract_notebook(fileobj, keywords, comment_tags, options):
    """Babel's extractor for a notebook: each message of each markdown cell, with the cell's id as a comment."""
    nb = json.load(fileobj)
    for number, cell in enumerate(nb.get("cells", []), start=1):
        if cell.get("cell_type") != "markdown":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for message, _gap in blocks(source):
            yield number, None, message, [f"cell {cell.get('id', number)}"]


@dataclass
class Translated:
    source: str  # the cell's markdown in the edition
    pending: list[str]  # the English messages shown because their translation is missing or fuzzy


def translate(source: str, locale: str | None = None) -> Translated:
    """A markdown cell in ``locale``: each message translated, or the English marked as pending."""
    locale = locale or i18n.current()
    if locale == i18n.SOURCE:
        return Translated(source, [])
    parts, pending = [], []
    for message, gap in blocks(source):
        found = i18n.translation(message, locale)
        parts.append(gap + (found if found is not None else _pending(message)))
        if found is None:
            pending.append(message)
    return Translated("".join(parts), pending)


def _pending(message: str) -> str:
    """The English message, marked in words and in ``lang`` (the mark is inline, so it works in a
    heading, a paragraph or a list item alike)."""
    from fissures import html

    match = re.match(r"^(#{1,6}\s+|(?:[-*+]|\d+\.)\s+|>\s*)", message)
    lead = match.group(0) if match else ""
    return f"{lead}{html.part('pending_open')}{message[len(lead):]}{html.part('pending_close')}"


def citations(message: str) -> list[str]:
    """The citations a message makes, in order: a translation must make the same ones."""
    return _CITATIONS.findall(message)
