"""The built report (site/, made by `python build.py`): every link resolves, every external link is https,
every figure has alt text, and no page loads anything from a CDN. No browser needed."""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from fissures import paths

SITE = paths.SITE
CDN = ("cdn.jsdelivr", "cdnjs.cloudflare", "code.jquery", "bootstrapcdn", "unpkg.com", "fonts.googleapis")


class Page(HTMLParser):
    """Links, ids, images and script or style sources of one page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.images: list[dict] = []
        self.loads: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "img":
            self.images.append(attrs)
        if tag in ("script", "img", "iframe") and attrs.get("src"):
            self.loads.append(attrs["src"])
            self.links.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.loads.append(attrs["href"])
            self.links.append(attrs["href"])


def built_pages() -> dict[Path, Page]:
    if not (SITE / "index.html").exists():
        if os.environ.get("FISSURES_REQUIRE_BROWSER") == "1":
            pytest.fail("site/ is not built; CI runs `python build.py` before the tests")
        pytest.skip("site/ is not built; run `python build.py` first")
    parsed = {}
    for path in sorted(SITE.rglob("*.html")):
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        parsed[path.resolve()] = page  # site/ is a link to the published version: compare real paths
    return parsed


NO_FAVICON = "data:,"  # <link rel="icon" href="data:,">: the empty icon, so no page asks for a favicon that is not there


def explorer_events() -> set[str]:
    """The ids of the events explore-data.js holds."""
    import json

    text = (SITE / "explore-data.js").read_text(encoding="utf-8")
    return {e["id"] for e in json.loads(text.removeprefix("window.FISSURES_EXPLORE=").rstrip().rstrip(";"))["events"]}


def test_every_link_resolves_and_every_external_link_is_https():
    pages = built_pages()
    problems = []
    for path, page in pages.items():
        for link in page.links:
            if link == NO_FAVICON:
                continue
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                if parts.scheme != "https" or not parts.netloc or " " in link:
                    problems.append(f"{path.relative_to(SITE.resolve())}: external link {link!r} is not a well-formed https URL")
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.exists():
                problems.append(f"{path.relative_to(SITE.resolve())}: {link} does not exist")
            elif "=" in parts.fragment and target.name == "explore.html":  # the explorer's state, not an anchor
                state = dict(p.split("=", 1) for p in unquote(parts.fragment).split("&"))
                if "event" in state and state["event"] not in explorer_events():
                    problems.append(f"{path.relative_to(SITE.resolve())}: {link}: no event {state['event']} in the explorer")
                elif "chapter" in state and not (SITE / f"{state['chapter']}.html").exists():
                    problems.append(f"{path.relative_to(SITE.resolve())}: {link}: no chapter {state['chapter']}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if parts.fragment not in ids and unquote(parts.fragment) not in ids:  # as browsers match
                    problems.append(f"{path.relative_to(SITE.resolve())}: {link}: no #{parts.fragment} in {target.name}")
    assert problems == []


def test_nothing_loads_from_a_cdn():
    for path, page in built_pages().items():
        assert not [src for src in page.loads if any(c in src for c in CDN)], path


def test_every_image_has_alt_text():
    for path, page in built_pages().items():
        for image in page.images:
            assert "alt" in image, f"{path.relative_to(SITE.resolve())}: <img src={image.get('src')}> has no alt attribute"
            if "thumb" not in image.get("src", ""):  # thumbnails beside a titled link are decorative
                assert image["alt"].strip(), f"{path.relative_to(SITE.resolve())}: {image.get('src')} has empty alt text"
