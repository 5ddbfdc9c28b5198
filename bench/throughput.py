"""Batch throughput and parent memory of `cleaner`, and trafilatura's batch mode, in one run."""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / ".." / "shared" / "bench"
DATA_SETS = ("aeb", "wcxb-dev")
FILES_PER_DIR = 500
# How often the parent's /proc status is read; VmHWM is a high-water mark, so sampling
# only has to catch the process before it exits.
SAMPLE_INTERVAL_S = 0.1
QUIET_WINDOW_S = 3.0
QUIET_CORES = 0.3
# With --wait-for-quiet, a row disturbed anyway (other load >= QUIET_CORES) is run again.
CONTENDED_RETRIES = 2


@dataclass
class Run:
    label: str
    files: int
    seconds: float
    exit_code: int
    peak_rss_kib: int | None
    other_cores: float = 0.0  # CPU used meanwhile by processes that are not this run's
    cpu_s: float = 0.0  # CPU of the run itself: parent, pool or cluster, workers
    note: str = ""

    @property
    def pages_per_s(self) -> float:
        return self.files / self.seconds if self.seconds else 0.0


def source_pages(data: Path) -> list[Path]:
    pages: list[Path] = []
    for name in DATA_SETS:
        pages += sorted((data / name / "html").glob("*.html.gz"))
    if not pages:
        sys.exit(f"throughput: no pages under {data}/{{{','.join(DATA_SETS)}}}/html")
    return pages


def build_pool(pages: Sequence[Path], pool: Path) -> list[Path]:
    """The bench pages decompressed once; trees are hard links to these."""
    pool.mkdir(parents=True)
    out = []
    for i, page in enumerate(pages):
        target = pool / f"{i:05d}.html"
        target.write_bytes(gzip.decompress(page.read_bytes()))
        out.append(target)
    return out


def build_tree(pool: Sequence[Path], root: Path, files: int) -> Path:
    """`files` pages in folders of FILES_PER_DIR, cycling through the pool by hard link."""
    for i in range(files):
        folder = root / f"d{i // FILES_PER_DIR:04d}"
        if i % FILES_PER_DIR == 0:
            folder.mkdir(parents=True)
        os.link(pool[i % len(pool)], folder / f"p{i:06d}.html")
    return root


def fake_outputs(tree: Path, out: Path) -> None:
    """One output per input, newer than all of them: a rerun skips every page."""
    stamp = out / ".stamp"
    out.mkdir(parents=True)
    stamp.write_text("up to date\n")
    future = time.time() + 3600
    os.utime(stamp, (future, future))
    for folder in sorted(tree.iterdir()):
        (out / folder.name).mkdir()
        # One stamp per folder: a file can have at most 65,000 hard links on ext4.
        folder_stamp = out / folder.name / ".stamp"
        shutil.copy2(stamp, folder_stamp)
        for page in folder.iterdir():
            os.link(folder_stamp, out / folder.name / (page.stem + ".md"))


