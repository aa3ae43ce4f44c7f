"""Tests for fissures.hindsight: what was known when, the polls, and evidence for and against."""

from __future__ import annotations

import dataclasses

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from fissures import evidence, hindsight


@pytest.fixture
def ev(data_dir):
    """The fixture evidence, with an article publication date (the fixture metadata has none)."""
    loaded = evidence.load(data_dir)
    return dataclasses.replace(loaded, article={**loaded.article, "published": "2023-06-03"})


WINDOW = ("2023-04-24", "2023-07-16")
SPAN = ("2022-01-01", "2023-12-31")



@pytest.mark.parametrize("which", ["real", "fixture"])
def test_later_status_source_is_a_known_source_with_matching_date(which, data_dir):
    loaded = evidence.load() if which == "real" else evidence.load(data_dir)
    events, sources = loaded.events, loaded.sources
    for event_id, row in events.iterrows():
        source, date = row["later_status_source"], row["later_status_date"]
        assert bool(source) == pd.notna(date), f"{event_id}: later_status_date and _source must be set together"
        if source:
            assert source in sources.index, f"{event_id}: later_status_source {source!r} is not in sources.csv"
            assert date == sources.loc[source, "date"], f"{event_id}: later_status_date is not {source}'s date"
            assert date >= row["date"], f"{event_id}: later_status_date {date} is before the event"


def test_every_article_event_has_a_first_report_in_the_real_data():
    events = evidence.load().events
    used = events[events["article_paragraphs"] != ""]
    assert used["first_reported"].notna().all()
    assert (used["first_report_source"] != "").all()


# --- 1. known when ------------------------------------------------------------------------------------------


def test_known_when_has_one_row_per_article_event(ev):
    frame = hindsight.known_when(ev)
    assert list(frame.columns) == list(hindsight.KNOWN_COLUMNS)
    assert set(frame["event_id"]) == {"2023-06-01-shebekino-shelling", "2023-05-22-belgorod-raid"}
    raid = frame.set_index("event_id").loc["2023-05-22-belgorod-raid"]
    assert raid["later_lag_days"] == 10 and not raid["later_after_article"]
    assert pd.isna(raid["report_lag_days"])
    shelling = frame.set_index("event_id").loc["2023-06-01-shebekino-shelling"]
    assert shelling["report_lag_days"] == 0 and shelling["label"] == "Shebekino shelled"


def test_known_when_never_counts_what_was_learned_later(data_dir):
    from tests.conftest import add_rows

    add_rows(data_dir, "sources", [{"source_id": "fixture-inquiry", "publisher": "Fixture News", "title": "Inquiry",
                                    "date": "2024-02-01", "url": "https://example.org/inquiry", "kind": "news",
                                    "language": "en", "side": "independent"}])
    path = data_dir / "events.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("p43,,,2023-06-01,fixture-news",
                                                             "p43,,,2024-02-01,fixture-inquiry"), encoding="utf-8")
    loaded = evidence.load(data_dir)
    frame = hindsight.known_when(dataclasses.replace(loaded, article={**loaded.article, "published": "2023-06-03"}))
    raid = frame.set_index("event_id").loc["2023-05-22-belgorod-raid"]
    assert pd.isna(raid["later_status_date"]) and not raid["later_after_article"]
    assert "fixture-inquiry" in evidence.learned_later(loaded) and evidence.source_later("fixture-inquiry")


def test_describe_known_when_numbers_match_the_frame(ev):
    frame = hindsight.known_when(ev)
    text = hindsight.describe_known_when(frame)
    n = len(frame)
    same_day = int((frame["report_lag_days"] == 0).sum())
    later = int(frame["later_status_date"].notna().sum())
    after = int(frame["later_after_article"].sum())
    missing = int(frame["first_reported"].isna().sum())
    assert text.startswith(f"Of {n} events the article relies on, {same_day} were first reported")
    assert f"For {later} of them" in text
    assert (f"{later - after} before publication and {after} after it" in text) if after else "all before" in text
    assert f"{missing} event with no first report recorded" in text
    # counted a second way, straight from the rows
    assert (n, same_day, later, missing) == (2, 1, 1, 1)


def test_describe_known_when_on_the_real_data_counts_twice():
    loaded = evidence.load()
    frame = hindsight.known_when(loaded)
    text = hindsight.describe_known_when(frame)
    used = loaded.events[loaded.events["article_paragraphs"] != ""]
    published = pd.Timestamp(loaded.article["published"])
    assert f"Of {len(used)} events" in text
    assert f"{int((used['first_reported'] == used['date']).sum())} were first reported on the day" in text
    assert f"For {int(used['later_status_date'].notna().sum())} of them" in text
    assert f"and {int((used['later_status_date'] > published).sum())} after it" in text


def test_known_when_rejects_a_missing_publication_date(data_dir):
    loaded = evidence.load(data_dir)
    bad = dataclasses.replace(loaded, article={**loaded.article, "published": "early June"})
    with pytest.raises(ValueError, match="'early June'"):
        hindsight.known_when(bad)


def test_known_when_frame_functions_name_missing_columns(ev):
    frame = hindsight.known_when(ev).drop(columns=["later_status_date"])
    with pytest.raises(ValueError, match="later_status_date"):
        hindsight.describe_known_when(frame)
    with pytest.raises(ValueError, match="later_status_date"):
        hindsight.draw_known_when(frame, WINDOW, title="T", source="S")
    with pytest.raises(ValueError, match="no rows"):
        hindsight.describe_known_when(hindsight.known_when(ev).iloc[0:0])


