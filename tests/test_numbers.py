"""fissures.numbers: one figure, one wording, everywhere; the table, the dot plot and its words agree."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from matplotlib.figure import Figure

from fissures import evidence, numbers, paths
from tests.conftest import add_rows

EXTRA = [
    {"number_id": "n2", "event_id": "2023-06-01-shebekino-shelling", "measure": "evacuated", "value": "2500",
     "qualifier": "over", "given_by": "Gov. Vyacheslav Gladkov (Telegram)", "source_id": "fixture-news", "note": ""},
    {"number_id": "n3", "event_id": "2023-06-01-shebekino-shelling", "measure": "evacuated", "value": "4000",
     "value_max": "5000", "qualifier": "range", "given_by": "Belgorod's mayor", "source_id": "fixture-news", "note": ""},
    {"number_id": "n4", "event_id": "2023-06-01-shebekino-shelling", "measure": "other-town-population",
     "value": "40000", "qualifier": "about", "given_by": "Agency copy", "source_id": "fixture-news", "note": ""},
]


@pytest.fixture
def ev(data_dir):
    add_rows(data_dir, "numbers", EXTRA)
    return evidence.load(data_dir)


def test_one_wording_per_qualifier(ev):
    table = numbers.rows(ev, ["n1", "n2", "n3", "n4"])
    assert list(table["figure"]) == ["about 40,000", "more than 2,500", "4,000–5,000", "about 40,000"]
    assert list(table["who"]) == ["The Sun", "Gov. Vyacheslav Gladkov", "Belgorod's mayor", "Agency copy"]
    assert list(table["strip"]) == ["Shebekino shelled, 1 Jun"] * 4
    assert list(table["reported"].dt.strftime("%Y-%m-%d")) == ["2023-06-02", "2023-06-01", "2023-06-01", "2023-06-01"]


def test_roles_single_out_the_article_and_other_counts(ev):
    assert numbers.roles(numbers.rows(ev, ["n1", "n2", "n3", "n4"])) == ["article", "source", "source", "comparison"]


def test_table_marks_each_row_with_its_number(ev):
    markup = numbers.table(ev, ["n1", "n2"], "Evacuated").html["en"]
    assert 'data-row="n1"' in markup and 'class="figure">about 40,000</td>' in markup
    assert 'class="figure">more than 2,500</td>' in markup


def test_chart_words_match_its_rows(ev):
    panels = {"People evacuated": ["n1", "n2", "n3", "n4"]}
    drawn = numbers.panels_table(ev, panels)
    fig = numbers.draw(ev, panels, title="T", source="S")
    assert isinstance(fig, Figure)
    texts = {t.get_text() for ax in fig.axes for t in ax.texts}
    for _i, row in drawn.iterrows():
        assert any(row["figure"] in t for t in texts), row["figure"]
    description = numbers.describe(drawn)
    for figure in drawn["figure"]:
        assert figure in description
    assert "(the article)" in description and "(a related count)" in description
    assert numbers.alt(drawn) == ("Dot plot, one dot per source. People evacuated: the article says about 40,000; "
                                  "2 figures from other sources (2,500 to 4,000).")


def test_unknown_number_is_named(ev):
    with pytest.raises(ValueError, match="number id 'n99' is not in data/numbers.csv"):
        numbers.rows(ev, ["n99"])


class _Figures(HTMLParser):
    """The figure cell of every row marked with a number id."""

    def __init__(self):
        super().__init__()
        self.row, self.in_figure, self.found = None, False, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self.row = attrs.get("data-row")
        if tag == "td" and attrs.get("class") == "figure" and self.row:
            self.in_figure = True
            self.found.setdefault(self.row, []).append("")

    def handle_endtag(self, tag):
        if tag == "td":
            self.in_figure = False

    def handle_data(self, data):
        if self.in_figure:
            self.found[self.row][-1] += data


def test_every_contested_number_reads_the_same_on_every_page(real_ev):
    """Each number row of numbers.csv prints one text on every page of the built site that shows it."""
    site = paths.SITE
    if not (site / "index.html").exists():
        pytest.skip("site/ is not built; run `python build.py` first")
    seen: dict[str, set[str]] = {}
    for page in sorted(site.glob("*.html")):
        parser = _Figures()
        parser.feed(page.read_text(encoding="utf-8"))
        for number_id, cells in parser.found.items():
            seen.setdefault(number_id, set()).update(re.sub(r"\s+", " ", cell).strip() for cell in cells)
    assert seen, "no page shows a contested number"
    for number_id, texts in seen.items():
        assert texts == {numbers.figure_text(real_ev.numbers.loc[number_id])}, number_id


def test_a_count_is_a_series_in_the_order_its_figures_were_given(data_dir):
    later = dict(EXTRA[0], number_id="n5", value="4000", reported_on="2023-06-01")  # the same governor, updated
    add_rows(data_dir, "numbers", [dict(EXTRA[0], reported_on="2023-06-01"), later,
                                   dict(EXTRA[2], reported_on="2023-06-01")])
    ev = evidence.load(data_dir)
    frame = numbers.series(ev)
    assert list(frame["number_id"]) == ["n2", "n5", "n1"]  # n4 counts another thing, once: not a series
    assert list(frame["reported"].dt.strftime("%Y-%m-%d")) == ["2023-06-01", "2023-06-01", "2023-06-02"]
    assert set(frame["count"]) == {"people evacuated or displaced: Shebekino shelled, 1 Jun"}
    shown = numbers.series_table(ev, "Series")._repr_html_()
    assert shown.index('data-row="n2"') < shown.index('data-row="n5"') < shown.index('data-row="n1"')
