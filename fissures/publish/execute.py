"""Execute one notebook in a fresh kernel, or reuse a cached run whose inputs have not changed.

A cached run is keyed by what its outputs depend on: the code cells, the kernel, the shared
package, the pinned requirements. The data files the run actually read (logged by
``fissures.paths.record_read``) and the figures it wrote are stored with it; the entry is
reused only while every one of those files still has the hash it had, so changing one data
file re-executes exactly the chapters that read it. Every stored file carries its hash in the
entry's manifest, so a damaged entry is detected and re-executed, never published.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import nbformat

from fissures import paths

KERNEL = "python3"
TIMEOUT = 600
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
CELL_FRAME = re.compile(r"Cell In\[(\d+)\], line (\d+)")
CACHE_FORMAT = 1


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
    """The hash of what every chapter depends on: the package (less the publisher) and the requirements."""
    digest = hashlib.sha256()
    digest.update(tree_hash(root / "fissures", "*.py", skip=("publish/",)).encode())
    for name in ("requirements.txt", "pyproject.toml"):
        path = root / name
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def code_key(nb: nbformat.NotebookNode, env_key: str) -> str:
    """The cache key of a notebook: its code cells, its kernel and the environment."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{KERNEL}\0{env_key}\0".encode())
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
    """Executed notebooks under ``.cache/executed/<name>/<key>/``, each with a manifest of hashes."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _entry(self, name: str, key: str) -> Path:
        return self.folder / name / key[:32]

    def get(self, name: str, key: str) -> tuple[nbformat.NotebookNode, dict[str, bytes], list[str]] | None:
        """The cached run, if present, intact, and all its inputs unchanged."""
        entry = self._entry(name, key)
        try:
            manifest = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
            if manifest.get("format") != CACHE_FORMAT or manifest.get("key") != key:
                return None
            stored = {}
            for rel, digest in manifest["stored"].items():
                data = (entry / rel).read_bytes()
                if _sha(data) != digest:
                    return None
                stored[rel] = data
            for file, digest in manifest["reads"].items():
                path = paths.ROOT / file  # absolute when the file lies outside the project
                if not path.exists() or _sha(path.read_bytes()) != digest:
                    return None
            nb = nbformat.reads(stored.pop("notebook.ipynb").decode("utf-8"), as_version=4)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        figures = {rel.split("/", 1)[1]: data for rel, data in stored.items() if rel.startswith("figures/")}
        return nb, figures, sorted(manifest["reads"])

    def put(self, name: str, key: str, nb: nbformat.NotebookNode, reads: list[Path], figures: dict[str, bytes]) -> None:
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
                read_hashes[paths.rel(path)] = _sha(path.read_bytes())
        manifest = {"format": CACHE_FORMAT, "key": key, "reads": read_hashes,
                    "stored": {rel: _sha(data) for rel, data in stored.items()}}
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        shutil.rmtree(entry, ignore_errors=True)
        os.replace(tmp, entry)
        for old in entry.parent.iterdir():  # keep only the newest entry of a notebook
            if old != entry:
                shutil.rmtree(old, ignore_errors=True)


def _failure_from(nb: nbformat.NotebookNode, label: str, err: Exception) -> Failure:
    """Find the failing cell in an executed notebook and the line that raised."""
    for index, cell in enumerate(nb.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            failure = Failure(notebook=label, cell=index, ename=output.get("ename", ""),
                              evalue=ANSI.sub("", output.get("evalue", "")))
            frames = CELL_FRAME.findall(ANSI.sub("", "\n".join(output.get("traceback", []))))
            if frames:
                number = int(frames[0][1])  # the cell's own frame comes first
                lines = cell.source.splitlines()
                if 0 < number <= len(lines):
                    failure.line_number, failure.line = number, lines[number - 1]
            return failure
    ename = getattr(err, "ename", "") or type(err).__name__
    text = str(err).strip()
    evalue = getattr(err, "evalue", "") or (text.splitlines()[0] if text else "")
    return Failure(notebook=label, ename=ename, evalue=evalue)


def _run(nb: nbformat.NotebookNode, path: Path, figures_dir: Path, data_dir: Path) -> tuple[list[Path], list[Path], Exception | None]:
    """Run ``nb`` in a fresh kernel with its folder as working directory; log reads and writes."""
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory(prefix="fissures-run-") as logs:
        reads_log, writes_log = Path(logs) / "reads", Path(logs) / "writes"
        reads_log.touch()
        writes_log.touch()
        env = {"FISSURES_READS_LOG": str(reads_log), "FISSURES_WRITES_LOG": str(writes_log),
               "FISSURES_FIGURES": str(figures_dir), "FISSURES_DATA": str(data_dir), "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg", "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0")}
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)  # the kernel inherits this process's environment
        try:
            # IPC sockets in a private folder: parallel kernels never race for TCP ports.
            manager = KernelManager(kernel_name=KERNEL, transport="ipc", ip=str(Path(logs) / "kernel"))
            client = NotebookClient(nb, km=manager, timeout=TIMEOUT, kernel_name=KERNEL, allow_errors=False,
                                    record_timing=False, resources={"metadata": {"path": str(path.parent)}})
            error = None
            # The kernel's own chatter goes to a log, read only when the kernel dies.
            with open(Path(logs) / "kernel.log", "w", encoding="utf-8") as kernel_log:
                try:
                    client.execute(stderr=kernel_log, stdout=kernel_log)
                except Exception as err:  # CellExecutionError, DeadKernelError, CellTimeoutError, …
                    error = err
            if error is not None and not getattr(error, "ename", ""):
                tail = (Path(logs) / "kernel.log").read_text(encoding="utf-8", errors="replace").strip()
                if tail:
                    error = RuntimeError(f"{error} (kernel said: {tail.splitlines()[-1]})")
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        reads = [Path(p) for p in reads_log.read_text(encoding="utf-8").splitlines() if p]
        writes = [Path(p) for p in writes_log.read_text(encoding="utf-8").splitlines() if p]
    return reads, writes, error


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


def execute(path: Path, cache: Cache | None, force: bool = False, figures_dir: Path = paths.FIGURES,
            data_dir: Path = paths.DATA, cached_only: bool = False) -> Executed | None:
    """Execute the notebook at ``path`` (or reuse its cached run) and say what happened.

    With ``cached_only``, return None instead of executing when there is no valid cached run.
    """
    label = paths.rel(path)
    name = path.stem
    start = time.perf_counter()
    try:
        nb = read_notebook(path)
    except ValueError as err:
        return Executed(name, None, 0.0, False, failure=Failure(notebook=label, evalue=str(err).split(": ", 1)[1]))
    key = code_key(nb, environment_key())
    if cache is not None and not force:
        hit = cache.get(name, key)
        if hit is not None:
            executed, figures, reads = hit
            figures_dir.mkdir(parents=True, exist_ok=True)
            for file, data in figures.items():  # figures/ mirrors what the site shows
                target = figures_dir / file
                if not target.exists() or target.read_bytes() != data:
                    target.write_bytes(data)
            return Executed(name, merge_outputs(nb, executed), time.perf_counter() - start, True, figures, reads)
    if cached_only:
        return None
    run = nbformat.from_dict(json.loads(json.dumps(nb)))
    reads, writes, error = _run(run, path, figures_dir, data_dir)
    seconds = time.perf_counter() - start
    if error is not None:
        return Executed(name, None, seconds, False, failure=_failure_from(run, label, error))
    figures = {p.name: p.read_bytes() for p in sorted(set(writes)) if p.exists()}
    if cache is not None:
        cache.put(name, key, run, reads, figures)
    return Executed(name, run, seconds, False, figures, sorted({paths.rel(p) for p in reads if p.is_file()}))
