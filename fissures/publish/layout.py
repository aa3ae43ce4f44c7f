"""What every page of the site shares: the report's title and summary, and the links in its header.

The page itself is ``fissures/templates/base.html.j2``; this module gives it its words, in the
current edition.
"""

from __future__ import annotations

from fissures import i18n
from fissures.i18n import N_, _

REPORT_TITLE = "Fissures"
REPORT_SUMMARY = N_(
    "In June 2023 The Sun Online argued that Vladimir Putin's grip on Russia was starting to crack as the war reached "
    "Russian soil: drones over Moscow, a raid into Belgorod Oblast, shelling and evacuations at the border. This report "
    "retells that argument and tests it, event by event and claim by claim, against other sources: what is confirmed, "
    "what only one side claims, and what happened next.")
LINKS = (("explore.html", N_("Explore")), ("article.html", N_("Article")), ("sources.html", N_("Sources")), ("data.html", N_("Data")),
         ("about.html", N_("About")))


def editions(href: str) -> list[dict]:
    """The same page in every edition: where it is from this one, its language and the language's own name."""
    here = i18n.root()
    return [{"locale": locale, "name": i18n.NAMES[locale], "href": here + i18n.folder(locale) + href,
             "current": locale == i18n.current()} for locale in i18n.LOCALES]


def page(current: str, **extra) -> dict:
    """What every page template needs: the report's title, summary and links, and which page this is."""
    href = "index.html" if current == "index" else current
    return {"report_title": REPORT_TITLE, "summary": _(REPORT_SUMMARY), "current": current,
            "root": i18n.root(), "editions": editions(href) if len(i18n.LOCALES) > 1 else [],
            "extra_links": [{"href": href, "label": _(label)} for href, label in LINKS],
            "prev": None, "next": None, "notebook_href": None, "reads": [], "files": [], "events": [],
            "chapter": None, **extra}
