"""The one home for reader-facing HTML: Jinja templates in ``fissures/templates``, one autoescaping
environment, and what a chapter shows (``Shown``) in each edition.

Every page of the site and every table, figure, list and map frame a chapter shows is written
by a template of this environment, so a string from the data is escaped wherever it lands and
each piece of markup exists once. Templates speak through ``fissures.i18n`` (``_()`` and
``{% trans %}``) and ``fissures.formats`` (the ``date``, ``number`` … filters), in the current
edition. ``localized`` runs a chapter function once per edition and joins what it showed.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from fissures import formats, i18n, labels, status

TEMPLATES = Path(__file__).resolve().parent / "templates"
EDITIONS_MIME = "application/vnd.fissures.editions+json"  # a shown thing's markup in every edition


def script_json(obj: object) -> Markup:
    """JSON that can sit inside a <script> element: no '<', '>', '&' or line separators left raw."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return Markup(text)  # escaped above for the script context; the data is inside JSON strings


def _source_later(source_id: str) -> bool:
    from fissures.evidence import source_later

    return source_later(source_id)


def _source_label(source_id: str) -> tuple[str, str]:
    from fissures.evidence import source_label  # pandas: only when a page shows a table of sources

    return source_label(source_id)


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The site's one template environment: autoescaped and translatable."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True,
                             extensions=["jinja2.ext.i18n"])
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)
    env.filters.update(date=formats.date, date_range=formats.date_range, number=formats.number, iso=formats.iso,
                       qualified=formats.qualified, percent=formats.percent, items=formats.items)
    env.globals.update(script_json=script_json, formats=formats, labels=labels, source_label=_source_label,
                       source_later=_source_later, as_of_words=status.as_of_words)
    return env


def render(template: str, **context) -> str:
    """A template of ``fissures/templates`` rendered with ``context`` in the current edition."""
    return environment().get_template(template).render(locale=i18n.current(), **context)


def part(name: str, *args, **kwargs) -> Markup:
    """One macro of ``parts.html.j2`` (a table, a figure, a badge …) as markup."""
    module = environment().get_template("parts.html.j2").make_module({"locale": i18n.current()})
    return Markup(str(getattr(module, name)(*args, **kwargs)).strip())


@dataclass
class Shown:
    """What a chapter shows (a table, a figure, a list, a map): its markup in each edition built.

    In JupyterLab it displays as HTML in the source language; the publisher reads the markup of
    every edition and ``meta`` (what kind of thing it is, and for a figure or map its name).
    """

    kind: str
    html: dict[str, str]
    text: str = ""
    meta: dict = field(default_factory=dict)

    @classmethod
    def one(cls, kind: str, markup: str, text: str = "", **meta) -> Shown:
        """What is shown in the current edition alone."""
        return cls(kind, {i18n.current(): str(markup)}, text, dict(meta, kind=kind))

    def _repr_html_(self) -> str:
        return self.html.get(i18n.SOURCE) or next(iter(self.html.values()))

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {"text/html": self._repr_html_(), "text/plain": self.text or f"<{self.kind}>"}
        others = {locale: markup for locale, markup in self.html.items() if locale != i18n.SOURCE}
        if others:  # the other editions' markup; the source language's is text/html already
            data[EDITIONS_MIME] = others
        return data, {"fissures": self.meta}

    def __repr__(self) -> str:
        return f"<Shown {self.kind}: {self.text[:60]}>"


def localized(function: Callable[..., Shown]) -> Callable[..., Shown]:
    """Run ``function`` once in each edition and join the markup it showed into one ``Shown``."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs) -> Shown:
        shown = {}
        for locale in i18n.LOCALES:
            with i18n.using(locale):
                shown[locale] = function(*args, **kwargs)
        first = shown[i18n.SOURCE]
        meta = dict(first.meta)
        if len(shown) > 1:  # what the publisher writes around a map, in each edition's words
            meta["editions"] = {loc: {k: s.meta[k] for k in ("title", "description") if k in s.meta}
                                for loc, s in shown.items()}
        return Shown(first.kind, {loc: s.html[loc] for loc, s in shown.items()}, first.text, meta)
    return wrapper
