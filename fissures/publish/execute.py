"""Execute one notebook in a fresh kernel, or reuse a cached run whose inputs have not changed.

A cached run is keyed by what its outputs depend on: the code cells, the kernel, the shared
package and the interpreter. Stored with it are the data files the run actually read (logged
by ``fissures.paths.record_read``), the figures it wrote, and the version of every installed
package its kernel had imported (``environment.PROBE``); the entry is reused only while every
one of those is unchanged, so changing one data file re-executes exactly the chapters that read
it, and upgrading pandas re-executes the chapters that imported it. Every stored file carries
its hash in the entry's manifest, so a damaged entry is detected and re-executed, never published.

A cell that runs longer than the cell timeout is stopped and named; outputs larger than the
output cap are cut, with a note on the page and a warning naming the cell.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import nbformat

from fissures import atomic, html, paths
from fissures.publish import environment
from fissures.publish.limits import CELL_TIMEOUT, MAX_OUTPUT

KERNEL = "python3"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
CELL_FRAME = re.compile(r"Cell In\[(\d+)\], line (\d+)")
CACHE_FORMAT = 2


@dataclass(frozen=True)
class RunOptions:
    """How to execute: where the cache, the figures and the data are, and the limits of one cell."""

    cache: Path | None = None  # folder of executed runs (``.cache/executed``); None: no cache
    force: bool = False
    figures: Path = paths.FIGURES
    data: Path = paths.DATA
    cell_timeout: int = CELL_TIMEOUT
    max_output: int = MAX_OUTPUT


@dataclass
class Failure:
    """Where and why a notebook failed, in a form a person can act on."""

    notebook: str
    cell: int | None = None  # 1-based position among all cells, as JupyterLab counts them
    ename: str = ""
    evalue: str = ""
    line: str = ""  # the source line of the cell that raised
    line_number: int | None = None

    def message(self) -> str:
        """One readable paragraph: notebook, cell, line, exception."""
        where = self.notebook
        if self.cell is not None:
            where += f", cell {self.cell}"
        if self.line_number is not None:
            where += f", line {self.line_number}"
        text = f"{where}: {self.ename}: {self.evalue}" if self.ename else f"{where}: {self.evalue}"
        if self.line:
            text += f"\n    {self.line.strip()}"
        return text


@dataclass
class Executed:
    """An executed notebook and what its run read and wrote."""

    name: str
    notebook: nbformat.NotebookNode | None
    seconds: float
    cached: bool
    figures: dict[str, bytes] = field(default_factory=dict)  # file name -> content
    reads: list[str] = field(default_factory=list)  # the data files the run read, relative to the project
    failure: Failure | None = None
    warnings: list[str] = field(default_factory=list)  # for the author: outputs cut, and where


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tree_hash(folder: Path, pattern: str = "*", skip: tuple[str, ...] = ()) -> str:
    """The hash of every file under ``folder`` matching ``pattern``, by name and content."""
    digest = hashlib.sha256()
    for path in sorted(Path(folder).rglob(pattern)):
        rel = path.relative_to(folder).as_posix()
        if any(rel.startswith(s) for s in skip) or "__pycache__" in rel or not path.is_file():
            continue
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=4)
def environment_key(root: Path = paths.ROOT) -> str:
    """The hash of what every chapter depends on before it runs: the package (less the publisher) and
    the interpreter. (The versions of the packages it imports are checked per run, see ``Cache.get``.)"""
    digest = hashlib.sha256(environment.python().encode() + b"\0")
    digest.update(tree_hash(root / "fissures", "*.py", skip=("publish/",)).encode())
    from fissures import i18n  # the editions drawn, and their words: a French run is not an English one

    if len(i18n.LOCALES) > 1:
        digest.update(",".join(i18n.LOCALES).encode() + b"\0")
        if (root / "locales").exists():
            digest.update(tree_hash(root / "locales", "*.po").encode())
    return digest.hexdigest()


def code_key(nb: nbformat.NotebookNode, env_key: str, max_output: int = MAX_OUTPUT) -> str:
    """The cache key of a notebook: its code cells, its kernel, the environment and the output cap."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{KERNEL}\0{env_key}\0{max_output}\0".encode())
    for cell in nb.cells:
        if cell.cell_type == "code":
            digest.update(cell.source.encode() + b"\0")
    return digest.hexdigest()


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """Read and validate a notebook; raise ValueError naming the file on a malformed one."""
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except Exception as err:  # nbformat raises JSON, validation and OS errors alike
        raise ValueError(f"{paths.rel(path)}: is not a readable notebook ({type(err).__name__}: {err})") from None
    return nb


