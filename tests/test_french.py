"""The French edition, as published: every page has its twin, says its language, and speaks French."""

from __future__ import annotations

import io
import os
import re

import pytest
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup

from fissures import i18n, paths
from fissures.publish.site import Options, build
from tests.conftest import make_data_dir, write_notebook

SITE = paths.SITE


def _site() -> None:
    if not (SITE / "fr" / "index.html").exists():
        if os.environ.get("FISSURES_REQUIRE_BROWSER") == "1":
            pytest.fail("site/ is not built; CI runs `python build.py` before the tests")
        pytest.skip("site/ is not built with its French edition; run `python build.py` first")


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_page_has_its_twin_linked_both_ways():
    _site()
    english = sorted(p.name for p in SITE.glob("*.html"))
    assert english and english == sorted(p.name for p in (SITE / "fr").glob("*.html"))
    for name in english:
        en, fr = _soup(SITE / name), _soup(SITE / "fr" / name)
        assert en.html["lang"] == "en" and fr.html["lang"] == "fr", name
        assert en.find("link", rel="alternate", hreflang="fr")["href"] == f"fr/{name}", name
        assert fr.find("link", rel="alternate", hreflang="en")["href"] == f"../{name}", name
        switch = fr.find("ul", class_="editions")
        assert switch.find("a", hreflang="en")["href"] == f"../{name}", name


def _visible(soup) -> str:
    """The words a French reader sees: no scripts, nothing marked as another language, no code."""
    for tag in soup(["script", "style", "code", "pre"]):
        tag.decompose()
    for tag in soup.find_all(attrs={"lang": True}):
        if tag.name != "html" and not tag["lang"].startswith("fr"):
            tag.decompose()
    return re.sub(r"\s+", " ", soup.get_text(" "))


def test_french_pages_show_no_english_interface_words():
    """No message of the catalog that the French edition translates is left in its English words."""
    _site()
    with open(i18n.po_path("fr"), "rb") as f:
        catalog = read_po(f, locale="fr")
    english = [m.id for m in catalog if isinstance(m.id, str) and m.string and m.string != m.id
               and not re.search(r"[{%<\[#*`>\n]", m.id) and len(m.id.split()) >= 3]
    for path in sorted((SITE / "fr").glob("*.html")):
        text = _visible(_soup(path))
        left = [m for m in english if m in text]
        assert left == [], f"{path.name}: {left[:5]}"


def test_french_formats_dates_and_numbers_the_french_way():
    _site()
    text = (SITE / "fr" / "03-the-border.html").read_text(encoding="utf-8")
    assert "1er juin" in text and "40\u202f000" in text
    assert "40,000" not in _visible(_soup(SITE / "fr" / "03-the-border.html"))


def test_the_french_article_stands_alone():
    """On the French page the article's French is not followed by our English translation."""
    _site()
    soup = _soup(SITE / "fr" / "article.html")
    assert soup.find(class_="claim-en").find(attrs={"lang": "fr"}) is not None
    assert "Our English" not in soup.get_text()
    assert "Notre traduction" not in _soup(SITE / "fr" / "05-claims-and-evidence.html").get_text()


def test_a_changed_paragraph_shows_in_english_marked_pending(tmp_path, monkeypatch):
    """The build names a paragraph whose French entry went fuzzy, and the French page shows the English,
    marked, instead of the stale French."""
    book = tmp_path / "book"
    write_notebook(book / "notebooks" / "01-quick.ipynb", ("md", "# Quick\n\nIt is quick, and new."),
                   ("code", "print('quick')"))
    make_data_dir(book / "data")
    with open(i18n.po_path("fr"), "rb") as f:
        catalog = read_po(f, locale="fr")
    catalog.add("# Quick", "# Rapide")
    catalog.add("It is quick, and new.", "C'est rapide.", flags=["fuzzy"])  # its English changed
    folder = tmp_path / "locales" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.po", "wb") as f:
        write_po(f, catalog)
    monkeypatch.setattr(i18n, "CATALOGS", tmp_path / "locales")
    monkeypatch.setattr(i18n, "_missing", set())
    err = io.StringIO()
    options = Options(notebooks=book / "notebooks", out=book / "site", cache=book / "cache",
                      figures=book / "figures", data=book / "data", jobs=1)
    assert build(options, stream=err) == 0
    assert "'It is quick, and new.'" in err.getvalue() and "missing or fuzzy" in err.getvalue()
    page = (book / "site" / "fr" / "01-quick.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Rapide" in page
    assert "C'est rapide." not in page
    assert 'class="translation-pending"' in page and '<span lang="en">It is quick, and new.</span>' in page


def test_every_data_text_has_its_french(real_ev):
    """The loader refuses an English cell without its French; here, the French edition reads it."""
    with i18n.using("fr"):
        summary = real_ev.events.loc["2023-06-01-shebekino-shelling", "summary_en"]
    assert summary == real_ev.events.loc["2023-06-01-shebekino-shelling", "summary_fr"]
    assert summary != real_ev.events.loc["2023-06-01-shebekino-shelling", "summary_en"]
