"""fissures.figures: saving, the <figure> markup, and the text twin (description and data) of every figure."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from fissures import figures, paths


def _fig() -> plt.Figure:
    fig, ax = plt.subplots(figsize=(2, 1))
    ax.plot([0, 1], [0, 1])
    return fig


def _rows() -> pd.DataFrame:
    return pd.DataFrame({"place": ["Shebekino <town>", "Grayvoron"], "status": ["confirmed", "claimed"],
                         "source_ids": ["fixture-news", "fixture-news;other"], "n": [2, 5]})


def test_save_writes_files_and_figure_markup(tmp_path):
    saved = figures.save(_fig(), "09-line", alt="A rising line.", caption="A line.", source="Fixture", folder=tmp_path)
    assert (tmp_path / "09-line.png").is_file() and (tmp_path / "09-line.svg").is_file()
    markup = saved.html['en']
    assert 'alt="A rising line."' in markup and "figure-data" not in markup  # no data given, no twin
    _, meta = saved._repr_mimebundle_()
    assert meta == {"fissures": {"figure": "09-line", "alt": "A rising line.", "caption": "A line.", "kind": "figure"}}


def test_save_with_data_adds_a_collapsed_escaped_twin(tmp_path):
    saved = figures.save(_fig(), "09-bars", alt="Bars.", caption="Two places. More words.", source="Fixture",
                         folder=tmp_path, data=_rows(), description="2 places <both> in Belgorod Oblast",
                         columns={"place": "Place", "status": "Status", "source_ids": "Sources", "n": "Events"})
    soup = BeautifulSoup(saved.html['en'], "html.parser")
    figure = soup.select_one("figure.fissures-figure")
    details = figure.select_one("details.figure-data")
    assert details is not None and details.find_previous_sibling("figcaption") is not None
    assert details.summary.get_text() == "The data behind this figure"
    assert details.select_one("p.figure-description").get_text() == "2 places <both> in Belgorod Oblast"
    table = details.select_one("table.data-table")
    assert [th.get_text() for th in table.select("th")] == ["Place", "Status", "Sources", "Events"]
    assert table.select("tbody tr")[0].td.get_text() == "Shebekino <town>"  # escaped, shown as text
    assert table.caption.get_text() == "Data for figure 09-bars: Two places"
    assert [a["href"] for a in table.select("a")] == ["sources.html#src-fixture-news"] * 2 + ["sources.html#src-other"]
    assert table.select_one("span.status-claimed") is not None
    assert "<both>" not in saved.html['en'] and "&lt;both&gt;" in saved.html['en']
    _, meta = saved._repr_mimebundle_()
    assert meta == {"fissures": {"figure": "09-bars", "alt": "Bars.", "caption": "Two places. More words.",
                                 "kind": "figure"}}


def test_save_passes_table_kwargs(tmp_path):
    rows = _rows().rename(columns={"source_ids": "source_id"})
    saved = figures.save(_fig(), "09-kw", alt="Bars.", caption="Two.", source="Fixture", folder=tmp_path, data=rows,
                         description="Two rows.", table_kwargs={"sources": ("source_id",), "status": ()})
    table = BeautifulSoup(saved.html['en'], "html.parser").select_one("details.figure-data table")
    assert table.select("a") and table.select_one("span.status") is None


@pytest.mark.parametrize("kwargs, message", [
    ({"description": "  "}, "description"),
    ({"data": [1, 2], "description": "x"}, "DataFrame"),
    ({"data": pd.DataFrame({"a": [1]}), "description": "x", "table_kwargs": {"colour": 1}}, "'colour'"),
    ({"alt": ""}, "alt"),
])
def test_save_bad_input(tmp_path, kwargs, message):
    args = {"alt": "Alt.", "caption": "Cap.", "source": "Src", "folder": tmp_path} | kwargs
    with pytest.raises(ValueError, match=message):
        figures.save(_fig(), "09-bad", **args)
    plt.close("all")


def test_bad_name():
    with pytest.raises(ValueError, match="'Fig 1'"):
        figures.check_name("Fig 1")


# --- The built site: every figure has its text twin ------------------------------------------------


def _pages() -> list:
    pages = sorted(paths.SITE.glob("*.html")) if paths.SITE.is_dir() else []
    pages = [p for p in pages if "fissures-figure" in p.read_text(encoding="utf-8")]
    if not pages:
        pytest.skip("the site is not built (run python build.py)")
    return pages


def test_every_figure_in_the_site_has_a_description_and_a_table():
    seen = 0
    for page in _pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for figure in soup.select("figure.fissures-figure"):
            seen += 1
            where = f"{page.name} #{figure.get('id')}"
            details = figure.select_one("details.figure-data")
            assert details is not None, f"{where}: no <details class='figure-data'>"
            assert details.summary is not None and details.summary.get_text(strip=True), f"{where}: no summary"
            description = details.select_one("p.figure-description")
            assert description is not None and description.get_text(strip=True), f"{where}: empty description"
            table = details.select_one("table")
            assert table is not None and table.select("tbody tr"), f"{where}: no table rows"
            assert table.caption is not None and table.caption.get_text(strip=True), f"{where}: table without caption"
    assert seen
