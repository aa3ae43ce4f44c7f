"""The one home for how a date, a span of dates, a number, a count or a list reads, in any edition.

Built on Babel (CLDR), in the current language of ``fissures.i18n`` unless a ``locale`` is given:
English is British English ("3 May 2023", "22–23 May 2023", "40,000", "a, b and c"), French is
French ("3 mai 2023", "40 000" with a narrow no-break space). Every reader-facing date and number
of the report is written by one of these functions, so the same fact reads the same on every
page, figure and map, and translates once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from babel import dates as babel_dates
from babel import lists as babel_lists
from babel import numbers as babel_numbers

from fissures import i18n
from fissures.i18n import _, ngettext

CLDR = {"en": "en_GB", "fr": "fr_FR"}  # the CLDR locale of each edition
QUALIFIERS = ("exact", "over", "at-least", "about", "up-to", "range")  # numbers.csv ``qualifier``
PRECISIONS = ("day", "range", "month")  # events.csv ``date_precision``
# Date forms: the CLDR skeleton each writes (Babel picks the order and punctuation per language);
# "long" is CLDR's long date format, which has no skeleton.
FORMS = {"long": None, "short": "yMMMd", "day-month": "MMMd", "day-month-long": "MMMMd", "month": "yMMMM",
         "month-short": "yMMM"}
RANGE_FORMS = ("short", "day-month")  # the forms CLDR can write as one span


def cldr(locale: str | None = None) -> str:
    """The CLDR locale of an edition (the current one by default)."""
    locale = locale or i18n.current()
    if locale not in CLDR:
        raise ValueError(f"locale {locale!r} is not one of: {', '.join(CLDR)}")
    return CLDR[locale]


def _day(value) -> dt.date:
    """A date from a date, datetime, pandas Timestamp or 'YYYY-MM-DD' string."""
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise ValueError(f"{value!r} is not a date")


def date(value, form: str = "long", locale: str | None = None) -> str:
    """A date for a reader: long "3 May 2023", short "3 May 2023" (abbreviated month), day-month "3 May",
    month "May 2023"."""
    if form not in FORMS:
        raise ValueError(f"date form {form!r} is not one of: {', '.join(FORMS)}")
    day = _day(value)
    if FORMS[form] is None:
        text = babel_dates.format_date(day, "long", locale=cldr(locale))
    else:
        text = babel_dates.format_skeleton(FORMS[form], day, locale=cldr(locale), fuzzy=False)
    if cldr(locale) == "fr_FR" and day.day == 1 and form not in ("month", "month-short"):  # French writes "1er juin"
        text = text.replace("1 ", "1er ", 1)
    return text


def date_range(first, last, form: str = "short", locale: str | None = None) -> str:
    """Two dates as one span, without repeating what they share: "22–23 May 2023", "31 May – 2 Jun 2023"."""
    if form not in RANGE_FORMS:
        raise ValueError(f"date range form {form!r} is not one of: {', '.join(RANGE_FORMS)}")
    first, last = _day(first), _day(last)
    if last < first:
        raise ValueError(f"the span ends ({last}) before it starts ({first})")
    if first == last:
        return date(first, form, locale)
    return babel_dates.format_interval(first, last, FORMS[form], locale=cldr(locale))


def when(first, last, precision: str, locale: str | None = None) -> str:
    """An event's dates as its row gives them: a day, a span of days, or a month whose day is unknown."""
    if precision not in PRECISIONS:
        raise ValueError(f"date precision {precision!r} is not one of: {', '.join(PRECISIONS)}")
    if precision == "month":
        return _("{month} (day unknown)").format(month=date(first, "month", locale))
    if precision == "day" or last is None or _day(last) == _day(first):
        return date(first, "short", locale)
    return date_range(first, last, "short", locale)


def between(first, last, locale: str | None = None) -> str:
    """A span in a sentence: "on 3 May 2023", "between 22 May and 6 June 2023"."""
    first, last = _day(first), _day(last)
    if first == last:
        return _("on {date}").format(date=date(first, "long", locale))
    start = date(first, "day-month-long" if first.year == last.year else "long", locale)
    return _("between {start} and {end}").format(start=start, end=date(last, "long", locale))


def number(value, digits: int = 0, locale: str | None = None) -> str:
    """A number with the edition's separators: "40,000", "3.5" (English), "40 000", "3,5" (French)."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return babel_numbers.format_decimal(value, format=pattern, locale=cldr(locale))


def percent(value, locale: str | None = None) -> str:
    """A share given in percent (82 -> "82%" in English, "82 %" in French)."""
    return babel_numbers.format_percent(value / 100, locale=cldr(locale))


def km(value, digits: int = 0, locale: str | None = None) -> str:
    """A distance: "3 km", "3.5 km"."""
    return _("{value} km").format(value=number(value, digits, locale))


def qualified(value, value_max=None, qualifier: str = "exact", locale: str | None = None) -> str:
    """A figure with the words its source put around it: "8", "more than 25", "at least 12", "about 40,000",
    "up to 50", "4–10"."""
    if qualifier not in QUALIFIERS:
        raise ValueError(f"qualifier {qualifier!r} is not one of: {', '.join(QUALIFIERS)}")
    text = number(value, locale=locale)
    if qualifier == "range":
        if value_max is None:
            raise ValueError(f"a range needs an upper bound (value {value})")
        return _("{low}–{high}").format(low=text, high=number(value_max, locale=locale))
    return {"exact": text, "over": _("more than {n}"), "at-least": _("at least {n}"), "about": _("about {n}"),
            "up-to": _("up to {n}")}[qualifier].format(n=text)


def count(n: int, singular: str, plural: str) -> str:
    """A count and its noun, agreeing: "1 event", "5 events", "40,000 people"."""
    return f"{number(n)} {ngettext(singular, plural, n)}"


def items(words: Iterable[str], locale: str | None = None) -> str:
    """A list in a sentence: "a, b and c" (English), "a, b et c" (French)."""
    words = [str(w) for w in words]
    return babel_lists.format_list(words, locale=cldr(locale)) if words else ""


def iso(value) -> str:
    """A date as YYYY-MM-DD, for machines (``datetime`` attributes, file names), never for readers."""
    return _day(value).isoformat()