class Cache:
    """Executed notebooks under ``.cache/executed/<name>/<key>/``, each with a manifest of hashes.

    A data file a run read is recorded relative to the data folder (``@data/events.csv``), so a
    run stays valid, and a changed file is noticed, wherever that folder is.
    """

    DATA = "@data/"

    def __init__(self, folder: Path, data: Path = paths.DATA):
        self.folder, self.data = folder, Path(data).resolve()

    def _path(self, name: str) -> Path:
        if name.startswith(self.DATA):
            return self.data / name[len(self.DATA):]
        return paths.ROOT / name  # absolute when the file lies outside the project

    def _entry(self, name: str, key: str) -> Path:
        return self.folder / name / key[:32]

    def get(self, name: str, key: str) -> tuple[nbformat.NotebookNode, dict[str, bytes], list[str], list[str]] | None:
        """The cached run, if present, intact, and all its inputs (files and packages) unchanged."""
        entry = self._entry(name, key)
        try:
            manifest = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
            if manifest.get("format") != CACHE_FORMAT or manifest.get("key") != key:
                return None
            if manifest["python"] != environment.python() or environment.changed(manifest["packages"]):
                return None
            stored = {}
            for rel, digest in manifest["stored"].items():
                data = (entry / rel).read_bytes()
                if _sha(data) != digest:
                    return None
                stored[rel] = data
            for file, digest in manifest["reads"].items():
                path = self._path(file)
                if not path.exists() or _sha(path.read_bytes()) != digest:
                    return None
            nb = nbformat.reads(stored.pop("notebook.ipynb").decode("utf-8"), as_version=4)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        figures = {rel.split("/", 1)[1]: data for rel, data in stored.items() if rel.startswith("figures/")}
        return nb, figures, shown_reads(manifest["reads"]), list(manifest.get("warnings", []))

    def put(self, name: str, key: str, nb: nbformat.NotebookNode, reads: list[Path], figures: dict[str, bytes],
            packages: dict[str, str], warnings: list[str] = ()) -> None:
        """Store a run; written to a temporary folder and renamed, so readers never see half an entry."""
        entry = self._entry(name, key)
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=entry.parent))
        stored = {"notebook.ipynb": nbformat.writes(nb).encode("utf-8")}
        stored.update({f"figures/{n}": data for n, data in figures.items()})
        for rel, data in stored.items():
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp / rel).write_bytes(data)
        read_hashes = {}
        for path in sorted(set(reads)):
            if path.exists() and path.is_file():
                read_hashes[read_name(path, self.data)] = _sha(path.read_bytes())
        manifest = {"format": CACHE_FORMAT, "key": key, "reads": read_hashes, "python": environment.python(),
                    "packages": packages, "warnings": list(warnings), "stored": {rel: _sha(data) for rel, data in stored.items()}}
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        shutil.rmtree(entry, ignore_errors=True)
        os.replace(tmp, entry)
        for old in entry.parent.iterdir():  # keep only the newest entry of a notebook
            if old != entry:
                shutil.rmtree(old, ignore_errors=True)


def read_name(path: Path, data: Path) -> str:
    """How a run's manifest names a file it read: under the data folder ``@data/…``, else from the project."""
    path, data = Path(path).resolve(), Path(data).resolve()
    return Cache.DATA + path.relative_to(data).as_posix() if path.is_relative_to(data) else paths.rel(path)


def shown_reads(names) -> list[str]:
    """The data files a run read, as a page names them: ``data/events.csv``."""
    return sorted({"data/" + n[len(Cache.DATA):] if n.startswith(Cache.DATA) else n for n in names})


def _failure_from(nb: nbformat.NotebookNode, label: str, err: Exception, running: int | None,
                  timeout: int | None, kernel_said: str = "") -> Failure:
    """Find the failing cell in an executed notebook and the line that raised.

    ``running`` is the (0-based) index of the cell that was executing when the run stopped: the
    one to name when the kernel died or the cell ran out of time, which leave no error output.
    """
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    if not isinstance(err, (CellTimeoutError, DeadKernelError)):  # an exception: the cell's error output says where
        for index, cell in enumerate(nb.cells, start=1):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    return _error_output(label, index, cell, output)
    number = running + 1 if running is not None and running < len(nb.cells) else None
    first = next((line for line in nb.cells[running].source.splitlines() if line.strip()), "") if number else ""
    said = f" (the kernel said: {kernel_said})" if kernel_said else ""
    if isinstance(err, CellTimeoutError):
        return Failure(notebook=label, cell=number, line=first,
                       evalue=f"the cell was still running after {timeout} s, so it was stopped (raise the limit "
                              "with --cell-timeout SECONDS, or with \"execution\": {\"timeout\": SECONDS} in the "
                              "notebook's metadata)")
    if isinstance(err, DeadKernelError):
        return Failure(notebook=label, cell=number, line=first, ename="DeadKernelError",
                       evalue=f"the kernel died while running this cell{said}")
    ename = getattr(err, "ename", "") or type(err).__name__
    text = str(err).strip()
    evalue = getattr(err, "evalue", "") or (text.splitlines()[0] if text else "")
    return Failure(notebook=label, ename=ename, evalue=evalue + said)


