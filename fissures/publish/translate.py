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


# What `pybabel extract` needs to find every message: babel.cfg, and the keywords of our gettext doors.
EXTRACT = ["extract", "-F", "babel.cfg", "-k", "N_", "-k", "_", "-k", "ngettext:1,2", "-k", "count:2,3",
           "--no-location", "--sort-output"]


def refresh(root=None) -> int:
    """Extract every message into locales/messages.pot and merge it into each edition's catalog (a changed
    message turns fuzzy). Refuses to merge a template that came out empty, which would drop every
    translation. ``python -m fissures.publish.translate``."""
    import subprocess
    import sys

    from fissures import paths

    root = root or paths.ROOT
    pot = i18n.CATALOGS / "messages.pot"
    frontend = [sys.executable, "-m", "babel.messages.frontend"]
    done = subprocess.run(frontend + EXTRACT + ["-o", str(pot), "."], cwd=root, capture_output=True, text=True)
    found = pot.read_text(encoding="utf-8").count("\nmsgid ") if pot.exists() else 0
    if done.returncode or found == 0:
        tail = (done.stderr.strip().splitlines() or ["no message found"])[-1]
        print(f"error: extracting the messages failed ({tail}); the catalogs were left as they were", file=sys.stderr)
        return 1
    update = ["update", "-i", str(pot), "-d", str(i18n.CATALOGS), "-D", i18n.DOMAIN, "--no-wrap", "--ignore-obsolete"]
    subprocess.run(frontend + update, cwd=root, check=True, capture_output=True)
    print(f"{found} messages extracted into {pot.relative_to(root)}; catalogs updated: translate what is new or fuzzy")
    return 0


if __name__ == "__main__":
    raise SystemExit(refresh())
