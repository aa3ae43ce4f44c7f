"""Two builds at once in one checkout: the second waits for the first, and no figure is ever half written."""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
from pathlib import Path

from fissures import atomic
from tests.conftest import make_data_dir, start_cli, write_notebook

DRAWS = (("md", "# Draws\n\nIt draws a line."),
         ("code", "import matplotlib.pyplot as plt\nfrom fissures import figures\nfig, ax = plt.subplots()\n"
                  "ax.plot(range(2000), [i % 7 for i in range(2000)])\n"
                  "figures.save(fig, '01-line', alt='A zigzag.', caption='A line.', source='Fixture News')"))


def test_two_builds_at_once_take_turns_and_publish_whole_figures(tmp_path: Path):
    write_notebook(tmp_path / "notebooks" / "01-draws.ipynb", *DRAWS)
    folders = {"notebooks": tmp_path / "notebooks", "out": tmp_path / "site", "cache": tmp_path / "cache",
               "figures": tmp_path / "figures", "data": make_data_dir(tmp_path / "data")}
    first = start_cli(folders, "--force")
    second = start_cli(folders, "--force")
    results = [run.communicate(timeout=120) for run in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], results
    errors = "".join(err for _, err in results)
    assert "waiting: another build" in errors
    for svg in (folders["figures"] / "01-line.svg", folders["out"] / "figures" / "01-line.svg"):
        data = svg.read_bytes()
        assert b"\0" not in data
        ET.fromstring(data)  # a whole SVG document


def test_concurrent_writers_never_leave_a_mixed_file(tmp_path: Path):
    target = tmp_path / "figure.svg"
    payloads = [bytes([65 + n]) * 2_000_000 for n in range(4)]

    def write(data: bytes) -> None:
        for _ in range(5):
            atomic.write_bytes(target, data)

    threads = [threading.Thread(target=write, args=(p,)) for p in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert target.read_bytes() in payloads
    assert [p.name for p in tmp_path.iterdir()] == ["figure.svg"]