def _error_output(label: str, number: int, cell: dict, output: dict) -> Failure:
    """The failure an error output describes, with the line of the cell that raised."""
    failure = Failure(notebook=label, cell=number, ename=output.get("ename", ""),
                      evalue=ANSI.sub("", output.get("evalue", "")))
    frames = CELL_FRAME.findall(ANSI.sub("", "\n".join(output.get("traceback", []))))
    if frames:
        line = int(frames[0][1])  # the cell's own frame comes first
        lines = cell.source.splitlines()
        if 0 < line <= len(lines):
            failure.line_number, failure.line = line, lines[line - 1]
    return failure


def cell_timeout(nb: nbformat.NotebookNode, default: int) -> int:
    """The notebook's own limit (metadata ``execution.timeout``, as Jupyter Book writes it), else ``default``."""
    value = nb.metadata.get("execution", {}).get("timeout")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else default


@dataclass
class _Run:
    """What one kernel run produced besides the notebook."""

    reads: list[Path]
    writes: list[Path]
    error: Exception | None
    running: int | None  # the cell executing when the run ended (0-based)
    packages: dict[str, str] | None  # what the kernel imported, from environment.PROBE
    kernel_said: str = ""  # the kernel's last line on stderr, when it failed without an error output


def _run(nb: nbformat.NotebookNode, path: Path, options: RunOptions, folder: Path,
         on_kernel: Callable[[int], None] | None = None) -> _Run:
    """Run ``nb`` in a fresh kernel with its folder as working directory; log reads and writes.

    ``folder`` holds the run's logs and the kernel's sockets; ``on_kernel`` is told the kernel's
    process id as soon as it runs (the kernel leads a process group of its own). The kernel is
    always shut down before this returns.
    """
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    reads_log, writes_log = folder / "reads", folder / "writes"
    reads_log.touch()
    writes_log.touch()
    env = {"FISSURES_READS_LOG": str(reads_log), "FISSURES_WRITES_LOG": str(writes_log),
           "FISSURES_FIGURES": str(options.figures), "FISSURES_DATA": str(options.data), "PYTHONHASHSEED": "0",
           "MPLBACKEND": "Agg", "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0"),
           "FISSURES_CHAPTER": path.stem}  # a map's page links back to its chapter
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # the kernel inherits this process's environment
    nb.cells.append(nbformat.v4.new_code_cell(environment.PROBE, id="fissures-probe"))
    running: list[int | None] = [None]
    timeout = cell_timeout(nb, options.cell_timeout)
    try:
        # An asynchronous manager, so that nbclient's event loop stays free to notice a timeout;
        # IPC sockets in a private folder, so that parallel kernels never race for TCP ports.
        class Manager(AsyncKernelManager):
            async def _async_launch_kernel(self, kernel_cmd, **kw) -> None:
                await super()._async_launch_kernel(kernel_cmd, **kw)
                # Told the moment the process exists, not once it answers: a build stopped
                # while the kernel is still importing must still find it to kill it.
                if on_kernel is not None and self.provisioner is not None:
                    on_kernel(self.provisioner.pid)

        manager = Manager(kernel_name=KERNEL, transport="ipc", ip=str(folder / "kernel"))
        client = NotebookClient(nb, km=manager, timeout=timeout, kernel_name=KERNEL, allow_errors=False,
                                record_timing=False, resources={"metadata": {"path": str(path.parent)}},
                                on_cell_start=lambda cell, cell_index: running.__setitem__(0, cell_index))
        error = None
        # The kernel's own chatter goes to a log, read only when the kernel dies.
        with open(folder / "kernel.log", "w", encoding="utf-8") as kernel_log:
            try:
                client.execute(cleanup_kc=True, stderr=kernel_log, stdout=kernel_log)
            except Exception as err:  # CellExecutionError, DeadKernelError, CellTimeoutError, …
                error = err
        said = ""
        if error is not None and not getattr(error, "ename", ""):
            tail = (folder / "kernel.log").read_text(encoding="utf-8", errors="replace").strip()
            said = tail.splitlines()[-1] if tail else ""
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    probe = nb.cells.pop()
    packages = None
    if error is None:
        text = "".join(o.get("text", "") for o in probe.get("outputs", []) if o.get("name") == "stdout")
        try:
            report = json.loads(text)
            packages = report["packages"] if report["python"] == environment.python() else None
        except (ValueError, KeyError, TypeError):
            packages = None
    reads = [Path(p) for p in reads_log.read_text(encoding="utf-8").splitlines() if p]
    writes = [Path(p) for p in writes_log.read_text(encoding="utf-8").splitlines() if p]
    return _Run(reads, writes, error, running[0], packages, said)