def vm_hwm_kib(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def busy_cpu_s() -> float:
    """CPU seconds the whole machine has spent busy since boot (/proc/stat)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def sample_tree_cpu(root: int, seen: dict[int, float]) -> None:
    """Record the CPU seconds of `root` and every process below it, by pid.

    Sampled from /proc because rusage misses them: a forkserver's workers are reaped by the
    forkserver, which nobody waits for.
    """
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{name}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        parents[int(name)] = int(fields[1])
        cpu[int(name)] = (int(fields[11]) + int(fields[12])) / tick
    tree = {root}
    grew = True
    while grew:
        below = {pid for pid, parent in parents.items() if parent in tree} - tree
        grew = bool(below)
        tree |= below
    for pid in tree & cpu.keys():
        seen[pid] = max(seen.get(pid, 0.0), cpu[pid])


def wait_for_quiet(threshold_cores: float, max_wait_s: float) -> None:
    """Wait (up to max_wait_s) until other work on the machine stays under threshold_cores
    for a few seconds: a run started beside another benchmark measures the other one."""
    deadline = time.monotonic() + max_wait_s
    while time.monotonic() < deadline:
        before = busy_cpu_s()
        time.sleep(QUIET_WINDOW_S)
        if (busy_cpu_s() - before) / QUIET_WINDOW_S < threshold_cores:
            return


def snapshot(destination: Path) -> Path:
    """A copy of the package to run: edits made to the work tree during a run (this is a
    shared checkout) must not change the code between rows of one table."""
    shutil.copytree(ROOT / "cleaner", destination / "cleaner")
    return destination


def timed(label: str, files: int, argv: Sequence[str], cwd: Path, quiet_s: float = 0) -> Run:
    """Run a command; wall time, exit code, the peak RSS of that process alone, and how
    much CPU other processes on the machine took meanwhile (they slow parallel rows most)."""
    env = {**os.environ, "PYTHONPATH": str(cwd / "src")}
    wait_for_quiet(QUIET_CORES, quiet_s)
    busy_before = busy_cpu_s()
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    peak: int | None = None
    seen: dict[int, float] = {}
    while proc.poll() is None:
        # The workers are other processes: this is the parent's own high-water mark.
        peak = vm_hwm_kib(proc.pid) or peak
        sample_tree_cpu(proc.pid, seen)
        time.sleep(SAMPLE_INTERVAL_S)
    seconds = time.perf_counter() - started
    ours = sum(seen.values())  # less what each process used after its last sample
    others = (busy_cpu_s() - busy_before) - ours
    assert proc.stderr is not None
    err = proc.stderr.read().strip().splitlines()
    note = err[-1].removeprefix("cleaner: ") if err and label.startswith("cleaner") else ""
    other_cores = max(0.0, others / seconds)
    return Run(label, files, seconds, proc.returncode, peak, other_cores, ours, note)


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def cleaner(args: Sequence[str]) -> list[str]:
    return [sys.executable, "-m", "cleaner", *args]


def median_run(runs: Sequence[Run]) -> Run:
    middle = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]
    peaks = [r.peak_rss_kib for r in runs if r.peak_rss_kib]
    middle.peak_rss_kib = max(peaks) if peaks else None
    return middle


def repeat(
    times: int, label: str, files: int, argv: Sequence[str], cwd: Path, out: Path, quiet_s: float
) -> Run:
    runs = []
    for _ in range(times):
        attempts = []
        for _ in range(1 + (CONTENDED_RETRIES if quiet_s else 0)):
            shutil.rmtree(out, ignore_errors=True)
            attempts.append(timed(label, files, argv, cwd, quiet_s))
            if attempts[-1].other_cores < QUIET_CORES:
                break
        # Another job took CPU during every attempt: keep the one it disturbed least.
        runs.append(min(attempts, key=lambda r: r.other_cores))
    return median_run(runs)


def completeness(tree: Path, out: Path, suffix: str) -> str:
    """How many outputs there are, and how many carry an input's name and folder."""
    inputs = {p.relative_to(tree).with_suffix("") for p in tree.rglob("*.html")}
    outputs = [p for p in out.rglob(f"*{suffix}") if p.is_file()] if out.exists() else []
    named = sum(1 for p in outputs if p.relative_to(out).with_suffix("") in inputs)
    return f"{len(outputs)} outputs for {len(inputs)} inputs, {named} named after their input"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.throughput", description=__doc__)
    parser.add_argument("--files", type=int, default=20_000, help="pages in the large tree")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared bench data")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per row (median)")
    parser.add_argument(
        "--no-trafilatura", action="store_true", help="leave out trafilatura's batch mode"
    )
    parser.add_argument(
        "--wait-for-quiet",
        type=float,
        default=0.0,
        metavar="S",
        help="before each run, wait up to S seconds for other processes to leave the CPUs",
    )
    args = parser.parse_args(argv)
    small_files = max(1, args.files // 10)
    scale_files = args.files * 10

    with tempfile.TemporaryDirectory(prefix="cleaner-throughput-") as tmp_name:
        tmp = Path(tmp_name)
        snapshot(tmp / "src")
        pool = build_pool(source_pages(args.data), tmp / "pool")
        big = build_tree(pool, tmp / "big", args.files)
        build_tree(pool, tmp / "small", small_files)
        print(
            f"{len(pool)} distinct pages; trees of {args.files} and {small_files} files "
            f"in {tmp}; {os.cpu_count()} cores; load average {load_average()}",
            file=sys.stderr,
        )
        runs: list[Run] = []

        def run(label: str, files: int, argv: list[str], out: Path) -> Run:
            result = repeat(args.repeat, label, files, argv, tmp, out, args.wait_for_quiet)
            runs.append(result)
            print(f"  {label}: {result.seconds:.1f} s  {result.note}", file=sys.stderr)
            return result

        j1 = run("cleaner -j 1", args.files, cleaner(["big", "-o", "o1", "-j", "1"]), tmp / "o1")
        j2 = run("cleaner -j 2", args.files, cleaner(["big", "-o", "o2", "-j", "2"]), tmp / "o2")
        j2.note += "; " + completeness(big, tmp / "o2", ".md")
        dask = run(
            "cleaner --engine dask (local, 2 workers)",
            args.files,
            cleaner(["big", "-o", "od", "-j", "2", "--engine", "dask"]),
            tmp / "od",
        )
        same = subprocess.run(["diff", "-rq", "o2", "od"], cwd=tmp, capture_output=True)
        dask.note += "; outputs identical to -j 2" if same.returncode == 0 else "; OUTPUTS DIFFER"
        shutil.rmtree(tmp / "od")
        shutil.rmtree(tmp / "o1")
        small_run = run(
            "cleaner -j 2 (small tree)",
            small_files,
            cleaner(["small", "-o", "os", "-j", "2"]),
            tmp / "os",
        )
        # The parent's bookkeeping at a scale too long to clean here: every output already
        # up to date, so workers only stat and the parent still lists, surveys and counts.
        up_to_date = "cleaner -j 2 rerun, up to date"
        rerun_argv = cleaner(["big", "-o", "o2", "-j", "2"])
        rerun = timed(up_to_date, args.files, rerun_argv, tmp, args.wait_for_quiet)
        runs.append(rerun)
        huge = build_tree(pool, tmp / "huge", scale_files)
        fake_outputs(huge, tmp / "oh")
        huge_argv = cleaner(["huge", "-o", "oh", "-j", "2"])
        huge_run = timed(up_to_date, scale_files, huge_argv, tmp, args.wait_for_quiet)
        runs.append(huge_run)
        if not args.no_trafilatura:
            trafilatura = shutil.which("trafilatura", path=str(Path(sys.executable).parent))
            if trafilatura is None:
                print("trafilatura not installed: pip install -e '.[bench]'", file=sys.stderr)
            else:
                traf = run(
                    "trafilatura --parallel 2",
                    args.files,
                    [trafilatura, "--input-dir", "big", "--output-dir", "ot", "--parallel", "2"],
                    tmp / "ot",
                )
                traf.note = completeness(big, tmp / "ot", ".txt")

    print_table(runs)
    # Other work on the machine slows every row alike and the parallel rows most: say so.
    print(
        f"\nload average at the end: {load_average()}; other load: cores busy with other work "
        "meanwhile; CPU ms/page: the run's own CPU (parent and workers) per page"
    )
    print(f"speedup -j 2 / -j 1: {j2.pages_per_s / j1.pages_per_s:.2f}x (target >= 1.8x)")
    print(f"dask / -j 2: {dask.pages_per_s / j2.pages_per_s:.2f} (target >= 0.75)")
    for label, one, other in (
        (f"{small_files} vs {args.files} files (cleaning)", small_run, j2),
        (f"{args.files} vs {scale_files} files (all up to date)", rerun, huge_run),
    ):
        if one.peak_rss_kib and other.peak_rss_kib:
            growth = other.peak_rss_kib / one.peak_rss_kib - 1
            print(f"parent peak RSS, {label}: {growth:+.1%} (target within 10%)")


def print_table(runs: Sequence[Run]) -> None:
    print(
        "| run | files | seconds | pages/s | CPU ms/page | parent peak RSS MiB | other load "
        "| exit | notes |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in runs:
        rss = f"{r.peak_rss_kib / 1024:.1f}" if r.peak_rss_kib else "-"
        print(
            f"| {r.label} | {r.files} | {r.seconds:.1f} | {r.pages_per_s:.1f} "
            f"| {1000 * r.cpu_s / r.files:.0f} | {rss} "
            f"| {r.other_cores:.2f} | {r.exit_code} | {r.note} |"
        )


if __name__ == "__main__":
    main()
