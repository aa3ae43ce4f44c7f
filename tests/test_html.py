"""fissures.html and fissures.labels: one autoescaping environment, one JSON-for-scripts helper, one home
for the words of codes, and no reader-facing HTML written outside the templates."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from fissures import html, i18n, labels, paths

HOSTILE = '<script>alert(1)</script>" onerror="x'


def test_script_json_cannot_close_its_script():
    text = str(html.script_json({"a": HOSTILE, "b": "\u2028&"}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": HOSTILE, "b": "\u2028&"}


def test_parts_escape_what_the_data_says():
    table = str(html.part("table", HOSTILE, [HOSTILE], [{"id": HOSTILE, "cells": [{"kind": "text", "value": HOSTILE}]}], 1))
    assert "<script>" not in table and table.count("&lt;script&gt;") == 6  # label, caption, header, row id, cell, cell label
    links = str(html.part("source_links", ['x" onclick="y']))
    assert 'onclick="y"' not in links


def test_shown_displays_in_jupyter_and_carries_its_metadata():
    shown = html.Shown.one("table", "<table></table>", "Table: t", caption="t")
    data, meta = shown._repr_mimebundle_()
    assert data["text/html"] == "<table></table>" and data["text/plain"] == "Table: t"
    assert meta == {"fissures": {"caption": "t", "kind": "table"}}
    assert html.EDITIONS_MIME not in data  # one edition: no copy of the markup


def test_localized_runs_once_per_edition():
    seen = []

    @html.localized
    def show():
        seen.append(i18n.current())
        return html.Shown.one("list", f"<ol lang={i18n.current()}></ol>")

    shown = show()
    assert seen == list(i18n.LOCALES) and set(shown.html) == set(i18n.LOCALES)


def test_labels_name_every_code_and_refuse_unknown_ones():
    assert labels.status("claimed") == "claimed by one side only"
    assert labels.event_type("drone-attack") == "Drone attack" and labels.event_type("new-kind") == "New kind"
    assert labels.verdict("too-early") == "too early to tell" and labels.side("wagner") == "Wagner"
    assert labels.measure("drones-downed") == "drones downed" and labels.measure("other-houses-damaged") == "houses damaged"
    assert labels.region("belgorod-oblast") == "Belgorod Oblast" and labels.country("UA") == "Ukraine"
    with pytest.raises(ValueError, match="status 'sure'"):
        labels.status("sure")


def _string_literals(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


TAGS = ("a", "aside", "body", "br", "code", "details", "div", "em", "figcaption", "figure", "footer", "h1", "h2", "h3",
        "head", "header", "html", "iframe", "img", "li", "link", "main", "mark", "meta", "nav", "ol", "p", "script",
        "section", "span", "strong", "style", "summary", "sup", "table", "td", "th", "time", "title", "tr", "ul")
TAG = re.compile(r"</?(" + "|".join(TAGS) + r")[\s>/]")
# HTML the package still writes in Python: none. (Map pages are a template; the map script builds its
# panel with DOM calls, from data, in fissures/static.)
ALLOWED: set[str] = set()


def test_no_reader_facing_html_outside_the_templates():
    found = []
    for path in sorted((paths.ROOT / "fissures").rglob("*.py")):
        rel = path.relative_to(paths.ROOT).as_posix()
        if rel in ALLOWED:
            continue
        for line, text in _string_literals(path):
            if TAG.search(text):
                found.append(f"{rel}:{line}: {text[:60]!r}")
    assert found == []


def test_no_function_hides_gettext():
    """``_`` is gettext everywhere in the package: no loop variable or assignment may take the name."""
    found = []
    for path in sorted((paths.ROOT / "fissures").rglob("*.py")):
        if path.name == "i18n.py":  # where _ is defined
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
                found.append(f"{path.relative_to(paths.ROOT)}:{node.lineno}")
            if isinstance(node, ast.arg) and node.arg == "_":
                found.append(f"{path.relative_to(paths.ROOT)}:{node.lineno}")
    assert found == []