def cap_outputs(nb: nbformat.NotebookNode, limit: int, label: str) -> list[str]:
    """Cut every cell's outputs to ``limit`` bytes, with a visible note; return a warning per cell cut."""
    warnings = []
    for number, cell in enumerate(nb.cells, start=1):
        outputs = cell.get("outputs", [])
        size = len(json.dumps(outputs, ensure_ascii=False).encode("utf-8"))
        if cell.get("cell_type") != "code" or size <= limit:
            continue
        kept, used = [], 0
        for output in outputs:
            one = len(json.dumps(output, ensure_ascii=False).encode("utf-8"))
            if used + one <= limit:
                kept.append(output)
                used += one
            elif output.get("output_type") == "stream" and limit - used > 0:
                text = output.get("text", "")
                kept.append(nbformat.v4.new_output("stream", name=output.get("name", "stdout"),
                                                   text=text[: max(0, (limit - used) // 4)]))
                used = limit
        shown = f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{size / 1e3:.0f} KB"
        note = (f"Output truncated: this cell printed {shown}, more than the {limit / 1e6:g} MB a page shows. "
                "Run the notebook to see all of it.")
        kept.append(nbformat.v4.new_output("display_data", data={
            "text/plain": note, "text/html": str(html.part("output_truncated", note))}))
        cell["outputs"] = kept
        warnings.append(f"{label}, cell {number}: output cut from {shown} to {limit / 1e6:g} MB (--max-output)")
    return warnings


def merge_outputs(source: nbformat.NotebookNode, executed: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The current notebook (its markdown as it is now) with the outputs of a run of the same code."""
    merged = nbformat.from_dict(json.loads(json.dumps(source)))
    runs = [c for c in executed.cells if c.cell_type == "code"]
    codes = [c for c in merged.cells if c.cell_type == "code"]
    for cell, run in zip(codes, runs):
        cell.outputs = run.get("outputs", [])
        cell.execution_count = run.get("execution_count")
    if "language_info" in executed.metadata:
        merged.metadata["language_info"] = executed.metadata["language_info"]
    return merged


def cached(path: Path, options: RunOptions) -> Executed | None:
    """The notebook's cached run, if it is still valid (its figures restored to ``figures/``); else None."""
    if options.cache is None or options.force:
        return None
    start = time.perf_counter()
    try:
        nb = read_notebook(path)
    except ValueError:
        return None
    hit = Cache(options.cache, options.data).get(path.stem, code_key(nb, environment_key(), options.max_output))
    if hit is None:
        return None
    executed, figures, reads, warnings = hit
    options.figures.mkdir(parents=True, exist_ok=True)
    for file, data in figures.items():  # figures/ mirrors what the site shows
        target = options.figures / file
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != data:
            atomic.write_bytes(target, data)
    return Executed(path.stem, merge_outputs(nb, executed), time.perf_counter() - start, True, figures, reads,
                    warnings=warnings)


def execute(path: Path, options: RunOptions, folder: Path, on_kernel: Callable[[int], None] | None = None) -> Executed:
    """Execute the notebook at ``path`` in a fresh kernel (``folder``: a private folder for the run) and store the run."""
    label = paths.rel(path)
    name = path.stem
    start = time.perf_counter()
    try:
        nb = read_notebook(path)
    except ValueError as err:
        return Executed(name, None, 0.0, False, failure=Failure(notebook=label, evalue=str(err).split(": ", 1)[1]))
    key = code_key(nb, environment_key(), options.max_output)
    run = nbformat.from_dict(json.loads(json.dumps(nb)))
    result = _run(run, path, options, folder, on_kernel)
    seconds = time.perf_counter() - start
    if result.error is not None:
        return Executed(name, None, seconds, False,
                        failure=_failure_from(run, label, result.error, result.running,
                                              cell_timeout(nb, options.cell_timeout), result.kernel_said))
    warnings = cap_outputs(run, options.max_output, label)
    # Named by their place under figures/: an edition's figures sit in figures/<locale>/.
    figures = {(p.relative_to(options.figures).as_posix() if p.is_relative_to(options.figures) else p.name):
               p.read_bytes() for p in sorted(set(result.writes)) if p.exists()}
    if options.cache is not None and result.packages is not None:
        Cache(options.cache, options.data).put(name, key, run, result.reads, figures, result.packages, warnings)
    return Executed(name, run, seconds, False, figures,
                    shown_reads(read_name(p, options.data) for p in result.reads if p.is_file()), warnings=warnings)
