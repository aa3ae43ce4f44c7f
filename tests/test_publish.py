"""The publisher on a tiny fixture book: pages, index, cache, failures that leave the site alone."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest

from fissures.paths import ROOT
from fissures.publish.cli import main as cli_main
from fissures.publish.site import Options, build
from tests.conftest import make_data_dir, write_notebook

FIRST = (
    ("md", "# The first chapter\n\nA summary sentence [@fixture-news]. More words.\n\n## Section"),
    ("code", "from fissures import evidence, figures\nev = evidence.load()\nev.events[['date', 'status']]"),
    ("code", "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2])\n"
             "figures.save(fig, '01-line', alt='A rising line.', caption='A line.', source='Fixture News')"),
)
SECOND = (("md", "# Second chapter\n\nIt says things."), ("code", "print('hello')"))
FAILING = (("md", "# Failing chapter\n\nIt fails."), ("code", "x = 1"), ("code", "import json\n\njson.loads('{')\ny = 2"))


class Links(HTMLParser):
    """Every href and src on a page, and every id."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])


def _options(base: Path, **changes) -> Options:
    return Options(notebooks=base / "notebooks", out=base / "site", cache=base / "cache", figures=base / "figures",
                   data=base / "data", jobs=2, **changes)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """Two small chapters and a data folder, built once for the whole run (read it, never change it)."""
    base = tmp_path_factory.mktemp("book")
    write_notebook(base / "notebooks" / "01-first.ipynb", *FIRST)
    write_notebook(base / "notebooks" / "02-second.ipynb", *SECOND)
    make_data_dir(base / "data")
    assert build(_options(base), stream=io.StringIO()) == 0
    return base


@pytest.fixture
def book(built_book: Path, tmp_path: Path) -> Options:
    """A copy of the built book, its site, cache and figures included: a test may change it, and its next build
    reuses what did not change."""
    shutil.copytree(built_book, tmp_path / "book", symlinks=True)
    return _options(tmp_path / "book")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_writes_pages_index_figures_and_assets(book: Options):
    site = book.out
    for name in ("index.html", "01-first.html", "02-second.html", "sources.html", "assets/site.css",
                 "figures/01-line.png", "figures/01-line.svg", "notebooks/01-first.ipynb"):
        assert (site / name).is_file(), name
    assert (book.figures / "01-line.svg").is_file()
    first = (site / "01-first.html").read_text(encoding="utf-8")
    assert "<title>The first chapter · Fissures</title>" in first
    assert 'alt="A rising line."' in first and 'src="figures/01-line.svg"' in first
    assert 'href="sources.html#src-fixture-news"' in first
    assert "<details" in first and "<style" not in first.split("</head>")[0]
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "The first chapter" in index and "A summary sentence." in index and "01-line.thumb.png" in index


def test_every_internal_link_resolves(book: Options):
    pages = {p.name: p for p in book.out.glob("*.html")}
    parsed = {}
    for name, page in pages.items():
        parsed[name] = Links()
        parsed[name].feed(page.read_text(encoding="utf-8"))
    for name, links in parsed.items():
        for link in links.links:
            if link == "data:,":  # the empty favicon: no request for one that does not exist
                continue
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                assert parts.scheme == "https", f"{name}: {link}"
                continue
            target = parts.path or name
            assert (book.out / target).exists(), f"{name} links to missing {link}"
            if parts.fragment and target.endswith(".html"):
                assert parts.fragment in parsed[target].ids, f"{name}: no #{parts.fragment} in {target}"
    nav = parsed["01-first.html"].links
    assert "02-second.html" in nav and "index.html" in nav


def test_failing_notebook_names_the_cell_and_leaves_the_site(book: Options):
    before = snapshot(book.out)
    write_notebook(book.notebooks / "03-failing.ipynb", *FAILING)
    err = io.StringIO()
    assert build(book, stream=err) == 1
    message = err.getvalue()
    assert "03-failing.ipynb, cell 3, line 3: JSONDecodeError" in message
    assert "json.loads('{')" in message
    assert "Traceback" not in message and "site/ was left as it was" in message
    assert snapshot(book.out) == before


def test_bad_data_stops_the_build_before_any_kernel(book: Options):
    places = book.data / "places.csv"
    places.write_text(places.read_text(encoding="utf-8").replace("50.41342", "999"), encoding="utf-8")
    before = snapshot(book.out)
    err = io.StringIO()
    assert build(book, stream=err) == 2
    assert "places.csv line 2 (place_id=shebekino): lat 999 is not within -90..90" in err.getvalue()
    assert "executed" not in err.getvalue() and "cached" not in err.getvalue()
    assert snapshot(book.out) == before


