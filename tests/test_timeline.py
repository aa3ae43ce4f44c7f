"""Tests for fissures.timeline: windows, predictions, verdict counts, and the figures' guards."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from fissures import evidence, timeline


def _events() -> pd.DataFrame:
    rows = [
        ("e-day", "2023-05-03", None, "day", "drone-attack", "denied", "moscow"),
        ("e-range", "2023-05-22", "2023-05-23", "range", "cross-border-raid", "confirmed", "grayvoron"),
        ("e-month", "2023-06-01", None, "month", "counter-offensive", "confirmed", "zaporizhzhia"),
        ("e-early", "2022-04-01", None, "day", "other", "claimed", "belgorod"),
        ("e-late", "2023-08-23", None, "day", "other", "disputed", "moscow"),
    ]
    frame = pd.DataFrame(rows, columns=["event_id", "date", "end_date", "date_precision", "event_type", "status",
                                        "place_id"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["end_date"] = pd.to_datetime(frame["end_date"])
    frame["summary_en"] = "summary of " + frame["event_id"]
    return frame.set_index("event_id", drop=False).rename_axis(None)


def _ev(**changes) -> SimpleNamespace:
    places = pd.DataFrame({"name_en": ["Moscow", "Grayvoron district", "Zaporizhzhia", "Belgorod"]},
                          index=["moscow", "grayvoron", "zaporizhzhia", "belgorod"])
    claims = pd.DataFrame({
        "kind": ["prediction", "fact", "prediction", "prediction"],
        "quote_fr": ["a", "b", "c", "d"], "quote_en": ["A", "B", "C", "D"],
        "speaker_id": ["expert", "the-sun", "expert", "the-sun"],
        "verdict": ["held", "", "did-not-hold", "held"],
        "verdict_source_ids": ["s1", "", "s2", "s1;s2"],
    }, index=["c1", "c2", "c3", "c4"])
    people = pd.DataFrame({"name": ["Dr Expert", "The Sun Online"]}, index=["expert", "the-sun"])
    sources = pd.DataFrame({"date": pd.to_datetime(["2023-06-02"])}, index=[evidence.ARTICLE_SOURCE])
    parts = {"events": _events(), "places": places, "claims": claims, "people": people, "sources": sources,
             "article": {"published": "2023-06-03"}}
    parts.update(changes)
    return SimpleNamespace(**parts)


def test_last_dates_by_precision():
    last = timeline.last_dates(_events())
    assert last["e-day"] == pd.Timestamp("2023-05-03")
    assert last["e-range"] == pd.Timestamp("2023-05-23")
    assert last["e-month"] == pd.Timestamp("2023-06-30")


def test_events_in_window_keeps_overlaps_and_names_places():
    frame = timeline.events_in_window(_ev(), "2023-05-23", "2023-06-06")
    assert list(frame.index) == ["e-range", "e-month"]  # the raid's last day and the month both overlap
    assert list(frame["place"]) == ["Grayvoron district", "Zaporizhzhia"]
    assert list(frame["when"]) == ["22–23 May 2023", "June 2023 (day unknown)"]


@pytest.mark.parametrize("first, last, precision, text", [
    ("2023-05-03", "2023-05-03", "day", "3 May 2023"),
    ("2023-05-22", "2023-05-23", "range", "22–23 May 2023"),
    ("2023-05-31", "2023-06-02", "range", "31 May – 2 Jun 2023"),
    ("2023-06-01", "2023-06-30", "month", "June 2023 (day unknown)"),
])
def test_when_reads_like_a_date(first, last, precision, text):
    assert timeline.when(first, last, precision) == text


def test_events_in_window_sorted_by_date():
    frame = timeline.events_in_window(_ev(), timeline.WAR_START, timeline.EPILOGUE_END)
    assert list(frame.index) == ["e-early", "e-day", "e-range", "e-month", "e-late"]


@pytest.mark.parametrize("start, end, message", [
    ("2023-06-06", "2023-05-01", "start 2023-06-06 is not before end 2023-05-01"),
    ("2023-05-01", "2023-05-01", "start 2023-05-01 is not before end 2023-05-01"),
    ("not a date", "2023-05-01", "start 'not a date' is not a date"),
    ("2023-05-01", None, "end None is not a date"),
])
def test_events_in_window_rejects_bad_spans(start, end, message):
    with pytest.raises(ValueError, match=message):
        timeline.events_in_window(_ev(), start, end)


def test_events_in_window_names_missing_columns_and_places():
    with pytest.raises(ValueError, match="'status'"):
        timeline.events_in_window(_ev(events=_events().drop(columns="status")), "2023-05-01", "2023-06-06")
    events = _events()
    events.loc["e-day", "place_id"] = "atlantis"
    with pytest.raises(ValueError, match="'atlantis'"):
        timeline.events_in_window(_ev(events=events), "2023-05-01", "2023-06-06")


def test_last_dates_rejects_unknown_precision():
    events = _events()
    events.loc["e-day", "date_precision"] = "week"
    with pytest.raises(ValueError, match="'week'"):
        timeline.last_dates(events)


def test_publication_date_from_metadata_then_sources():
    assert timeline.publication_date(_ev()) == pd.Timestamp("2023-06-03")
    assert timeline.publication_date(_ev(article={})) == pd.Timestamp("2023-06-02")
    with pytest.raises(ValueError, match="no publication date"):
        timeline.publication_date(_ev(article={}, sources=pd.DataFrame({"date": []})))


def test_predictions_only_kind_prediction_with_names():
    preds = timeline.predictions(_ev())
    assert list(preds.index) == ["c1", "c3", "c4"]
    assert list(preds["speaker"]) == ["Dr Expert", "Dr Expert", "The Sun Online"]


def test_predictions_rejects_unknown_speaker_and_verdict():
    claims = _ev().claims.copy()
    claims.loc["c1", "speaker_id"] = "nobody"
    with pytest.raises(ValueError, match="'nobody'"):
        timeline.predictions(_ev(claims=claims))
    claims = _ev().claims.copy()
    claims.loc["c1", "verdict"] = "maybe"
    with pytest.raises(ValueError, match="'maybe'"):
        timeline.predictions(_ev(claims=claims))


def test_verdict_counts_every_verdict_in_order():
    counts = timeline.verdict_counts(timeline.predictions(_ev()))
    assert list(counts.index) == list(timeline.VERDICTS)
    assert counts.loc["held"].to_dict() == {"Dr Expert": 1, "The Sun Online": 1}
    assert counts.loc["too-early"].sum() == 0
    assert int(counts.to_numpy().sum()) == 3


def test_draw_timeline_returns_figure_with_one_lane_per_type():
    fig = timeline.draw_timeline(_events(), "2023-05-01", "2023-06-06", title="Window",
                                 annotate={"e-day": "Kremlin"}, publication="2023-06-03")
    ax = fig.axes[0]
    lanes_top_down = [t.get_text() for t in ax.get_yticklabels()][::-1]
    assert lanes_top_down == ["Drone attack", "Cross-border raid", "Counter-offensive"]
    texts = [t.get_text() for t in ax.texts]
    assert "Kremlin" in texts and "after the article" in texts
    plt.close(fig)


@pytest.mark.parametrize("kwargs, message", [
    ({"start": "2023-06-06", "end": "2023-05-01"}, "start 2023-06-06 is not before end 2023-05-01"),
    ({"annotate": {"e-nope": "x"}}, "'e-nope'"),
    ({"annotate": {"e-early": "x"}}, "'e-early'"),  # exists, but outside the window
    ({"publication": "soon"}, "publication 'soon' is not a date"),
    ({"title": " "}, "title ' ' is empty"),
    ({"highlight": ("2023-05-10", "2023-05-09")}, "start 2023-05-10 is not before end 2023-05-09"),
])
def test_draw_timeline_rejects_bad_input(kwargs, message):
    args = {"start": "2023-05-01", "end": "2023-06-06", "title": "Window"} | kwargs
    with pytest.raises(ValueError, match=message):
        timeline.draw_timeline(_events(), args.pop("start"), args.pop("end"), **args)


def test_draw_timeline_rejects_unknown_status_and_missing_columns():
    events = _events()
    events.loc["e-day", "status"] = "rumoured"
    with pytest.raises(ValueError, match="'rumoured'"):
        timeline.draw_timeline(events, "2023-05-01", "2023-06-06", title="Window")
    with pytest.raises(ValueError, match="'date_precision'"):
        timeline.draw_timeline(_events().drop(columns="date_precision"), "2023-05-01", "2023-06-06", title="W")


def test_draw_verdicts_counts_bars_and_rejects_empty():
    preds = timeline.predictions(_ev())
    fig = timeline.draw_verdicts(preds, title="Verdicts")
    ax = fig.axes[0]
    by_height = dict(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels())))
    assert by_height[max(by_height)] == "held"  # the top bar
    plt.close(fig)
    with pytest.raises(ValueError, match="empty"):
        timeline.draw_verdicts(preds.iloc[0:0], title="Verdicts")


def test_on_the_fixture_evidence(data_dir):
    ev = evidence.load(data_dir)
    assert timeline.publication_date(ev) == pd.Timestamp("2023-06-02")  # fixture metadata has no date
    frame = timeline.events_in_window(ev, *timeline.WINDOW)
    assert list(frame.index) == ["2023-05-22-belgorod-raid", "2023-06-01-shebekino-shelling"]
    assert list(frame["place"]) == ["Belgorod Oblast", "Shebekino"]
    preds = timeline.predictions(ev)
    assert list(preds["verdict"]) == ["too-early"]
    fig = timeline.draw_timeline(frame, *timeline.WINDOW, title="Fixture", publication=timeline.publication_date(ev))
    plt.close(fig)


# --- Text twins: each description matches the table it describes --------------------------------

import re  # noqa: E402

from bs4 import BeautifulSoup  # noqa: E402

from fissures import style  # noqa: E402


def _described_timeline(text: str) -> dict:
    """The counts ``describe`` gives, read back out of its words."""
    head = re.search(r"with (\d+) events? on (\d+) lanes?, one per event type \(([^)]*)\)", text)
    lanes = {label: int(n) for label, n in (part.rsplit(" ", 1) for part in head.group(3).split(", "))}
    statuses = re.search(r"By status: ([^.]*)\.", text).group(1)
    after = re.search(r"(\d+) events? began after it", text)
    return {"events": int(head.group(1)), "lanes": int(head.group(2)), "per_lane": lanes,
            "status": {s: int(n) for n, s in re.findall(r"(\d+) (\w+)", statuses)},
            "after": int(after.group(1)) if after else None}


@pytest.mark.parametrize("span", [("2023-05-01", "2023-06-06"), ("2022-02-24", "2023-08-31"),
                                  ("2023-06-03", "2023-08-31")])
def test_describe_matches_the_rows_drawn(span):
    ev = _ev()
    table = timeline.events_in_window(ev, *span)
    said = _described_timeline(timeline.describe(ev.events, *span, publication="2023-06-03"))
    assert said["events"] == len(table)
    assert said["lanes"] == table["lane_label"].nunique()
    assert said["per_lane"] == {lane.lower(): int(n) for lane, n in table["lane_label"].value_counts().items()}
    assert said["status"] == {s: int(n) for s, n in table["status"].value_counts().items()}
    assert said["after"] == int((pd.to_datetime(table["date"]) > pd.Timestamp("2023-06-03")).sum())


def test_describe_matches_on_the_fixture_evidence(data_dir):
    ev = evidence.load(data_dir)
    span = (timeline.WAR_START, timeline.EPILOGUE_END)
    table = timeline.events_in_window(ev, *span)
    said = _described_timeline(timeline.describe(ev.events, *span))
    assert said["events"] == len(table) == len(ev.events)
    assert said["status"] == {s: int(n) for s, n in table["status"].value_counts().items()}
    assert set(table.columns) >= set(timeline.TABLE_COLUMNS)


def _described_verdicts(text: str) -> dict:
    total = int(re.search(r"the article's (\d+) predictions", text).group(1))
    labels = "|".join(re.escape(label) for label in style.VERDICT_LABELS.values())
    found = {m.group(1): (int(m.group(2)), m.group(3) or "none")
             for m in re.finditer(rf"({labels}): (\d+)(?: \(([^)]*)\))?", text)}
    return {"total": total, "verdicts": found}


def test_describe_verdicts_matches_verdict_table():
    preds = timeline.predictions(_ev())
    table = timeline.verdict_table(preds)
    said = _described_verdicts(timeline.describe_verdicts(preds))
    assert said["total"] == table["predictions"].sum() == 3
    assert said["verdicts"] == {r["verdict_label"]: (r["predictions"], r["by_speaker"]) for _, r in table.iterrows()}
    assert list(table["verdict"]) == list(timeline.VERDICTS)


# --- The vertical timeline ---------------------------------------------------------------------------


def _listed_events():
    ev = _ev()
    events = ev.events.assign(claimed_by=["Russian MoD", "", "", "Gov. <Gladkov>", "Someone"],
                              source_ids=["s1;s2", "s1", "", "s2", "s1"])
    return ev, events


def test_vertical_list_one_item_per_event_oldest_first():
    ev, events = _listed_events()
    listing = timeline.vertical_list(ev, events.iloc[::-1], label="All <events>")
    soup = BeautifulSoup(listing._repr_html_(), "html.parser")
    ol = soup.select_one("ol.timeline-list")
    assert ol["aria-label"] == "All <events>"
    items = ol.select("li")
    assert len(items) == listing.rows == 5
    assert [li.time["datetime"] for li in items] == ["2022-04-01", "2023-05-03", "2023-05-22", "2023-06-01", "2023-08-23"]
    first = items[0]
    assert first.select_one(".timeline-place").get_text() == "Belgorod"
    assert first.select_one("span.status-claimed") is not None
    assert "Claimed by Gov. <Gladkov>." in first.get_text()  # escaped in the markup, shown as text
    assert items[2].time.get_text() == "22–23 May 2023"
    assert [a["href"] for a in items[1].select("a")] == ["sources.html#src-s1", "sources.html#src-s2"]
    assert items[3].select_one(".timeline-sources") is None  # no sources, no empty line
    assert "Claimed by" not in items[2].get_text()  # confirmed: nobody to name
    assert "<Gladkov>" not in listing._repr_html_()


def test_vertical_list_one_line_summary():
    ev, events = _listed_events()
    events = events.assign(summary_en="First sentence. Second sentence.")
    soup = BeautifulSoup(timeline.vertical_list(ev, events)._repr_html_(), "html.parser")
    assert {p.get_text() for p in soup.select(".timeline-summary")} >= {"First sentence."}


def test_vertical_list_bad_input():
    ev, events = _listed_events()
    with pytest.raises(ValueError, match="'nowhere'"):
        timeline.vertical_list(ev, events.assign(place_id="nowhere"))
    with pytest.raises(ValueError, match="'rumoured'"):
        timeline.vertical_list(ev, events.assign(status="rumoured"))
    with pytest.raises(ValueError, match="'source_ids'"):
        timeline.vertical_list(ev, events.drop(columns="source_ids"))


def test_vertical_list_on_the_fixture_evidence(data_dir):
    ev = evidence.load(data_dir)
    listing = timeline.vertical_list(ev, timeline.events_in_window(ev, timeline.WAR_START, timeline.EPILOGUE_END))
    assert listing.rows == len(ev.events)
    assert 'class="timeline-list"' in listing._repr_html_()
