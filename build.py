"""Publish the report: execute every chapter in notebooks/ and write the static site to site/.

    python build.py              build (re-executing only what changed)
    python build.py --force      re-execute every chapter
    python build.py serve        preview the built site on http://127.0.0.1:8000/
    python build.py --help       every option
"""

from fissures.publish.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