def test_unknown_citation_is_named(book: Options):
    write_notebook(book.notebooks / "03-cites.ipynb", ("md", "# Cites\n\nText."), ("md", "A claim [@no-such-source]."))
    err = io.StringIO()
    assert build(book, stream=err) == 1
    assert "03-cites.ipynb, cell 2: citation @no-such-source is not a source_id in data/sources.csv" in err.getvalue()


def test_pasted_image_is_refused_by_name(book: Options):
    path = write_notebook(book.notebooks / "03-pasted.ipynb", ("md", "# Pasted\n\nText."), ("md", "![x](attachment:x.png)"))
    nb = nbformat.read(path, as_version=4)
    nb.cells[1]["attachments"] = {"x.png": {"image/png": "iVBORw0KGgo="}}
    nbformat.write(nb, path)
    err = io.StringIO()
    assert build(book, stream=err) == 1
    assert "03-pasted.ipynb, cell 2: has pasted images (attachments)" in err.getvalue()
    assert "fissures.figures.save" in err.getvalue()


def test_headings_do_not_take_the_page_ids(book: Options):
    write_notebook(book.notebooks / "02-second.ipynb", ("md", "# Second chapter\n\n## Content\n\n## Content"))
    assert build(book, stream=io.StringIO()) == 0
    page = (book.out / "02-second.html").read_text(encoding="utf-8")
    assert page.count('id="content"') == 1 and 'id="content-2"' in page and 'id="content-3"' in page


def test_chapter_without_title_is_refused(book: Options):
    write_notebook(book.notebooks / "03-untitled.ipynb", ("md", "No heading here."))
    err = io.StringIO()
    assert build(book, stream=err) == 2
    assert "03-untitled.ipynb: the first markdown cell must start with the chapter's title" in err.getvalue()


def test_second_build_uses_the_cache_and_gives_the_same_bytes(book: Options):
    first = snapshot(book.out)
    err = io.StringIO()
    assert build(book, stream=err) == 0
    assert err.getvalue().count("cached") == 2
    assert snapshot(book.out) == first


def test_markdown_edit_reuses_outputs(book: Options):
    cells = list(FIRST)
    cells[0] = ("md", cells[0][1].replace("More words.", "Other words."))
    write_notebook(book.notebooks / "01-first.ipynb", *cells)
    err = io.StringIO()
    assert build(book, stream=err) == 0
    assert err.getvalue().count("cached") == 2
    assert "Other words." in (book.out / "01-first.html").read_text(encoding="utf-8")


def test_markdown_edit_gives_the_bytes_of_a_clean_build(book: Options, tmp_path: Path):
    cells = list(FIRST)
    cells[0] = ("md", "# The first chapter, retitled\n\nNew summary [@fixture-news].\n\n## Section\n\n## Section")
    cells.insert(1, ("md", "A new cell citing [@fixture-news] again."))
    write_notebook(book.notebooks / "01-first.ipynb", *cells)
    assert build(book, stream=io.StringIO()) == 0
    clean = Options(notebooks=book.notebooks, out=tmp_path / "clean", cache=tmp_path / "clean-cache",
                    figures=book.figures, data=book.data, force=True)
    assert build(clean, stream=io.StringIO()) == 0
    assert snapshot(book.out) == snapshot(clean.out)
    page = (book.out / "01-first.html").read_text(encoding="utf-8")
    assert 'id="section"' in page and 'id="section-2"' in page  # heading ids unique on the page


def test_markdown_edit_loads_neither_nbconvert_nor_pandas(book: Options, tmp_path: Path):
    write_notebook(book.notebooks / "02-second.ipynb", ("md", "# Second chapter\n\nIt says other things."),
                   *SECOND[1:])
    script = ("import io, sys, pathlib as p\n"
              "from fissures.publish.site import Options, build\n"
              f"o = Options(notebooks=p.Path({str(book.notebooks)!r}), out=p.Path({str(book.out)!r}), "
              f"cache=p.Path({str(book.cache)!r}), figures=p.Path({str(book.figures)!r}), data=p.Path({str(book.data)!r}))\n"
              "assert build(o, stream=io.StringIO()) == 0\n"
              "print(sorted(m for m in ('nbconvert', 'pandas', 'matplotlib', 'nbclient') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert "It says other things." in (book.out / "02-second.html").read_text(encoding="utf-8")


def test_damaged_render_caches_are_rebuilt(book: Options):
    first = snapshot(book.out)
    damaged = [p for folder in ("cells", "shared", "thumbnails", "evidence")
               for p in (book.cache / folder).rglob("*") if p.is_file()]
    assert damaged
    for path in damaged:
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2] + b"<damaged>")
    assert build(book, stream=io.StringIO()) == 0
    assert snapshot(book.out) == first


def test_data_edit_reexecutes_only_the_readers(book: Options):
    events = book.data / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace("a factory caught fire", "a plant burned"),
                      encoding="utf-8")
    err = io.StringIO()
    assert build(book, stream=err) == 0
    lines = err.getvalue().splitlines()
    assert any("01-first" in line and "executed" in line for line in lines)
    assert any("02-second" in line and "cached" in line for line in lines)


