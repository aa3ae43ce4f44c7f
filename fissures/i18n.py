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
import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SOURCE = "en"
# The editions the build writes, the source language first; FISSURES_EDITIONS=en restricts a
# build to some of them (a quicker loop while writing).
EDITIONS = ("en", "fr")
LOCALES = tuple(e for e in EDITIONS if e == SOURCE or not os.environ.get("FISSURES_EDITIONS")
                or e in [x.strip() for x in os.environ["FISSURES_EDITIONS"].split(",")])
NAMES = {"en": "English", "fr": "Français"}  # each edition named in its own language, for the switch
CATALOGS = Path(__file__).resolve().parent.parent / "locales"  # locales/<locale>/LC_MESSAGES/messages.po
DOMAIN = "messages"

_current: contextvars.ContextVar[str] = contextvars.ContextVar("fissures_locale", default=SOURCE)
_missing: set[tuple[str, str]] = set()  # (locale, message) asked for and not translated, for the build to name


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


def folder(locale: str | None = None) -> str:
    """Where an edition's pages sit in the site: "" for the source language, "fr/" for French."""
    locale = locale or current()
    return "" if locale == SOURCE else f"{locale}/"


def root(locale: str | None = None) -> str:
    """The way back from an edition's pages to the site's root (its assets, figures and downloads)."""
    return "" if (locale or current()) == SOURCE else "../"


def twin(column: str, locale: str) -> str:
    """The name of a text column's twin in ``locale``: summary_en → summary_fr, note → note_fr."""
    return (column[:-3] if column.endswith("_en") else column) + f"_{locale}"


def row_in_edition(row: dict) -> dict:
    """A table's row (a dict) in the current edition: each value with a French twin (``note_fr``) reads in
    French where the twin is filled (the same rule as ``Evidence`` applies to its frames)."""
    locale = current()
    if locale == SOURCE:
        return row
    out = dict(row)
    for key in row:
        if not key.endswith(f"_{locale}") and row.get(twin(key, locale)):
            out[key] = row[twin(key, locale)]
    return out


def po_path(locale: str) -> Path:
    return CATALOGS / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_catalogs() -> list[Path]:
    """Compile each edition's messages.po into messages.mo beside it (what the build and its kernels
    read), where the .mo is missing or older; fuzzy entries are left out, so they read as missing."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for locale in LOCALES:
        po = po_path(locale)
        mo = po.with_suffix(".mo")
        if locale == SOURCE or not po.exists() or (mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime):
            continue
        with open(po, "rb") as f:
            catalog = read_po(f, locale=locale)
        tmp = mo.with_name(f".{mo.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        os.replace(tmp, mo)
        written.append(mo)
    return written


@functools.lru_cache(maxsize=None)
def _catalog(locale: str, stamp: float) -> dict:
    """The translated, non-fuzzy messages of ``locale``'s catalog: msgid (or (singular, plural)) -> msgstr(s).

    A fuzzy entry (its English changed since it was translated) counts as missing: the English shows,
    marked, until a translator confirms it."""
    from babel.messages.pofile import read_po

    path = po_path(locale)
    mo = path.with_suffix(".mo")
    if mo.exists() and (not path.exists() or mo.stat().st_mtime >= path.stat().st_mtime):
        from babel.messages.mofile import read_mo

        with open(mo, "rb") as f:
            catalog = read_mo(f)
    elif path.exists():
        with open(path, "rb") as f:
            catalog = read_po(f, locale=locale)
    else:
        return {}
    found = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, (list, tuple)):
            if all(message.string):
                found[tuple(message.id)] = tuple(message.string)
        elif message.string:
            found[message.id] = message.string
    return found


def catalog(locale: str) -> dict:
    """``locale``'s translations (re-read when its files change)."""
    path = po_path(locale)
    stamps = [p.stat().st_mtime for p in (path, path.with_suffix(".mo")) if p.exists()]
    return _catalog(locale, max(stamps) if stamps else 0.0)


def translation(message: str, locale: str | None = None) -> str | None:
    """``message`` in ``locale`` (default: the current language), or None when it has no translation yet."""
    locale = locale or current()
    if locale == SOURCE:
        return message
    found = catalog(locale).get(message)
    if found is None:
        _missing.add((locale, message))
    return found


def gettext(message: str) -> str:
    """``message`` in the current language (the English while its translation is missing or fuzzy)."""
    return translation(message) or message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message that agrees with ``n`` in the current language."""
    locale = current()
    if locale != SOURCE:
        forms = catalog(locale).get((singular, plural))
        if forms:
            index = _plural(locale)(n)
            return forms[min(index, len(forms) - 1)]
        _missing.add((locale, singular))
    return singular if n == 1 else plural


@functools.lru_cache(maxsize=None)
def _plural(locale: str):
    """The index of the plural form for ``n`` in ``locale`` (French: 0 for 0 and 1, else 1)."""
    import gettext

    from babel import Locale
    from babel.messages.plurals import get_plural

    return gettext.c2py(get_plural(Locale.parse(locale)).plural_expr)  # the stdlib's parser of Plural-Forms


def missing() -> list[tuple[str, str]]:
    """Every (locale, message) asked for so far without a translation, sorted."""
    return sorted(_missing)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it now (a table of words translated when shown)."""
    return message


_ = gettext
