"""fissures.timeline on real evidence: windows, predictions, verdict counts, the figures, their words and the list."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from fissures import evidence, timeline
from tests.conftest import add_rows

EVENT = {"actor": "Unknown", "target": "", "source_ids": "fixture-news", "first_reported": "", "first_report_source": "",
         "status_note": "Set by the test, to show every status."}  # the status rule would give 'claimed'
LATE_SOURCE = {"source_id": "fixture-late", "publisher": "Fixture News", "title": "Later", "date": "2023-08-24",
               "url": "https://example.org/news/late", "kind": "news", "language": "en", "side": "independent"}
EVENTS = [
    dict(EVENT, event_id="2023-05-03-e-day", date="2023-05-03", date_precision="day", event_type="drone-attack",
         status="denied", claimed_by="Kremlin", place_id="shebekino", short_label="A drone",
         summary_en="First sentence. Second sentence."),
    dict(EVENT, event_id="2023-06-e-month", date="2023-06-01", date_precision="month", event_type="counter-offensive",
         status="confirmed", place_id="kharkiv", summary_en="A month-long push."),
    dict(EVENT, event_id="2022-04-01-e-early", date="2022-04-01", date_precision="day", event_type="other",
         status="claimed", claimed_by="Gov. X", place_id="belgorod-oblast", summary_en="Early."),
    dict(EVENT, event_id="2023-08-23-e-late", date="2023-08-23", date_precision="day", event_type="other",
         status="disputed", claimed_by="Side A", place_id="shebekino", summary_en="Late.", source_ids="fixture-late"),
]
PREDICTIONS = [
    {"claim_id": "c03", "paragraph": "p61", "quote_fr": "ces attaques ne sont pas susceptibles de créer un soulèvement",
     "quote_en": "not likely to create an uprising", "speaker_id": "kristian-gustafson", "kind": "prediction",
     "status": "opinion", "source_ids": "fixture-news", "verdict": "held", "verdict_source_ids": "fixture-news"},
    {"claim_id": "c04", "paragraph": "p10", "quote_fr": "alimenteront les luttes intestines au Kremlin",
     "quote_en": "will fuel infighting", "speaker_id": "the-sun", "kind": "prediction", "status": "opinion",
     "source_ids": "fixture-news", "verdict": "partly-held", "verdict_source_ids": "fixture-news"},
]


@pytest.fixture
def ev(data_dir):
    add_rows(data_dir, "sources", [LATE_SOURCE])
    add_rows(data_dir, "events", EVENTS)
    add_rows(data_dir, "claims", PREDICTIONS)
    return evidence.load(data_dir)


def test_last_dates_by_precision(ev):
    last = timeline.last_dates(ev.events)
    assert last["2023-05-03-e-day"] == pd.Timestamp("2023-05-03")
    assert last["2023-05-22-belgorod-raid"] == pd.Timestamp("2023-05-23")
    assert last["2023-06-e-month"] == pd.Timestamp("2023-06-30")


def test_events_in_window_keeps_overlaps_names_places_and_sorts(ev):
    frame = timeline.events_in_window(ev, "2023-05-23", "2023-06-06")
    assert list(frame.index) == ["2023-05-22-belgorod-raid", "2023-06-01-shebekino-shelling", "2023-06-e-month"]
    assert list(frame["place"]) == ["Belgorod Oblast", "Shebekino", "Kharkiv"]
    assert list(frame["when"]) == ["22–23 May 2023", "1 Jun 2023", "June 2023 (day unknown)"]
    assert list(frame["lane_label"]) == ["Cross-border raid", "Shelling", "Counter-offensive"]
    whole = timeline.events_in_window(ev, "2022-02-24", "2023-08-31")
    assert list(whole["date"]) == sorted(whole["date"])


@pytest.mark.parametrize("start, end, message", [
    ("2023-06-06", "2023-05-01", "start 2023-06-06 is not before end 2023-05-01"),
    ("2023-05-01", "2023-05-01", "start 2023-05-01 is not before end 2023-05-01"),
    ("not a date", "2023-05-01", "start 'not a date' is not a date"),
    ("2023-05-01", None, "end None is not a date"),
])
def test_events_in_window_rejects_bad_spans(ev, start, end, message):
    with pytest.raises(ValueError, match=message):
        timeline.events_in_window(ev, start, end)


def test_last_dates_rejects_unknown_precision(ev):
    events = ev.events.copy()
    events.loc["2023-05-03-e-day", "date_precision"] = "week"
    with pytest.raises(ValueError, match="'week'"):
        timeline.last_dates(events)


def test_short_label_is_the_data_column_else_the_kind(ev):
    assert timeline.short_label(ev.events.loc["2023-05-03-e-day"]) == "A drone"
    assert timeline.short_label(ev.events.loc["2023-06-e-month"]) == "Counter-offensive"


def test_predictions_skip_the_pull_quote_and_name_speakers(ev):
    preds = timeline.predictions(ev)
    assert list(preds.index) == ["c02", "c03", "c04"]
    assert list(preds["speaker"]) == ["Kristian Gustafson", "Kristian Gustafson", "The Sun Online"]
    assert list(preds["verdict_label"]) == ["too early to tell", "held", "partly held"]


def test_verdict_counts_every_verdict_in_order(ev):
    counts = timeline.verdict_counts(timeline.predictions(ev))
    assert list(counts.index) == ["held", "partly-held", "did-not-hold", "too-early"]
    assert counts.loc["did-not-hold"].sum() == 0 and counts.to_numpy().sum() == 3
    assert list(counts.columns) == ["Kristian Gustafson", "The Sun Online"]


def _texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts + ax.get_yticklabels() + ax.get_xticklabels()]


def test_draw_timeline_one_lane_per_type_labels_and_publication(ev):
    fig = timeline.draw_timeline(ev.events, "2023-05-01", "2023-06-30", title="T", publication="2023-06-03",
                                 annotate=["2023-05-03-e-day"])
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Counter-offensive", "Cross-border raid", "Shelling",
                                                             "Drone attack"]
    texts = _texts(fig)
    assert "A drone" in texts and "article published (c. 3 Jun 2023)" in texts
    assert any(re.fullmatch(r"\d{1,2} (May|Jun)", t) for t in texts)  # dates on the axis, in words
    plt.close(fig)


@pytest.mark.parametrize("kwargs, message", [
    ({"title": ""}, "title"),
    ({"annotate": ["no-such-event"]}, "'no-such-event'"),
])
def test_draw_timeline_rejects_bad_input(ev, kwargs, message):
    args = {"title": "T"} | kwargs
    with pytest.raises(ValueError, match=message):
        timeline.draw_timeline(ev.events, "2023-05-01", "2023-06-30", **args)


def test_draw_timeline_rejects_unknown_status_and_missing_columns(ev):
    events = ev.events.copy()
    events.loc["2023-05-03-e-day", "status"] = "rumoured"
    with pytest.raises(ValueError, match="'rumoured'"):
        timeline.draw_timeline(events, "2023-05-01", "2023-06-30", title="T")
    with pytest.raises(ValueError, match="'status'"):
        timeline.draw_timeline(ev.events.drop(columns="status"), "2023-05-01", "2023-06-30", title="T")


def test_describe_says_what_the_figure_draws(ev):
    text = timeline.describe(ev.events, "2023-05-01", "2023-06-30", publication="2023-06-03")
    frame = timeline.events_in_window(ev, "2023-05-01", "2023-06-30")
    assert f"with {len(frame)} events on 4 lanes" in text
    assert "drone attack 1, shelling 1, cross-border raid 1, counter-offensive 1" in text  # the palette's order
    assert "By status: 2 confirmed, 1 claimed, 1 denied." in text
    assert "about 3 June 2023); 0 events began after it" in text


def test_verdicts_figure_table_and_words_agree(ev):
    preds = timeline.predictions(ev)
    table = timeline.verdict_table(preds)
    assert list(table["predictions"]) == [1, 1, 0, 1]
    assert list(table["by_speaker"]) == ["1 by Kristian Gustafson", "1 by The Sun Online", "none",
                                         "1 by Kristian Gustafson"]
    text = timeline.describe_verdicts(preds)
    assert text.startswith("Horizontal bars counting the article's 3 predictions")
    assert "held: 1 (1 by Kristian Gustafson); partly held: 1 (1 by The Sun Online)" in text
    fig = timeline.draw_verdicts(preds, title="T")
    assert "3 in all" not in _texts(fig) and "1 in all" in _texts(fig) and "none" in _texts(fig)
    plt.close(fig)
    with pytest.raises(ValueError, match="nothing to count"):
        timeline.draw_verdicts(preds.iloc[0:0], title="T")


def test_vertical_list_one_item_per_event_oldest_first(ev):
    frame = timeline.events_in_window(ev, "2022-02-24", "2023-08-31")
    shown = timeline.vertical_list(ev, frame, label="All events")
    soup = BeautifulSoup(shown.html["en"], "html.parser")
    items = soup.select("ol.timeline-list > li")
    assert len(items) == len(frame) and soup.ol["aria-label"] == "All events"
    dates = [li.time["datetime"] for li in items]
    assert dates == sorted(dates) and dates[0] == "2022-04-01"
    first = items[0]
    assert first.select_one(".timeline-claimed").get_text() == "Claimed by Gov. X."
    assert first.select_one("span.status-claimed") is not None
    drone = next(li for li in items if li.time["datetime"] == "2023-05-03")
    assert drone.select_one(".timeline-summary").get_text().startswith("First sentence.")
    assert "Second sentence" not in drone.get_text()  # one line on a phone


def test_vertical_list_keeps_its_size(ev):
    many = pd.concat([ev.events] * 60)
    shown = timeline.vertical_list(ev, many, label="Many")
    soup = BeautifulSoup(shown.html["en"], "html.parser")
    assert len(soup.select("li")) == 100
    assert "Showing the first 100 of 360 rows" in soup.select_one("p.table-more").get_text()


def test_vertical_list_bad_input(ev):
    events = ev.events.copy()
    events.loc["2023-05-03-e-day", "place_id"] = "atlantis"
    with pytest.raises(ValueError, match="'atlantis'"):
        timeline.vertical_list(ev, events, label="x")