def test_corrupt_cache_entry_is_rebuilt(book: Options):
    for stored in book.cache.rglob("notebook.ipynb"):
        stored.write_text("{}", encoding="utf-8")
    err = io.StringIO()
    assert build(book, stream=err) == 0
    assert err.getvalue().count("executed") == 2


def test_only_builds_the_named_chapter(book: Options):
    book.only = ("second",)
    assert build(book, stream=io.StringIO()) == 0
    assert (book.out / "02-second.html").exists() and not (book.out / "01-first.html").exists()


def test_cli_rejects_bad_jobs(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli_main(["--jobs", "0"])
    assert exit_.value.code == 2
    assert "--jobs must be at least 1" in capsys.readouterr().err


def test_two_clean_builds_in_two_folders_give_the_same_bytes(built_book: Path, tmp_path: Path):
    base = tmp_path / "two"
    write_notebook(base / "notebooks" / "01-first.ipynb", *FIRST)
    write_notebook(base / "notebooks" / "02-second.ipynb", *SECOND)
    make_data_dir(base / "data")
    assert build(_options(base), stream=io.StringIO()) == 0
    sites = [snapshot(built_book / "site"), snapshot(base / "site")]
    assert sites[0].keys() == sites[1].keys()
    different = [name for name in sites[0] if sites[0][name] != sites[1][name]]
    assert different == []
    for name, data in sites[1].items():
        assert str(tmp_path).encode() not in data and str(built_book).encode() not in data, \
            f"{name} contains an absolute path"


PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", '<a href="javascript:alert(3)">click</a>',
            "<iframe src=\"javascript:alert(4)\"></iframe>", '<p onclick="alert(5)" style="position:fixed">x</p>',
            "<svg><script>alert(6)</script></svg>", "[link](javascript:alert(7))", "<style>body{display:none}</style>"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_html_is_sanitised(payload: str):
    from fissures.publish import export

    page = export.markdown_cell({"cell_type": "markdown", "source": f"Before.\n\n{payload}\n\nAfter."},
                                export._markdown(set()))
    lowered = page.lower()
    for bad in ("<script", "onerror", "onclick", "javascript:", "<iframe", "<style", "position:fixed", "alert("):
        assert bad not in lowered, f"{payload!r} left {bad!r}: {page}"
    assert "Before." in page and "After." in page


def test_sanitising_keeps_the_markup_chapters_use():
    from fissures.publish import export

    source = ('## A heading\n\n<aside class="in-brief" aria-label="In brief">\n\nShort.\n\n</aside>\n\n'
              'Text <sup class="cite">[<a href="sources.html#src-x" title="Source 1: x">1</a>]</sup>, '
              '*em*, `code`, [a link](https://example.org/a?b=1) and <span lang="fr">« mot »</span>.\n\n'
              '| a | b |\n|:--|--:|\n| 1 | 2 |\n\n> quoted\n\n- item')
    page = export.markdown_cell({"cell_type": "markdown", "source": source}, export._markdown(set()))
    for kept in ('<h2 id="a-heading">', '<aside class="in-brief" aria-label="In brief">', '<sup class="cite">',
                 '<a href="sources.html#src-x" title="Source 1: x">1</a>', "<em>em</em>", "<code>code</code>",
                 '<a href="https://example.org/a?b=1">', '<span lang="fr">', "<table>", 'style="text-align:right"',
                 "<blockquote>", "<li>item</li>"):
        assert kept in page, kept


def test_a_cell_that_prints_megabytes_publishes_a_capped_page(book: Options):
    write_notebook(book.notebooks / "02-second.ipynb", ("md", "# Second chapter\n\nIt prints a lot."),
                   ("code", "print('y' * 3_000_000)"))
    book.max_output = 200_000
    err = io.StringIO()
    assert build(book, stream=err) == 0
    warning = next(line for line in err.getvalue().splitlines() if line.startswith("warning:"))
    assert warning.endswith("02-second.ipynb, cell 2: output cut from 3.0 MB to 0.2 MB (--max-output)")
    page = (book.out / "02-second.html").read_text(encoding="utf-8")
    assert len(page.encode("utf-8")) < 400_000
    assert "Output truncated: this cell printed 3.0 MB" in page


def test_a_citation_in_a_code_span_is_left_alone():
    from fissures.publish import export

    chapter = export.Chapter("x", "X", "", "")
    md = export._markdown(set(), export.Citations({"fixture-news"}, "notebooks/x.ipynb", chapter.citations))
    page = export.markdown_cell({"cell_type": "markdown", "source": "Write `[@source-id]` to cite [@fixture-news]."}, md)
    assert "<code>[@source-id]</code>" in page and 'href="sources.html#src-fixture-news"' in page
    assert chapter.citations == ["fixture-news"]
