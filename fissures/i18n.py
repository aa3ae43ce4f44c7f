"""Which language the report is being written in, and the words in it: the one door for translation.

Every reader-facing sentence the package writes goes through ``_`` (gettext) or ``ngettext``, and
every date and number through ``fissures.formats``, both in the *current* language. The current
language is a context variable, set with ``using("fr")`` around code that draws or writes a page,
so the functions that draw a figure or describe a table need no language argument of their own.
The editions built are ``LOCALES``; English is the source language, so its words are the
messages themselves.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

SOURCE = "en"
LOCALES = ("en",)  # the editions the build writes, the source language first

_current: contextvars.ContextVar[str] = contextvars.ContextVar("fissures_locale", default=SOURCE)


def current() -> str:
    """The language being written now ("en", "fr")."""
    return _current.get()


@contextmanager
def using(locale: str) -> Iterator[str]:
    """Write in ``locale`` inside the block."""
    if locale not in LOCALES:
        raise ValueError(f"locale {locale!r} is not one of the report's editions: {', '.join(LOCALES)}")
    token = _current.set(locale)
    try:
        yield locale
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    """``message`` in the current language."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message that agrees with ``n`` in the current language."""
    return singular if n == 1 else plural


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it now (a table of words translated when shown)."""
    return message


_ = gettext
