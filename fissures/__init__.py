"""Fissures: the shared code behind the report's chapters and its publisher."""

__version__ = "0.1.0"
