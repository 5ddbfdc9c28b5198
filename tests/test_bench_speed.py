"""The speed bench's pure parts: statistics, ordering and tables; and its byte-compile step."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.run import PageResult, ToolPage
from bench.speed import (
    aggregate,
    byte_compile_command,
    percentile,
    ratio,
    rotated,
    slowest,
    speed_table,
    startup_table,
    timings,
)


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 21)]  # 1..20
    assert percentile(values, 95) == 19.0  # ceil(0.95 * 20) = 19th value
    assert percentile(values, 50) == 10.0
    assert percentile(values, 100) == 20.0
    assert percentile([5.0, 1.0, 3.0], 95) == 5.0  # unsorted input
    assert percentile([7.0], 95) == 7.0


def test_percentile_rejects_nothing_and_bad_q() -> None:
    with pytest.raises(ValueError):
        percentile([], 95)
    with pytest.raises(ValueError):
        percentile([1.0], 0)


def test_aggregate_min_and_median() -> None:
    assert aggregate([3.0, 1.0, 2.0], "min") == 1.0
    assert aggregate([3.0, 1.0, 2.0, 10.0], "median") == 2.5
    with pytest.raises(ValueError):
        aggregate([1.0], "mean")


def test_ratio_and_rotation() -> None:
    assert ratio(5.0, 10.0) == "0.50x"
    assert ratio(None, 10.0) == "n/a"
    assert ratio(1.0, 0.0) == "n/a"
    assert rotated(["a", "b", "c"], 0) == ["a", "b", "c"]
    assert rotated(["a", "b", "c"], 4) == ["b", "c", "a"]
    assert rotated([], 3) == []


def _page(dataset: str, pid: str, **ms: float) -> PageResult:
    return PageResult(dataset, pid, "article", {t: ToolPage("ok", v, 1.0) for t, v in ms.items()})


RESULTS = [
    _page("aeb", "a1", cleaner=10.0, trafilatura=20.0),
    _page("aeb", "a2", cleaner=30.0, trafilatura=40.0),
    _page("wcxb", "w1", cleaner=1500.0, trafilatura=60.0),
    _page("wcxb", "w2", cleaner=50.0, trafilatura=100.0),
]


def test_timings_per_dataset_and_over_both() -> None:
    aeb = timings(RESULTS, "cleaner", "aeb")
    assert aeb.times == [10.0, 30.0]
    assert aeb.median == 20.0
    assert aeb.p95 == 30.0
    both = timings(RESULTS, "cleaner", None)
    assert both.median == 40.0  # (30 + 50) / 2
    assert both.worst == 1500.0
    assert both.over(1000.0) == 1
    unavailable = [PageResult("aeb", "x", "article", {"cleaner": ToolPage("unavailable", 0, 0)})]
    assert timings(unavailable, "cleaner", "aeb").median is None


def test_speed_table_rows_and_ratio() -> None:
    f1 = {("cleaner", "aeb"): 0.95, ("cleaner", "wcxb"): 0.84, ("trafilatura", "aeb"): None}
    table = speed_table(RESULTS, ["cleaner", "trafilatura"], ["aeb", "wcxb"], f1)
    lines = table.splitlines()
    assert lines[0].split("|")[1].strip() == "tool"
    assert "AEB median ms" in lines[0] and "both p95 ms" in lines[0]
    cells = [c.strip() for c in lines[2].split("|")[1:-1]]
    # tool, AEB F1, median, p95, WCXB-dev F1, median, p95, both median, p95, slowest, > 1 s
    assert cells == [
        "cleaner",
        "0.950",
        "20.0",
        "30.0",
        "0.840",
        "775",
        "1500",
        "40.0",
        "1500",
        "1500",
        "1",
    ]
    traf = [c.strip() for c in lines[3].split("|")[1:-1]]
    assert traf[1] == "n/a"  # no F1 given
    ratios = [c.strip() for c in lines[4].split("|")[1:-1]]
    assert ratios[0] == "cleaner / trafilatura"
    assert ratios[2] == "0.67x"  # AEB median 20 / 30
    assert ratios[3] == "0.75x"  # AEB p95 30 / 40


def test_speed_table_one_dataset_has_no_both_columns() -> None:
    table = speed_table(RESULTS, ["cleaner"], ["aeb"], {})
    assert "both" not in table
    assert table.splitlines()[2].split("|")[-2].strip() == "0"  # no AEB page over 1 s


def test_slowest_pages_first() -> None:
    assert [r.page_id for r in slowest(RESULTS, "cleaner", 2)] == ["w1", "w2"]


def test_startup_table_ratios_and_failures() -> None:
    times = {
        "cleaner PAGE": [50.0, 40.0, 60.0],
        "trafilatura < PAGE": [100.0, 200.0, 150.0],
        "cleaner --help": [10.0],
        "trafilatura --help": [30.0],
    }
    out = startup_table(times, {"cleaner --help": 2})
    assert "| cleaner PAGE / trafilatura < PAGE   | 0.33x |" in out
    assert "exit 2" in out
    assert "| cleaner --help / trafilatura --help | n/a   |" in out


def test_byte_compile_writes_the_cache_and_names_what_it_cannot_find(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("X = 1\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "PYTHONDONTWRITEBYTECODE": "1"}
    command = byte_compile_command(Path(sys.executable).parent, ["pkg"])
    assert subprocess.run(command, env=env).returncode == 0
    assert list((package / "__pycache__").glob("__init__.*.pyc"))
    command = byte_compile_command(Path(sys.executable).parent, ["pkg", "no_such_pkg"])
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert (done.returncode, done.stderr.strip()) == (1, "no_such_pkg")
