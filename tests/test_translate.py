"""The French edition's catalogs: one message per paragraph, fuzzy means pending, plurals by French rules."""

from __future__ import annotations

import io
import json

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from fissures import i18n, paths
from fissures.publish import translate

CELL = """## Who fired?

The governor said the town was shelled [@fixture-news].

- **Drones.** Eight, by the ministry's count.
- **Villages.** Two, by the raiders'.

> « Une usine en feu » (p5)
>
> *A factory on fire*"""


def test_a_cell_is_one_message_per_heading_paragraph_item_and_quote():
    messages = [m for m, _gap in translate.blocks(CELL)]
    assert messages == ["## Who fired?", "The governor said the town was shelled [@fixture-news].",
                        "- **Drones.** Eight, by the ministry's count.", "- **Villages.** Two, by the raiders'.",
                        "> « Une usine en feu » (p5)\n>\n> *A factory on fire*"]
    # put back together with the same separators, the cell is what it was
    assert "".join(gap + m for m, gap in translate.blocks(CELL)) == CELL


def test_the_extractor_reads_markdown_cells_only():
    nb = {"cells": [{"cell_type": "markdown", "id": "intro", "source": ["# Title\n", "\n", "Text."]},
                    {"cell_type": "code", "id": "c", "source": "x = 1"}]}
    found = list(translate.extract_notebook(io.StringIO(json.dumps(nb)), [], [], {}))
    assert [(m, c) for _line, _f, m, c in found] == [("# Title", ["cell intro"]), ("Text.", ["cell intro"])]


@pytest.fixture
def french(tmp_path, monkeypatch):
    """A French catalog in a temporary locales/ folder, with the French edition switched on."""
    catalog = Catalog(locale="fr")
    catalog.add("## Who fired?", "## Qui a tiré ?")
    catalog.add("The governor said the town was shelled [@fixture-news].",
                "Le gouverneur a dit que la ville avait été bombardée [@fixture-news].", flags=["fuzzy"])
    catalog.add("- **Drones.** Eight, by the ministry's count.", "- **Drones.** Huit, selon le ministère.")
    catalog.add(("%(num)s row", "%(num)s rows"), ("%(num)s ligne", "%(num)s lignes"))
    catalog.add("translation pending", "traduction en attente")
    folder = tmp_path / "locales" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.po", "wb") as f:
        write_po(f, catalog)
    monkeypatch.setattr(i18n, "CATALOGS", tmp_path / "locales")
    monkeypatch.setattr(i18n, "LOCALES", ("en", "fr"))
    monkeypatch.setattr(i18n, "_missing", set())
    return folder / "messages.po"


def test_a_missing_or_fuzzy_paragraph_shows_in_english_marked_pending(french):
    with i18n.using("fr"):
        done = translate.translate(CELL)
    assert done.source.startswith("## Qui a tiré ?\n\n")
    assert "- **Drones.** Huit, selon le ministère." in done.source
    # fuzzy: its English changed since it was translated, so the stale French is not shown
    assert "Le gouverneur" not in done.source
    assert ('<span class="translation-pending" lang="fr">traduction en attente</span> <span lang="en">The governor '
            "said the town was shelled [@fixture-news].</span>") in done.source
    assert done.pending == ["The governor said the town was shelled [@fixture-news].",
                            "- **Villages.** Two, by the raiders'.", "> « Une usine en feu » (p5)\n>\n> *A factory on fire*"]
    assert ("fr", "The governor said the town was shelled [@fixture-news].") in i18n.missing()
    with i18n.using("en"):
        assert translate.translate(CELL).source == CELL


def test_french_plurals_and_the_source_language(french):
    with i18n.using("fr"):
        assert [i18n.ngettext("%(num)s row", "%(num)s rows", n) for n in (0, 1, 2)] == [
            "%(num)s ligne", "%(num)s ligne", "%(num)s lignes"]
        assert i18n.gettext("Contents") == "Contents" and ("fr", "Contents") in i18n.missing()
    assert i18n.gettext("## Who fired?") == "## Who fired?"  # English is the messages themselves


def test_the_committed_catalog_keeps_every_citation_and_placeholder():
    """A translation may reword a paragraph, never drop or add a source or a placeholder."""
    import re

    with open(i18n.po_path("fr"), "rb") as f:
        catalog = read_po(f, locale="fr")
    fields = re.compile(r"\{[a-z_]*(?:![rs])?\}|%\([a-z_]+\)s")
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        if isinstance(message.id, (list, tuple)):  # plural forms: each may use the plural's placeholders
            wanted = set(fields.findall(message.id[1]))
            assert all(set(fields.findall(form)) <= wanted for form in message.string if form), message.id
            continue
        assert sorted(translate.citations(message.string)) == sorted(translate.citations(message.id)), message.id
        assert sorted(fields.findall(message.string)) == sorted(fields.findall(message.id)), message.id
    assert paths.ROOT / "locales" in i18n.po_path("fr").parents


def test_every_message_of_the_report_is_translated(tmp_path):
    """What lands is 100% translated: every message the code, the templates and the chapters hold has a
    French entry that is neither missing nor fuzzy (a changed English paragraph turns its entry fuzzy)."""
    import subprocess
    import sys

    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *translate.EXTRACT, "-o", str(pot), "."],
                   cwd=paths.ROOT, check=True, capture_output=True)
    with open(pot, "rb") as f:
        wanted = [m.id for m in read_po(f) if m.id]
    with open(i18n.po_path("fr"), "rb") as f:
        catalog = read_po(f, locale="fr")
    pending = []
    for message_id in wanted:
        entry = catalog.get(message_id)
        strings = [] if entry is None else (list(entry.string) if isinstance(entry.string, (list, tuple))
                                            else [entry.string])
        if entry is None or entry.fuzzy or not all(strings):
            pending.append(message_id)
    assert not pending, (f"{len(pending)} message(s) missing or fuzzy in locales/fr/LC_MESSAGES/messages.po, e.g. "
                         f"{pending[:3]}; run pybabel extract/update and translate them (README, 'Translating')")


def test_the_article_is_quoted_as_received_in_both_editions():
    """A quotation of the article keeps its words byte for byte in the French edition too (typography
    fixes never reach it): every quoted French line of a translation is a line of its English message."""
    with open(i18n.po_path("fr"), "rb") as f:
        catalog = read_po(f, locale="fr")
    for message in catalog:
        if not isinstance(message.id, str) or not message.id.startswith("> «") or not message.string:
            continue
        for line in message.string.split("\n"):
            if line.startswith("> «"):
                quoted = line.split("» (p")[0]
                assert any(english.startswith(quoted) for english in message.id.split("\n")), line
