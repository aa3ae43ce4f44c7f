"""Execute notebooks in worker processes, a few at a time, and stop every one of them on demand.

Each notebook runs in a process of its own, forked from a fork server that has the executor
already imported (a plain fork of the build would copy its threads' locks in whatever state
they are). The build watches each worker's pipe and its exit: a worker that dies without a
result (the out-of-memory killer, ``kill -9``) is reported with the notebook it was running,
and the others are stopped. On Ctrl-C, SIGTERM or any error, every worker and every kernel is
killed (a worker tells the build its kernel's process group as soon as the kernel runs) and
the runs' folders are removed, so nothing is left running. Workers sit in process groups of
their own, so a Ctrl-C at the terminal reaches the build alone, which then stops them.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fissures import paths
from fissures.publish.execute import Executed, RunOptions, cached

PRELOAD = ["fissures.publish.execute", "nbclient", "jupyter_client.manager", "nbformat"]
GRACE = 2.0  # seconds a stopped worker may take to exit before it is killed


class WorkerDied(Exception):
    """A worker ended without sending its result; the message names its notebook."""


def _kill_group(pid: int | None) -> None:
    if pid:
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _work(conn, path: Path, options: RunOptions, folder: Path) -> None:
    """Run in the worker: execute one notebook and send the result (or the crash) down ``conn``."""
    from fissures.publish import execute

    os.setpgrp()  # the terminal's Ctrl-C goes to the build, which decides what to stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    kernel: list[int | None] = [None]

    def on_kernel(pid: int) -> None:
        kernel[0] = pid
        conn.send(("kernel", pid))

    def stop(*_args) -> None:
        _kill_group(kernel[0])
        os._exit(143)

    signal.signal(signal.SIGTERM, stop)
    parent = multiprocessing.parent_process()
    if parent is not None:  # the build died without stopping us (SIGKILL): stop too
        def watch() -> None:
            multiprocessing.connection.wait([parent.sentinel])
            stop()
        threading.Thread(target=watch, daemon=True).start()
    try:
        result = execute.execute(path, options, folder, on_kernel)
    except BaseException as err:  # a bug in the executor: report it instead of dying silently
        conn.send(("crash", f"{type(err).__name__}: {err}"))
    else:
        conn.send(("done", result))
    finally:
        _kill_group(kernel[0])  # normally gone already: nbclient shut it down
        conn.close()


@dataclass
class _Worker:
    path: Path
    process: multiprocessing.process.BaseProcess
    conn: multiprocessing.connection.Connection
    folder: Path
    kernel: int | None = None
    result: Executed | None = None
    crash: str = ""
    messages: list = field(default_factory=list)


def _describe_exit(code: int | None) -> str:
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        hint = " (as the out-of-memory killer does)" if name == "SIGKILL" else ""
        return f"was killed by {name}{hint}"
    return f"exited with code {code}"


def _stop(workers: list[_Worker]) -> None:
    """Kill every kernel and worker, wait for them, and remove their folders."""
    for worker in workers:
        _drain(worker)
        _kill_group(worker.kernel)
        if worker.process.is_alive():
            worker.process.terminate()
    deadline = time.monotonic() + GRACE
    for worker in workers:
        worker.process.join(max(0.0, deadline - time.monotonic()))
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        _drain(worker)
        _kill_group(worker.kernel)
        worker.conn.close()
        shutil.rmtree(worker.folder, ignore_errors=True)


def _drain(worker: _Worker) -> None:
    """Read whatever the worker has sent so far."""
    try:
        while not worker.conn.closed and worker.conn.poll():
            kind, value = worker.conn.recv()
            if kind == "kernel":
                worker.kernel = value
            elif kind == "done":
                worker.result = value
            elif kind == "crash":
                worker.crash = value
    except (EOFError, OSError):
        pass


def run(notebooks: list[Path], options: RunOptions, jobs: int, report: Callable[[Executed], None]) -> dict[str, Executed]:
    """Execute ``notebooks``, ``jobs`` at a time; ``report`` is told of each as it finishes.

    Raises WorkerDied when a worker ends without a result; KeyboardInterrupt and other
    exceptions pass through. In every case no worker or kernel is left running.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    waiting = list(notebooks)
    running: list[_Worker] = []
    results: dict[str, Executed] = {}
    try:
        while waiting or running:
            while waiting and len(running) < max(1, jobs):
                path = waiting.pop(0)
                folder = Path(tempfile.mkdtemp(prefix="fissures-run-"))
                receive, send = context.Pipe(duplex=False)
                process = context.Process(target=_work, args=(send, path, options, folder), name=f"fissures:{path.stem}")
                process.start()
                send.close()
                running.append(_Worker(path, process, receive, folder))
            ready = multiprocessing.connection.wait([w.conn for w in running] + [w.process.sentinel for w in running],
                                                    timeout=1.0)
            for worker in list(running):
                if worker.conn not in ready and worker.process.sentinel not in ready:
                    continue
                _drain(worker)
                if worker.result is None and not worker.crash and worker.process.is_alive():
                    continue
                worker.process.join(GRACE)
                _drain(worker)
                running.remove(worker)
                _stop([worker])
                if worker.result is not None:
                    results[worker.result.name] = worker.result
                    report(worker.result)
                    continue
                label = paths.rel(worker.path)
                if worker.crash:
                    raise WorkerDied(f"{label}: the worker executing it failed: {worker.crash}")
                raise WorkerDied(f"{label}: the worker process executing it {_describe_exit(worker.process.exitcode)} "
                                 "before it finished; the other chapters were stopped")
    finally:
        _stop(running)
    return results


def execute_all(notebooks: list[Path], options: RunOptions, jobs: int,
                report: Callable[[Executed], None]) -> dict[str, Executed]:
    """Every notebook's run: cached where still valid (no worker, no kernel), else executed in workers."""
    results: dict[str, Executed] = {}
    for nb in notebooks:
        hit = cached(nb, options)
        if hit is not None:
            results[nb.stem] = hit
            report(hit)
    todo = [nb for nb in notebooks if nb.stem not in results]
    if todo:
        results.update(run(todo, options, jobs, report))
    return results
