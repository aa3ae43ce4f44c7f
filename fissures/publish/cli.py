"""The command line of ``build.py``: build the site, or serve it on 127.0.0.1."""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import signal
import sys
import time
from pathlib import Path

from fissures import paths
from fissures.publish import fingerprint, lock
from fissures.publish.limits import CELL_TIMEOUT, MAX_OUTPUT


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
    parser.add_argument("--cell-timeout", type=int, default=CELL_TIMEOUT, metavar="SECONDS",
                        help="stop the build when one cell runs longer than this (default: %(default)s; a notebook's "
                             "metadata \"execution\": {\"timeout\": N} sets its own)")
    parser.add_argument("--max-output", type=float, default=MAX_OUTPUT / 1e6, metavar="MB",
                        help="cut a cell's outputs beyond this many megabytes, with a note on the page "
                             "(default: %(default)g)")
    return parser


class Stopped(Exception):
    """SIGTERM, turned into an exception so that the build stops the way Ctrl-C stops it."""


def _terminate(signum, frame):
    raise Stopped


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
    if args.cell_timeout < 1:
        _parser().error(f"--cell-timeout must be at least 1 second, not {args.cell_timeout}")
    if args.max_output <= 0:
        _parser().error(f"--max-output must be more than 0 MB, not {args.max_output:g}")
    if args.command == "serve":
        return serve(args.out, args.port)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        with lock.build_lock(paths.CACHE):
            return _build(args)
    except (KeyboardInterrupt, Stopped) as err:
        how = "interrupted" if isinstance(err, KeyboardInterrupt) else "stopped by SIGTERM"
        where = f"{paths.rel(args.out)}/ was left as it was" if args.out.exists() else "nothing was published"
        print(f"\n{how}: the build stopped, every kernel and worker with it; {where}.", file=sys.stderr)
        return 130 if isinstance(err, KeyboardInterrupt) else 143
    finally:
        signal.signal(signal.SIGTERM, previous)


def _build(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    max_output = round(args.max_output * 1e6)
    key = fingerprint.inputs_key(args.notebooks, paths.DATA, (sorted(args.only), max_output))
    if not args.force and fingerprint.up_to_date(paths.CACHE, args.out, key):
        print(f"nothing changed: {paths.rel(args.out)}/ is up to date ({time.perf_counter() - start:.2f} s; "
              "--force rebuilds)", file=sys.stderr)
        return 0
    from fissures.publish.site import Options, build  # pandas, nbconvert: only when there is work

    fingerprint.forget(paths.CACHE, args.out)
    code = build(Options(notebooks=args.notebooks, out=args.out, only=tuple(args.only), force=args.force,
                         jobs=args.jobs, cell_timeout=args.cell_timeout, max_output=max_output))
    if code == 0:
        fingerprint.remember(paths.CACHE, args.out, key)
    return code
