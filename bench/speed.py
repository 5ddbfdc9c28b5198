"""Time cleaner beside the extractors users would pick instead: per page in process, peak
memory per page, and start-up as a new process. Run from the project root."""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from bench.run import (
    DATASET_DIRS,
    DATASET_LABELS,
    DATASETS,
    DEFAULT_DATA,
    ROOT,
    TOOLS,
    PageResult,
    Task,
    Tool,
    ToolPage,
    Unavailable,
    _table,
    call_tool,
    load_aeb,
    load_wcxb,
    read_page,
    score_output,
    summarise,
)

# The bar: a page over this is a worst case to fix.
SLOW_PAGE_MS = 1000.0
SLOWEST_LISTED = 10
DEFAULT_SMALL_PAGE = ROOT / "samples" / "news-with-chrome" / "input.html"
# Faults the tool's code and lazily built tables into the forked child before its peak is
# reset, so the page's peak is not inflated by shared pages touched for the first time.
WARM_UP_PAGE = (
    b"<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>"
    + b"<p>A first paragraph of ordinary prose, long enough to be content. </p>" * 8
    + b"</article></body></html>"
)


# --- resiliparse: a reference peer, not in bench.run's quality tables -----------------------


@cache
def _resiliparse() -> tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any], Any]:
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.encoding import bytes_to_str, detect_encoding
        from resiliparse.parse.html import HTMLTree
    except ImportError as exc:
        raise Unavailable("resiliparse is not installed (pip install -e '.[bench]')") from exc
    return extract_plain_text, bytes_to_str, detect_encoding, HTMLTree


def _run_resiliparse(data: bytes) -> str:
    extract, to_str, detect, tree = _resiliparse()
    # Its documented path: detect the encoding, decode, parse, main-content text.
    return str(extract(tree.parse(to_str(data, detect(data))), main_content=True))


SPEED_TOOLS: dict[str, Tool] = {
    "cleaner": TOOLS["cleaner"],
    "trafilatura": TOOLS["trafilatura"],
    "readability": TOOLS["readability"],
    "resiliparse": Tool("resiliparse", _run_resiliparse, _resiliparse, markdown=False),
}
DISTRIBUTIONS = {
    "cleaner": "cleaner-md",
    "trafilatura": "trafilatura",
    "readability": "readability-lxml",
    "resiliparse": "resiliparse",
}
REFERENCE = "trafilatura"


def tool_label(name: str) -> str:
    try:
        return f"{name} {metadata.version(DISTRIBUTIONS[name])}"
    except (metadata.PackageNotFoundError, KeyError):
        return name


# --- statistics (pure; tested in tests/test_bench_speed.py) ---------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value with at least q% of the values at or
    below it. Always a measured value, never an interpolation between two pages."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 < q <= 100:
        raise ValueError("q must be in (0, 100]")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def aggregate(runs: Sequence[float], how: str) -> float:
    """One page's time from its R runs: min (what the page costs when nothing else on the
    shared cores gets in the way) or median."""
    if how == "min":
        return min(runs)
    if how == "median":
        return statistics.median(runs)
    raise ValueError(f"unknown aggregate {how!r}")


def ratio(num: float | None, den: float | None) -> str:
    if num is None or not den:
        return "n/a"
    return f"{num / den:.2f}x"


