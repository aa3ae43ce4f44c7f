"""fissures.formats: every reader-facing date and number, written one way per edition."""

from __future__ import annotations

import pandas as pd
import pytest

from fissures import formats, i18n


@pytest.mark.parametrize(("value", "form", "expected"), [
    ("2023-05-03", "long", "3 May 2023"),
    (pd.Timestamp("2023-06-01"), "short", "1 Jun 2023"),
    ("2023-05-22", "day-month", "22 May"),
    ("2023-06-06", "day-month-long", "6 June"),
    ("2023-06-01", "month", "June 2023"),
    ("2022-09-21", "short", "21 Sept 2022"),  # CLDR's British English abbreviates September so
])
def test_date(value, form, expected):
    assert formats.date(value, form) == expected


@pytest.mark.parametrize(("first", "last", "expected"), [
    ("2023-05-22", "2023-05-23", "22–23 May 2023"),
    ("2023-05-31", "2023-06-02", "31 May\u2009–\u20092 Jun 2023"),  # thin spaces around the dash (CLDR)
    ("2022-12-05", "2023-05-30", "5 Dec 2022\u2009–\u200930 May 2023"),
    ("2023-05-03", "2023-05-03", "3 May 2023"),
])
def test_date_range(first, last, expected):
    assert formats.date_range(first, last) == expected


def test_when_follows_the_precision():
    assert formats.when("2023-05-03", None, "day") == "3 May 2023"
    assert formats.when("2023-05-22", "2023-05-23", "range") == "22–23 May 2023"
    assert formats.when("2023-06-01", "2023-06-30", "month") == "June 2023 (day unknown)"


def test_between_in_a_sentence():
    assert formats.between("2023-05-03", "2023-05-03") == "on 3 May 2023"
    assert formats.between("2023-05-22", "2023-06-06") == "between 22 May and 6 June 2023"
    assert formats.between("2022-12-05", "2023-05-30") == "between 5 December 2022 and 30 May 2023"


@pytest.mark.parametrize(("value", "value_max", "qualifier", "expected"), [
    (8, None, "exact", "8"), (25, None, "over", "more than 25"), (12, None, "at-least", "at least 12"),
    (40000, None, "about", "about 40,000"), (50, None, "up-to", "up to 50"), (4, 10, "range", "4–10"),
])
def test_qualified(value, value_max, qualifier, expected):
    assert formats.qualified(value, value_max, qualifier) == expected


def test_numbers_counts_lists_and_units():
    assert formats.number(40000) == "40,000" and formats.number(3.456, 1) == "3.5"
    assert formats.count(1, "event", "events") == "1 event" and formats.count(2500, "event", "events") == "2,500 events"
    assert formats.items(["a", "b", "c"]) == "a, b and c" and formats.items(["a"]) == "a" and formats.items([]) == ""
    assert formats.percent(82) == "82%" and formats.km(3.46, 1) == "3.5 km" and formats.iso("2023-05-03") == "2023-05-03"


def test_an_edition_is_a_context_and_a_locale_argument():
    assert formats.cldr() == "en_GB"
    assert formats.date("2023-05-03", locale="fr") == "3 mai 2023"
    assert formats.number(40000, locale="fr") == "40\u202f000"
    assert formats.date("2023-06-01", locale="fr") == "1er juin 2023"
    assert formats.items(["a", "b"], locale="fr") == "a et b"
    assert i18n.current() == "en"


@pytest.mark.parametrize(("call", "message"), [
    (lambda: formats.date("2023-05-03", "weekly"), "date form 'weekly'"),
    (lambda: formats.date_range("2023-05-03", "2023-05-01"), "ends"),
    (lambda: formats.date_range("2023-05-03", "2023-05-04", "long"), "date range form 'long'"),
    (lambda: formats.when("2023-05-03", None, "week"), "date precision 'week'"),
    (lambda: formats.qualified(4, None, "range"), "upper bound"),
    (lambda: formats.qualified(4, None, "roughly"), "qualifier 'roughly'"),
    (lambda: formats.cldr("de"), "locale 'de'"),
    (lambda: formats.date(12), "is not a date"),
])
def test_bad_input_is_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
