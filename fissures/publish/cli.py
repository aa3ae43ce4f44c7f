"""The command line of ``build.py``: build the site, or serve it on 127.0.0.1."""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import sys
import time
from pathlib import Path

from fissures import paths
from fissures.publish import fingerprint


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python build.py",
        description="Execute the chapters in notebooks/ and publish them as a static site.")
    parser.add_argument("command", nargs="?", choices=("build", "serve"), default="build",
                        help="build the site (default), or serve the built site on 127.0.0.1")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="publish only the chapters whose file name contains NAME (repeatable)")
    parser.add_argument("--force", action="store_true", help="rebuild everything, ignoring (and refilling) the cache")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                        help="chapters executed at once (default: the number of cores, %(default)s)")
    parser.add_argument("--out", type=Path, default=paths.SITE, metavar="DIR",
                        help="where to publish the site (default: site/)")
    parser.add_argument("--port", type=int, default=8000, help="port for serve (default: %(default)s)")
    parser.add_argument("--notebooks", type=Path, default=paths.NOTEBOOKS, metavar="DIR",
                        help="the chapters to publish (default: notebooks/)")
    return parser


def serve(folder: Path, port: int) -> int:
    """Serve ``folder`` on http://127.0.0.1:PORT/ until interrupted."""
    if not (folder / "index.html").exists():
        print(f"error: {paths.rel(folder)}/index.html does not exist; run `python build.py` first", file=sys.stderr)
        return 2
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"serving {paths.rel(folder)}/ at http://127.0.0.1:{port}/ (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    if args.jobs < 1:
        _parser().error(f"--jobs must be at least 1, not {args.jobs}")
    if args.command == "serve":
        return serve(args.out, args.port)
    start = time.perf_counter()
    key = fingerprint.inputs_key(args.notebooks, paths.DATA, tuple(args.only))
    if not args.force and fingerprint.up_to_date(paths.CACHE, args.out, key):
        print(f"nothing changed: {paths.rel(args.out)}/ is up to date ({time.perf_counter() - start:.2f} s; "
              "--force rebuilds)", file=sys.stderr)
        return 0
    from fissures.publish.site import Options, build  # pandas, nbconvert: only when there is work

    fingerprint.forget(paths.CACHE, args.out)
    code = build(Options(notebooks=args.notebooks, out=args.out, only=tuple(args.only), force=args.force,
                         jobs=args.jobs))
    if code == 0:
        fingerprint.remember(paths.CACHE, args.out, key)
    return code