def ms(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def rotated(items: Sequence[str], by: int) -> list[str]:
    """The tools in a different order each round: none is always first (cold caches) or
    always right after a given other tool."""
    if not items:
        return []
    k = by % len(items)
    return [*items[k:], *items[:k]]


@dataclass
class Timing:
    """A tool's per-page times on one data set (pages where it ran)."""

    times: list[float] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def p95(self) -> float | None:
        return percentile(self.times, 95) if self.times else None

    @property
    def worst(self) -> float | None:
        return max(self.times) if self.times else None

    def over(self, limit_ms: float) -> int:
        return sum(t > limit_ms for t in self.times)


def timings(results: Iterable[PageResult], tool: str, dataset: str | None) -> Timing:
    t = Timing()
    for r in results:
        tp = r.tools.get(tool)
        if tp is not None and tp.status != "unavailable" and dataset in (None, r.dataset):
            t.times.append(tp.ms)
    return t


def speed_table(
    results: Sequence[PageResult],
    tools: Sequence[str],
    datasets: Sequence[str],
    f1: dict[tuple[str, str], float | None],
    labels: dict[str, str] | None = None,
) -> str:
    """F1, median and p95 ms/page per data set (and over both), worst page, pages over 1 s;
    then cleaner's ratio to the reference tool."""
    labels = labels or {}
    scopes: list[str | None] = [*datasets, None] if len(datasets) > 1 else [*datasets]
    header = ["tool"]
    for ds in scopes:
        name = DATASET_LABELS[ds] if ds else "both"
        header += ([f"{name} F1"] if ds else []) + [f"{name} median ms", f"{name} p95 ms"]
    header += ["slowest ms", "pages > 1 s"]
    per_tool = {t: {ds: timings(results, t, ds) for ds in scopes} for t in tools}
    rows = []
    for tool in tools:
        row = [labels.get(tool, tool)]
        for ds in scopes:
            tm = per_tool[tool][ds]
            if ds:
                score = f1.get((tool, ds))
                row.append("n/a" if score is None else f"{score:.3f}")
            row += [ms(tm.median), ms(tm.p95)]
        whole = per_tool[tool][scopes[-1]] if len(scopes) == 1 else per_tool[tool][None]
        row += [ms(whole.worst), str(whole.over(SLOW_PAGE_MS)) if whole.times else "n/a"]
        rows.append(row)
    if "cleaner" in tools and REFERENCE in tools:
        row = [f"cleaner / {REFERENCE}"]
        for ds in scopes:
            ours, theirs = per_tool["cleaner"][ds], per_tool[REFERENCE][ds]
            row += (["–"] if ds else []) + [
                ratio(ours.median, theirs.median),
                ratio(ours.p95, theirs.p95),
            ]
        rows.append([*row, "", ""])
    return _table(header, rows)


def slowest(results: Sequence[PageResult], tool: str, n: int) -> list[PageResult]:
    ran = [r for r in results if tool in r.tools and r.tools[tool].status != "unavailable"]
    return sorted(ran, key=lambda r: -r.tools[tool].ms)[:n]


# --- per page, in process -------------------------------------------------------------------


def run_pages(
    tasks: Sequence[Task], tools: Sequence[str], repeat: int, how: str, show: bool
) -> tuple[list[PageResult], list[tuple[int, int]]]:
    """Every tool on every page, interleaved (R rounds per page, the order rotating), and
    this process's resident memory after each page: (pages done, VmRSS KiB)."""
    results: list[PageResult] = []
    rss_trace: list[tuple[int, int]] = []
    for i, task in enumerate(tasks):
        data = read_page(task)
        runs: dict[str, list[float]] = {t: [] for t in tools}
        first: dict[str, tuple[str, str, str]] = {}
        for r in range(repeat):
            for name in rotated(tools, i + r):
                out, took, status, message = call_tool(SPEED_TOOLS[name], data)
                runs[name].append(took)
                first.setdefault(name, (out, status, message))
        pages: dict[str, ToolPage] = {}
        for name in tools:
            out, status, message = first[name]
            took = aggregate(runs[name], how)
            pages[name] = score_output(task, SPEED_TOOLS[name], out, took, status, message)
        results.append(PageResult(task.dataset, task.page_id, task.gold.page_type, pages))
        rss = proc_status_kib(os.getpid(), "VmRSS")
        if rss is not None:
            rss_trace.append((i + 1, rss))
        if show and ((i + 1) % 10 == 0 or i + 1 == len(tasks)):
            print(f"\r{i + 1}/{len(tasks)} pages", end="", file=sys.stderr, flush=True)
    if show:
        print(file=sys.stderr)
    return results, rss_trace


# --- memory ---------------------------------------------------------------------------------


def proc_status_kib(pid: int | str, key: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def reset_peak_rss() -> bool:
    """Linux 4.0+: set VmHWM back to the current VmRSS."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def in_fork(work: Callable[[], str | None]) -> str | None:
    """`work()`'s answer, computed in a forked copy of this process: whatever it allocates
    or leaves behind dies with the copy. None when it failed or answered nothing."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 1
        try:
            os.close(read_fd)
            answer = work()
            if answer:
                os.write(write_fd, answer.encode("ascii"))
                code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as fh:
        answer = fh.read().decode("ascii")
    _, status = os.waitpid(pid, 0)
    return answer if status == 0 and answer else None


def page_peak_kib(tool: Tool, data: bytes) -> tuple[int, int] | None:
    """(resident KiB before the page, peak resident KiB while the tool cleans it), in a
    forked copy of this process warmed up on a small page: so each page is measured alone,
    with the tool's imports and caches already there, and nothing it leaves behind counts
    for the next page."""

    def work() -> str | None:
        with contextlib.suppress(Exception):
            tool.run(WARM_UP_PAGE)
        before = proc_status_kib("self", "VmRSS")
        if not reset_peak_rss() or before is None:
            return None
        with contextlib.suppress(Exception):  # a page refused still had a peak
            tool.run(data)
        peak = proc_status_kib("self", "VmHWM")
        return None if peak is None else f"{before} {peak}"

    answer = in_fork(work)
    if answer is None:
        return None
    before, peak = (int(x) for x in answer.split())
    return before, peak


@dataclass
class Memory:
    """One tool's peak resident memory per page (KiB above the warmed-up process)."""

    tool: str
    base_kib: int = 0  # resident size of the warmed-up process before a page
    extra_kib: dict[tuple[str, str], int] = field(default_factory=dict)

    def values(self) -> list[int]:
        return list(self.extra_kib.values())


def measure_memory(tasks: Sequence[Task], tools: Sequence[str], show: bool) -> dict[str, Memory]:
    out: dict[str, Memory] = {}
    for name in tools:
        tool = SPEED_TOOLS[name]
        try:
            tool.prepare()
        except Unavailable:
            continue
        mem = Memory(name)
        bases = []
        for i, task in enumerate(tasks):
            got = page_peak_kib(tool, read_page(task))
            if got is not None:
                bases.append(got[0])
                mem.extra_kib[(task.dataset, task.page_id)] = max(0, got[1] - got[0])
            if show and ((i + 1) % 50 == 0 or i + 1 == len(tasks)):
                print(f"\rmemory {name}: {i + 1}/{len(tasks)}", end="", file=sys.stderr)
        if show:
            print(file=sys.stderr)
        mem.base_kib = int(statistics.median(bases)) if bases else 0
        out[name] = mem
    return out


def long_run(tasks: Sequence[Task], tool: Tool) -> list[tuple[int, int, int]]:
    """The tool alone over every page in one forked process, as a long batch runs: after
    each tenth of the pages, a full garbage collection, then (pages, VmRSS KiB, objects
    the collector tracks). Growth after the first tenth is what the tool keeps."""

    def work() -> str:
        marks = {max(1, len(tasks) * k // 10) for k in range(1, 11)}
        rows = []
        for i, task in enumerate(tasks, 1):
            with contextlib.suppress(Exception):
                tool.run(read_page(task))
            if i in marks:
                gc.collect()
                rss = proc_status_kib("self", "VmRSS") or 0
                rows.append(f"{i} {rss} {len(gc.get_objects())}")
        return "\n".join(rows)

    answer = in_fork(work)
    if answer is None:
        return []
    return [(int(a), int(b), int(c)) for a, b, c in (line.split() for line in answer.splitlines())]


def long_run_summary(name: str, rows: Sequence[tuple[int, int, int]]) -> str:
    if len(rows) < 2:
        return f"{name}: long run failed"
    (n0, rss0, obj0), (n1, rss1, obj1) = rows[0], rows[-1]
    high = max(r[1] for r in rows)
    return (
        f"{name} alone over all {n1} pages in one process: resident {mib(rss0)} MiB after "
        f"{n0} pages, {mib(rss1)} MiB after {n1} ({(rss1 - rss0) / 1024:+.1f} MiB, highest "
        f"{mib(high)}); objects tracked by the garbage collector {obj0} -> {obj1} "
        f"({obj1 - obj0:+d})."
    )


def mib(kib: float) -> str:
    return f"{kib / 1024:.1f}"


def memory_table(memory: dict[str, Memory], labels: dict[str, str]) -> str:
    rows = []
    for name, mem in memory.items():
        v = mem.values()
        if not v:
            rows.append([labels.get(name, name), "n/a", "n/a", "n/a", "n/a", "n/a"])
            continue
        rows.append(
            [
                labels.get(name, name),
                mib(mem.base_kib),
                mib(statistics.median(v)),
                mib(percentile(v, 95)),
                mib(max(v)),
                mib(mem.base_kib + max(v)),
            ]
        )
    header = [
        "tool",
        "process before a page MiB",
        "page peak median MiB",
        "p95 MiB",
        "max MiB",
        "process peak max MiB",
    ]
    return _table(header, rows)


# --- start-up -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    label: str
    argv: tuple[str, ...]
    stdin: Path | None = None


def startup_commands(bin_dir: Path, page: Path) -> list[Command]:
    cleaner, trafilatura = str(bin_dir / "cleaner"), str(bin_dir / "trafilatura")
    return [
        Command("python -c pass (floor)", (str(bin_dir / "python"), "-c", "pass")),
        Command("cleaner PAGE", (cleaner, str(page))),
        Command("cleaner < PAGE", (cleaner,), page),
        # trafilatura's CLI takes one page on stdin: its --input-file is a list of URLs.
        Command("trafilatura < PAGE", (trafilatura,), page),
        Command("cleaner --help", (cleaner, "--help")),
        Command("trafilatura --help", (trafilatura, "--help")),
    ]


# Start-up is timed with the byte code an install leaves. pip compiles a package's modules
# as it installs them, but an editable install under PYTHONDONTWRITEBYTECODE=1 (some CI
# runners and sandboxes set it) never caches cleaner's: every run would compile its ~6,000
# lines again (20-25 ms of a one-page run) while trafilatura's cached byte code loads. Both
# packages are compiled the same way first; a cache that is up to date is left alone.
STARTUP_PACKAGES = ("cleaner", "trafilatura")
_BYTE_COMPILE = """
import compileall, importlib.util, sys
failed = []
for name in sys.argv[1:]:
    spec = importlib.util.find_spec(name)
    places = list(spec.submodule_search_locations or []) if spec else []
    if not places or not all(compileall.compile_dir(p, quiet=1) for p in places):
        failed.append(name)
sys.exit(", ".join(failed) or None)
"""


def byte_compile_command(bin_dir: Path, packages: Sequence[str] = STARTUP_PACKAGES) -> list[str]:
    """Compile the packages' modules with the environment's own Python, as pip would."""
    return [str(bin_dir / "python"), "-c", _BYTE_COMPILE, *packages]


def byte_compile(bin_dir: Path) -> str:
    """A line for the report: whether the start-up commands run from cached byte code."""
    # Run from the executables' folder: from a checkout's root, `python -c` would find that
    # checkout's package first and compile it, not the one the executables import.
    done = subprocess.run(
        byte_compile_command(bin_dir), capture_output=True, text=True, cwd=bin_dir
    )
    if done.returncode != 0:
        return f"byte code: could not compile {done.stderr.strip() or 'the packages'}"
    # cleaner's compiled patterns are kept beside its byte code, written by a first run
    # under the same rule (not under PYTHONDONTWRITEBYTECODE): written here the same way.
    primed = subprocess.run(
        [str(bin_dir / "python"), "-m", "cleaner.regexcache"],
        capture_output=True,
        text=True,
        cwd=bin_dir,
    )
    if primed.returncode != 0:
        return f"byte code: could not write cleaner's pattern cache: {primed.stderr.strip()}"
    return (
        f"byte code: {', '.join(STARTUP_PACKAGES)} compiled first and cleaner's pattern "
        "cache written, as an install and its first run leave them"
    )


def time_command(cmd: Command) -> tuple[float, int]:
    stdin = cmd.stdin.open("rb") if cmd.stdin else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        done = subprocess.run(
            cmd.argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        return (time.perf_counter() - start) * 1000, done.returncode
    finally:
        if not isinstance(stdin, int):
            stdin.close()


def run_startup(
    commands: Sequence[Command], repeat: int
) -> tuple[dict[str, list[float]], dict[str, int]]:
    """Each command R times, interleaved round by round: (times, exit codes of failures)."""
    times: dict[str, list[float]] = {c.label: [] for c in commands}
    failed: dict[str, int] = {}
    for i in range(repeat):
        for cmd in rotated_commands(commands, i):
            took, code = time_command(cmd)
            if code != 0:
                failed[cmd.label] = code
            times[cmd.label].append(took)
    return times, failed


def rotated_commands(commands: Sequence[Command], by: int) -> list[Command]:
    k = by % len(commands) if commands else 0
    return [*commands[k:], *commands[:k]]


STARTUP_PAIRS = (
    ("cleaner PAGE", "trafilatura < PAGE"),
    ("cleaner < PAGE", "trafilatura < PAGE"),
    ("cleaner --help", "trafilatura --help"),
)


def startup_table(times: dict[str, list[float]], failed: dict[str, int]) -> str:
    def med(label: str) -> float | None:
        v = times.get(label)
        return statistics.median(v) if v and label not in failed else None

    rows = [
        [
            label,
            ms(med(label)),
            ms(min(v)) if v and label not in failed else "n/a",
            f"exit {failed[label]}" if label in failed else "ok",
        ]
        for label, v in times.items()
    ]
    table = _table(["command", "median ms", "min ms", "status"], rows)
    pairs = [
        [f"{a} / {b}", ratio(med(a), med(b))] for a, b in STARTUP_PAIRS if a in times and b in times
    ]
    return table + "\n\n" + _table(["ratio of medians", "value"], pairs)


# --- main -----------------------------------------------------------------------------------


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench.speed", description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark data directory")
    ap.add_argument("--only", choices=DATASETS, help="run one data set")
    ap.add_argument("--limit", type=int, help="at most N pages per data set, evenly spread")
    ap.add_argument("--repeat", type=int, default=1, help="timed runs per page and tool")
    ap.add_argument(
        "--per-page",
        choices=("min", "median"),
        default="min",
        help="a page's time from its --repeat runs (default: %(default)s)",
    )
    ap.add_argument(
        "--tools",
        default=",".join(SPEED_TOOLS),
        help="comma-separated, from: %(default)s",
    )
    ap.add_argument(
        "--memory-tools",
        default="cleaner,trafilatura",
        help="tools whose peak memory per page is measured ('' for none; default: %(default)s)",
    )
    ap.add_argument("--startup-repeat", type=int, default=20, help="runs per start-up command")
    ap.add_argument("--small", type=Path, default=DEFAULT_SMALL_PAGE, help="start-up page")
    ap.add_argument("--no-pages", action="store_true", help="only the start-up part")
    ap.add_argument("--no-startup", action="store_true", help="skip the start-up part")
    ap.add_argument(
        "--no-byte-compile",
        action="store_true",
        help="start-up: do not byte-compile the packages first (time them as they are)",
    )
    ap.add_argument(
        "--no-long-run", action="store_true", help="skip cleaner's memory check over one batch"
    )
    ap.add_argument("--json", type=Path, metavar="OUT", help="write every time as JSON")
    args = ap.parse_args(argv)
    args.tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    args.memory_tools = [t.strip() for t in args.memory_tools.split(",") if t.strip()]
    unknown = [t for t in args.tools + args.memory_tools if t not in SPEED_TOOLS]
    if unknown or not args.tools:
        ap.error(f"unknown tool(s) {', '.join(unknown)}; choose from {', '.join(SPEED_TOOLS)}")
    if args.repeat < 1 or args.startup_repeat < 1 or (args.limit is not None and args.limit < 1):
        ap.error("--repeat, --startup-repeat and --limit must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    show = sys.stderr.isatty()
    report: dict[str, Any] = {"argv": sys.argv[1:] if argv is None else list(argv)}
    bin_dir = Path(sys.executable).parent
    if not args.no_pages:
        data: Path = args.data.resolve()
        datasets = [args.only] if args.only else list(DATASETS)
        missing = [DATASET_DIRS[d] for d in datasets if not (data / DATASET_DIRS[d]).is_dir()]
        if missing:
            print(f"bench: no {', '.join(missing)} under {data} (use --data DIR)", file=sys.stderr)
            return 2
        tools: list[str] = []
        for name in args.tools:
            try:
                SPEED_TOOLS[name].prepare()  # imports stay outside the timed calls
                tools.append(name)
            except Unavailable as exc:
                print(f"{name}: unavailable: {exc}")
        labels = {t: tool_label(t) for t in SPEED_TOOLS}
        tasks: list[Task] = []
        if "aeb" in datasets:
            tasks += load_aeb(data, tuple(tools), args.limit)
        if "wcxb" in datasets:
            tasks += load_wcxb(data, tuple(tools), args.limit)
        # Memory first, while this process has cleaned no page: freed heap from earlier
        # pages would otherwise be reused and hide part of a page's peak.
        memory: dict[str, Memory] = {}
        mem_tools = [t for t in args.memory_tools if t in tools]
        if mem_tools and hasattr(os, "fork"):
            memory = measure_memory(tasks, mem_tools, show)
        start = time.perf_counter()
        results, rss_trace = run_pages(tasks, tools, args.repeat, args.per_page, show)
        wall = time.perf_counter() - start
        f1: dict[tuple[str, str], float | None] = {}
        for t in tools:
            for ds in datasets:
                s = summarise(results, t, ds)
                f1[(t, ds)] = s.f1 if s is not None and s.available else None
        print(
            f"## Per page, in process: {len(tasks)} pages, {args.repeat} run(s) per page and "
            f"tool, interleaved; a page's time is the {args.per_page} of its runs\n"
        )
        print(speed_table(results, tools, datasets, f1, labels))
        print(
            f"\n{wall:.0f} s wall. ms times the extraction call only, as in bench.run "
            "(readability: decode + summary + text_content); F1 as bench.run scores it."
        )
        if "cleaner" in tools:
            print(f"\n## The {SLOWEST_LISTED} slowest pages for cleaner\n")
            others = [t for t in tools if t != "cleaner"]
            rows = [
                [
                    f"{DATASET_LABELS[r.dataset]} {r.page_id[:12]}",
                    r.page_type if r.dataset == "wcxb" else "article",
                    f"{read_page_size(tasks, r) / 1024:.0f}",
                    ms(r.tools["cleaner"].ms),
                    *(ms(r.tools[t].ms) if t in r.tools else "n/a" for t in others),
                ]
                for r in slowest(results, "cleaner", SLOWEST_LISTED)
            ]
            header = ["page", "type", "KiB", "cleaner ms", *(f"{t} ms" for t in others)]
            print(_table(header, rows))
            over = [r for r in results if r.tools["cleaner"].ms > SLOW_PAGE_MS]
            print(f"\ncleaner pages over {SLOW_PAGE_MS / 1000:.0f} s: {len(over)}")
        if rss_trace:
            print("\n" + rss_growth(rss_trace))
        if "cleaner" in tools and hasattr(os, "fork") and not args.no_long_run:
            marks = long_run(tasks, SPEED_TOOLS["cleaner"])
            print(long_run_summary("cleaner", marks))
            report["long_run"] = marks
        if memory:
            print(
                "\n## Peak resident memory per page\n\nEach page is cleaned alone in a fork "
                "of the bench process made before any page was timed (tools imported, one "
                "small warm-up page run in the fork); the page's peak (VmHWM, reset after the "
                "warm-up) minus the fork's resident size before it is what the page itself "
                "needs on top of a running process.\n"
            )
            print(memory_table(memory, labels))
        report["pages"] = [
            {
                "dataset": r.dataset,
                "id": r.page_id,
                "type": r.page_type,
                **{f"{t}_ms": r.tools[t].ms for t in r.tools},
                **{
                    f"{t}_peak_kib": m.extra_kib.get((r.dataset, r.page_id))
                    for t, m in memory.items()
                },
            }
            for r in results
        ]
        report["f1"] = {f"{t}/{ds}": v for (t, ds), v in f1.items()}
        report["rss_trace_kib"] = rss_trace
    if not args.no_startup:
        small: Path = args.small.resolve()
        commands = startup_commands(bin_dir, small)
        missing_bins = [c.argv[0] for c in commands if not Path(c.argv[0]).exists()]
        if missing_bins:
            print(f"\nstart-up: not installed: {', '.join(missing_bins)}")
        else:
            compiled = (
                "byte code: as found (--no-byte-compile)"
                if args.no_byte_compile
                else byte_compile(bin_dir)
            )
            times, failed = run_startup(commands, args.startup_repeat)
            print(
                f"\n## Start-up: a new process, {args.startup_repeat} runs each, interleaved "
                f"(PAGE = {small.relative_to(ROOT) if small.is_relative_to(ROOT) else small}, "
                f"{small.stat().st_size / 1024:.1f} KiB; executables from {bin_dir}; "
                f"{compiled})\n"
            )
            report["startup_byte_code"] = compiled
            print(startup_table(times, failed))
            report["startup_ms"] = times
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


def read_page_size(tasks: Sequence[Task], result: PageResult) -> int:
    for task in tasks:
        if task.dataset == result.dataset and task.page_id == result.page_id:
            return len(read_page(task))
    return 0


def rss_growth(trace: Sequence[tuple[int, int]]) -> str:
    """Whether a long run keeps anything: this process's resident size after a tenth of the
    pages (every tool warm) against after the last, and the highest in between."""
    warm = trace[max(0, len(trace) // 10 - 1)]
    last = trace[-1]
    high = max(rss for _, rss in trace)
    return (
        f"Bench process resident memory (all tools in one process): {mib(warm[1])} MiB after "
        f"{warm[0]} pages, {mib(last[1])} MiB after {last[0]} ({last[1] - warm[1]:+d} KiB), "
        f"highest {mib(high)} MiB."
    )


if __name__ == "__main__":
    sys.exit(main())
