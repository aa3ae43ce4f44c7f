"""The axe-core accessibility engine for the browser tests, from the axe-playwright-python package."""

from __future__ import annotations

from pathlib import Path

import pytest

PACKAGE = "axe_playwright_python"
PIN = "axe-playwright-python==0.1.8"


def script() -> str:
    """axe-core (``axe.min.js``) as JavaScript source; the test fails, saying how to install it, if it is missing."""
    import importlib.util

    spec = importlib.util.find_spec(PACKAGE)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "axe.min.js"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    pytest.fail(f"the accessibility checks need axe-core, which {PIN} bundles: pip install {PIN}")
