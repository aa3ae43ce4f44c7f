"""Runaway and interrupted builds: a cell that never ends, Ctrl-C, SIGTERM and a killed worker all stop
the build with one clear line, leave the old site as it was, and leave nothing running."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from fissures.publish.site import Options, build
from tests.conftest import make_data_dir, start_cli, write_notebook

QUICK = (("md", "# Quick\n\nIt is quick."), ("code", "print('quick')"))
SLOW = (("md", "# Slow\n\nIt takes its time."), ("code", "x = 1"), ("code", "import time\ntime.sleep(120)"))
RUNAWAY = (("md", "# Runaway\n\nIt never ends."), ("code", "x = 1"), ("code", "while True:\n    pass"))


def _folders(base: Path) -> dict:
    return {"notebooks": base / "notebooks", "out": base / "site", "cache": base / "cache",
            "figures": base / "figures", "data": base / "data"}


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> Path:
    """A quick chapter, published once for the whole run."""
    base = tmp_path_factory.mktemp("quick")
    write_notebook(base / "notebooks" / "01-quick.ipynb", *QUICK)
    make_data_dir(base / "data")
    assert build(Options(**_folders(base), jobs=2), stream=io.StringIO()) == 0
    return base


@pytest.fixture
def book(published: Path, tmp_path: Path) -> dict:
    """A copy of the published quick chapter, and the folders a build uses."""
    shutil.copytree(published, tmp_path / "book", symlinks=True)
    return _folders(tmp_path / "book")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _cmd(process: psutil.Process) -> str:
    try:
        return " ".join(process.cmdline())
    except psutil.Error:  # gone, or a zombie waiting for its parent
        return ""


def _kernels_running(build: subprocess.Popen, wanted: int, timeout: float = 60,
                     settle: float = 0.3) -> list[psutil.Process]:
    """Wait until ``wanted`` kernels run under the build; return every process it started."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        family = psutil.Process(build.pid).children(recursive=True)
        kernels = [p for p in family if "ipykernel_launcher" in _cmd(p)]
        if len(kernels) >= wanted:
            time.sleep(settle)  # let them start executing
            return psutil.Process(build.pid).children(recursive=True)
        time.sleep(0.2)
    raise AssertionError(f"no {wanted} kernels started within {timeout} s")


def _all_gone(processes: list[psutil.Process], timeout: float = 5.0) -> list[str]:
    gone, alive = psutil.wait_procs(processes, timeout=timeout)
    return [_cmd(p) for p in alive if _running(p)]


def _running(process: psutil.Process) -> bool:
    """Still running: a zombie has stopped and only waits for whoever adopted it to reap it."""
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_runaway_cell_is_stopped_and_named(book: dict):
    before = snapshot(book["out"])
    write_notebook(book["notebooks"] / "02-runaway.ipynb", *RUNAWAY)
    err = io.StringIO()
    started = time.monotonic()
    assert build(Options(**book, cell_timeout=3), stream=err) == 1
    assert time.monotonic() - started < 60
    message = err.getvalue()
    assert "02-runaway.ipynb, cell 3: the cell was still running after 3 s, so it was stopped" in message
    assert "while True:" in message and "--cell-timeout" in message and "Traceback" not in message
    assert snapshot(book["out"]) == before


def test_notebook_metadata_sets_its_own_timeout(book: dict):
    path = write_notebook(book["notebooks"] / "02-runaway.ipynb", *RUNAWAY)
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nb.metadata["execution"] = {"timeout": 2}
    nbformat.write(nb, path)
    err = io.StringIO()
    assert build(Options(**book), stream=err) == 1
    assert "still running after 2 s" in err.getvalue()


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_interrupt_stops_everything_and_keeps_the_site(book: dict, how: str):
    before = snapshot(book["out"])
    write_notebook(book["notebooks"] / "02-slow.ipynb", *SLOW)
    write_notebook(book["notebooks"] / "03-slow.ipynb", *SLOW)
    run = start_cli(book, "--force")
    family = _kernels_running(run, 2)
    sent = time.monotonic()
    if how == "ctrl-c":
        os.killpg(run.pid, signal.SIGINT)  # what a terminal sends to the whole foreground group
    else:
        run.terminate()
    out, err = run.communicate(timeout=30)
    assert time.monotonic() - sent < 10
    assert run.returncode == (130 if how == "ctrl-c" else 143)
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines[-1].startswith("interrupted: " if how == "ctrl-c" else "stopped by SIGTERM: ")
    assert "site/ was left as it was" in lines[-1]
    assert "Traceback" not in err
    assert _all_gone(family) == []
    assert snapshot(book["out"]) == before


def test_a_kernel_still_starting_is_stopped_too(book: dict):
    """SIGTERM the moment a kernel process exists, before it has answered its first message."""
    write_notebook(book["notebooks"] / "02-slow.ipynb", *SLOW)
    run = start_cli(book, "--force")
    family = _kernels_running(run, 1, settle=0.0)
    run.terminate()
    run.communicate(timeout=30)
    assert run.returncode == 143
    # Killed, not left to notice on its own that its parent is gone (ipykernel polls for that).
    assert _all_gone(family, timeout=0.5) == []


def test_a_killed_worker_is_reported_and_the_others_stopped(book: dict):
    before = snapshot(book["out"])
    write_notebook(book["notebooks"] / "02-slow.ipynb", *SLOW)
    write_notebook(book["notebooks"] / "03-slow.ipynb", *SLOW)
    run = start_cli(book, "--force")
    family = _kernels_running(run, 2)
    kernel = next(p for p in family if "ipykernel_launcher" in _cmd(p))
    victim = kernel.parent()  # the worker that started it
    victim.kill()  # as the out-of-memory killer does
    out, err = run.communicate(timeout=30)
    assert run.returncode == 1
    assert "was killed by SIGKILL" in err and "the other chapters were stopped" in err
    assert "-slow.ipynb: the worker process executing it" in err
    assert "Traceback" not in err
    assert _all_gone(family) == []
    assert snapshot(book["out"]) == before


def test_one_job_at_a_time_leaves_no_kernel_behind(book: dict):
    for n in (2, 3):
        write_notebook(book["notebooks"] / f"0{n}-quick.ipynb", *QUICK)
    run = start_cli(book, "--jobs", "1")  # the first chapter is cached; the two new ones run one after the other
    seen: set[int] = set()
    while run.poll() is None:
        family = psutil.Process(run.pid).children(recursive=True) if psutil.pid_exists(run.pid) else []
        kernels = {p.pid for p in family if "ipykernel_launcher" in _cmd(p)}
        assert len(kernels) <= 1, "a finished chapter's kernel is still running"
        seen |= kernels
        time.sleep(0.1)
    assert run.returncode == 0, run.stderr.read()
    assert len(seen) >= 1
