"""The status rule, each side's accounts, and the weekly count of attacks that chapter 02 draws."""

from __future__ import annotations

import pandas as pd
import pytest

from fissures import accounts, evidence, status, trend
from tests.conftest import add_rows

A = status.Account


@pytest.mark.parametrize("said, expected", [
    ([A("independent", "asserts", True)], ("confirmed", "independent")),
    ([A("independent", "asserts", False)], ("claimed", "relays")),
    ([A("russian-state", "asserts"), A("ukrainian-state", "asserts")], ("confirmed", "both-camps")),
    ([A("russian-state", "asserts"), A("raiders", "asserts")], ("confirmed", "both-camps")),
    ([A("ukrainian-state", "asserts"), A("raiders", "asserts")], ("claimed", "one-side")),  # allies: one camp
    ([A("russian-state", "asserts")], ("claimed", "one-side")),
    ([A("russian-state", "asserts"), A("ukrainian-state", "denies")], ("denied", "denies")),
    ([A("independent", "asserts", True), A("ukrainian-state", "denies")], ("confirmed", "independent")),
    ([A("independent", "asserts", True), A("russian-state", "contradicts")], ("disputed", "contradicts")),
    ([A("other", "asserts")], ("claimed", "relays")),
    ([], ("claimed", "relays")),
])
def test_the_rule_in_its_order(said, expected):
    assert status.rule(said) == expected
    assert status.reason(expected[1])  # every reason is written out


def test_a_row_without_accounts_is_read_from_its_sources():
    assert status.rule(status.implied(["russian-state", "ukrainian-state"])) == ("confirmed", "both-camps")
    assert status.rule(status.implied(["independent"])) == ("claimed", "relays")  # a citation is not a check


def test_learned_later_is_after_the_as_of_date():
    assert not status.learned_later(status.AS_OF)
    assert status.learned_later("2023-09-01") and not status.learned_later("2023-08-30")


def test_accounts_side_by_side(data_dir):
    ev = evidence.load(data_dir)
    side, stance = accounts.labels.source_side("independent"), accounts.labels.stance("asserts")
    assert accounts.summary(ev, "event", "2023-06-01-shebekino-shelling") == f"{side}: {stance}, 1 with its own check (1)"
    assert accounts.summary(ev, "event", "2023-05-22-belgorod-raid").startswith(accounts.labels.source_side("raiders"))
    assert accounts.summary(ev, "event", "no-such-event") == ""
    assert accounts.rule(ev, "event", ev.events.loc["2023-06-01-shebekino-shelling"])[0] == "confirmed"
    table = accounts.table(ev, "claim", ["c01"])
    assert list(table["account_id"]) == ["a0002"] and table["checked"].tolist() == ["yes"]


ATTACK = {"end_date": "", "date_precision": "day", "event_type": "shelling", "actor": "Unknown", "target": "",
          "place_id": "shebekino", "short_label": "", "summary_en": "Shelled.", "status": "claimed",
          "claimed_by": "Governor", "status_note": "", "source_ids": "fixture-news", "article_paragraphs": "",
          "first_reported": "", "first_report_source": "", "later_status_date": "", "later_status_source": ""}


def test_weekly_counts_the_coded_window_and_only_it(data_dir):
    add_rows(data_dir, "sources", [{"source_id": "fixture-may", "publisher": "Fixture News", "title": "May",
                                    "date": "2023-05-12", "url": "https://example.org/may", "kind": "news",
                                    "language": "en", "side": "russian-state"}])
    add_rows(data_dir, "attacks", [
        dict(ATTACK, event_id="2023-05-02-a", date="2023-05-02", source_ids="fixture-may"),
        dict(ATTACK, event_id="2023-05-03-b", date="2023-05-03", source_ids="fixture-may"),
        dict(ATTACK, event_id="2023-05-10-c", date="2023-05-10", source_ids="fixture-may"),
    ])
    ev = evidence.load(data_dir)
    weeks = trend.weekly(ev).set_index("week")
    assert (weeks.index.day_of_week == 0).all()  # every week starts on a Monday
    assert weeks.loc["2023-05-01", "coded"] == 2 and weeks.loc["2023-05-08", "coded"] == 1
    assert weeks.loc["2023-06-26", "coded"] == 0  # inside the window: a week with no report counts zero
    assert pd.isna(weeks.loc["2023-04-24", "coded"])  # outside it: no count, and the chart says so
    # the shelling of 1 June in the fixture's events lies in the window and in Belgorod Oblast
    # so do the fixture's raid of 22 May and shelling of 1 June, both in Belgorod Oblast
    assert weeks.loc["2023-05-22", "coded"] == 1 and weeks.loc["2023-05-29", "coded"] == 1
    assert weeks.loc["2023-05-29", "discussed"] == 1 and weeks["discussed"].sum() == 2
    assert trend.describe(ev).startswith("From 1 May to 30 June 2023 we coded 5 attack reports")


def test_published_counts_become_weekly_averages_and_later_ones_are_marked(data_dir):
    add_rows(data_dir, "sources", [{"source_id": "fixture-late", "publisher": "Fixture News", "title": "Later",
                                    "date": "2024-01-10", "url": "https://example.org/late", "kind": "news",
                                    "language": "en", "side": "independent"}])
    add_rows(data_dir, "counts", [
        {"count_id": "cnt-001", "period_start": "2023-05-01", "period_end": "2023-05-14", "region": "Belgorod Oblast",
         "value": "70", "qualifier": "exact", "what": "shelling incidents", "counted_by": "Governor", "source_id": "fixture-news"},
        {"count_id": "cnt-002", "period_start": "2023-05-01", "period_end": "2023-05-28", "region": "Kursk Oblast",
         "value": "40", "qualifier": "over", "what": "attacks", "counted_by": "Fixture News (its data team)",
         "source_id": "fixture-late"},
        {"count_id": "cnt-003", "period_start": "2023-05-01", "period_end": "2023-05-01", "region": "Kursk Oblast",
         "value": "9", "qualifier": "exact", "what": "attacks", "counted_by": "Governor", "source_id": "fixture-news"},
    ])
    ev = evidence.load(data_dir)
    counts = trend.published(ev)
    assert counts["count_id"].tolist() == ["cnt-001", "cnt-002"]  # a single day's tally is not a weekly rate
    assert counts["per_week"].tolist() == [35.0, 10.0] and counts["later"].tolist() == [False, True]
    assert counts["key"].tolist() == [1, 2]
    assert trend._who("Fixture News (its data team)") == "Fixture News"