def test_draw_known_when_labels_rows_and_the_article(ev):
    fig = hindsight.draw_known_when(hindsight.known_when(ev), WINDOW, title="T", source="S")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Belgorod raid", "Shebekino shelled"]  # oldest on top
    texts = [t.get_text() for t in ax.texts]
    assert "← what the author could know" in texts and "article (3 Jun 2023) → hindsight" in texts
    plt.close(fig)


# --- 2. opinion ---------------------------------------------------------------------------------------------


def test_opinion_table_keeps_months_and_gaps(ev):
    table = hindsight.opinion_table(ev, SPAN)
    levada = table[table["pollster"] == "Levada Center"]
    assert list(levada["month"].dt.strftime("%Y-%m")) == ["2023-05", "2023-07"]
    assert list(levada["month_label"]) == ["May 2023", "July 2023"]
    series = hindsight._monthly(levada, (pd.Timestamp(SPAN[0]), pd.Timestamp(SPAN[1])))
    assert pd.isna(series[pd.Timestamp("2023-06-15")])  # June is a gap, not interpolated
    assert series[pd.Timestamp("2023-05-15")] == 82


def test_opinion_table_rejects_a_bad_month(ev):
    opinion = ev.opinion.copy()
    opinion["month"] = ["2023-13", "2023-07", "2023-06"]
    with pytest.raises(ValueError, match="'2023-13'"):
        hindsight.opinion_table(dataclasses.replace(ev, opinion=opinion), SPAN)


def test_describe_opinion_numbers_match_the_table(ev):
    text = hindsight.describe_opinion(ev, SPAN)
    table = hindsight.opinion_table(ev, SPAN)
    levada = table[table["pollster"] == "Levada Center"]
    others = table[table["pollster"] != "Levada Center"]
    assert f"for {len(levada)} months" in text
    assert f"of 2022–2023; approval ranged from {levada['approve_pct'].min()}% (July 2023)" in text
    assert f"to {levada['approve_pct'].max()}% (May 2023)" in text
    assert f"{len(others)} reading from other pollsters" in text
    assert (len(levada), len(others)) == (2, 1)
    assert "contested" in text and "50%" in text


def test_draw_opinion_marks_the_events_it_is_given(ev):
    fig = hindsight.draw_opinion(ev, SPAN, {"2023-05-22-belgorod-raid": (93, "left")}, title="T", source="S")
    ax = fig.axes[0]
    assert ax.get_ylim() == hindsight.OPINION_YLIM
    assert "50%" in ax.get_ylabel()
    assert "Belgorod raid" in [t.get_text() for t in ax.texts]
    plt.close(fig)
    with pytest.raises(ValueError, match="'no-such-event'"):
        hindsight.draw_opinion(ev, SPAN, {"no-such-event": (90, "left")}, title="T", source="S")


# --- 3. for and against -------------------------------------------------------------------------------------


def test_for_and_against_orders_thesis_first(ev):
    frame = hindsight.for_and_against(ev)
    assert list(frame["node_id"]) == ["thesis", "thesis", "m-one", "m-one"]
    assert set(hindsight.FOR_COLUMNS) <= set(frame.columns)
    assert list(frame["direction_label"]) == ["supports", "cuts against", "supports", "supports"]
    counts = hindsight.evidence_counts(frame)
    assert counts.loc["thesis", "supports"] == 1 and counts.loc["thesis", "cuts-against"] == 1
    assert counts.loc["m-one", "supports"] == 2 and counts.loc["m-one", "cuts-against"] == 0


def test_describe_for_and_against_numbers_match_the_frame(ev):
    frame = hindsight.for_and_against(ev)
    text = hindsight.describe_for_and_against(ev)
    supports = int((frame["direction"] == "supports").sum())
    against = int((frame["direction"] == "cuts-against").sum())
    sources = {s for cell in frame["source_ids"] for s in evidence.split_ids(cell)}
    assert f"We compiled {len(frame)} pieces" in text
    assert f"from {len(sources)} sources" in text
    assert f"{supports} support" in text and f"{against} cut against" in text
    assert "the thesis (1 for, 1 against)" in text and "Narrative broken (2 for, 0 against)" in text
    assert (len(frame), supports, against, len(sources)) == (4, 3, 1, 2)


def test_evidence_counts_rejects_a_bad_direction(ev):
    frame = hindsight.for_and_against(ev)
    frame.loc[0, "direction"] = "neutral"
    with pytest.raises(ValueError, match="'neutral'"):
        hindsight.evidence_counts(frame)


def test_draw_for_and_against_labels_each_bar(ev):
    fig = hindsight.draw_for_and_against(ev, title="T", source="S")
    ax = fig.axes[0]
    counts = hindsight.evidence_counts(hindsight.for_and_against(ev))
    bar_labels = [t.get_text() for t in ax.texts if t.get_text().isdigit()]
    assert len(bar_labels) == 2 * len(counts)
    assert sorted(map(int, bar_labels)) == sorted(counts["supports"].tolist() + counts["cuts-against"].tolist())
    plt.close(fig)
