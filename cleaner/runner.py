"""Running a batch: a bounded window of shards in flight, progress, the summary, the exit code."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, ParamSpec, Protocol, TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from .batch import (
    UMASK,
    Job,
    Shard,
    ShardResult,
    Sources,
    remove_stale_temps,
    run_shard,
    shards,
    survey,
    temp_suffix,
)
from .errors import ExitCode, InputError

P = ParamSpec("P")
T = TypeVar("T")

# Shards in flight per worker: enough that a worker never waits for the parent, few enough
# that memory does not depend on the number of files.
LOCAL_WINDOW_PER_WORKER = 4
DASK_WINDOW_PER_WORKER = 3
# JSONL records are written in input order; results may run this many windows ahead of the
# oldest unfinished shard before the parent stops submitting (bounds the reorder buffer).
REORDER_WINDOWS = 4
# Dask shards: about this many per worker over the run, each holding at most MAX pages, so
# scheduling costs little and the last shards do not leave workers idle for long.
DASK_SHARDS_PER_WORKER = 16
DASK_MAX_SHARD_PAGES = 200
WORKER_DIED = "a worker process died (its shard is counted as failed)"


@dataclass
class Tally:
    """The run's counts, as the summary line prints them."""

    files: int = 0
    done: int = 0
    skipped: int = 0
    failed: int = 0
    empty: int = 0
    non_html: int = 0

    @property
    def pages(self) -> int:
        return self.done + self.skipped + self.failed + self.empty

    def add(self, result: ShardResult) -> None:
        self.files += result.files
        self.done += result.done
        self.skipped += result.skipped
        self.failed += result.failed
        self.empty += result.empty
        self.non_html += result.non_html

    def exit_code(self, interrupted: bool) -> ExitCode:
        """0 all written (empty pages included), 4 some failed, 1 nothing but failures."""
        if interrupted:
            return ExitCode.INTERRUPTED
        if not self.failed:
            return ExitCode.OK
        return ExitCode.PARTIAL if self.pages > self.failed else ExitCode.INPUT_ERROR


# --- executors ------------------------------------------------------------------------------


class InlineExecutor(Executor):
    """`-j 1`: run each shard in this process, no pickling, no worker to start."""

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:
            future.set_exception(exc)
        return future


def _ignore_sigint() -> None:
    # Ctrl-C reaches the whole process group. Workers finish the page in hand (its output is
    # renamed into place or not at all) and the parent decides when to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def local_executor(jobs: int) -> Iterator[Executor]:
    if jobs <= 1:
        yield InlineExecutor()
        return
    # forkserver, not fork: the parent runs rich's refresh thread, and forking a process
    # that holds a lock in another thread can deadlock the child.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["cleaner.batch"])
        _start_forkserver_deaf_to_sigint()
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_ignore_sigint) as pool:
        yield pool


def _start_forkserver_deaf_to_sigint() -> None:
    """Start the fork server with Ctrl-C ignored, a disposition exec keeps and the server
    hands to every worker it forks: a terminal's Ctrl-C reaches the whole process group,
    and one that landed while the server imported the pipeline killed it with a traceback.
    The parent alone handles Ctrl-C (see interrupt_requests)."""
    from multiprocessing import forkserver, resource_tracker  # POSIX only, as the method is

    if threading.current_thread() is not threading.main_thread():
        forkserver.ensure_running()
        return
    # The server starts the resource tracker first, and that start unblocks SIGINT on its
    # way out (CPython's bpo-33613 guard): started here, before the window below.
    resource_tracker.ensure_running()
    # Blocked while ignored: a Ctrl-C in this window stays pending instead of being
    # discarded, and reaches the restored handler once unblocked (a blocked signal is never
    # discarded for being ignored).
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        with sigint_ignored():
            forkserver.ensure_running()
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


# --- outputs --------------------------------------------------------------------------------


class Output(Protocol):
    def part_for(self, seq: int, is_warc: bool) -> str | None: ...
    def lagging(self, seq: int, window: int) -> bool: ...
    def accept(self, result: ShardResult) -> None: ...
    def commit(self) -> None: ...
    def abort(self) -> None: ...


class TreeOutput:
    """-o OUTDIR: workers write each file themselves; nothing to assemble here."""

    def part_for(self, seq: int, is_warc: bool) -> str | None:
        return None

    def lagging(self, seq: int, window: int) -> bool:
        return False

    def accept(self, result: ShardResult) -> None:
        pass

    def commit(self) -> None:
        pass

    def abort(self) -> None:
        pass


class JsonlOutput:
    """--jsonl FILE: records in input order, into a temporary file renamed when complete.

    Records come back in results (one page at a time) or, for WARC files and dask shards,
    in part files the workers write beside the output; both are appended in shard order.
    """

    def __init__(self, path: str, all_parts: bool) -> None:
        self.path = path
        self.all_parts = all_parts
        self.to_stdout = path == "-"
        directory = os.path.dirname(os.path.abspath(path if not self.to_stdout else "x"))
        name = "stdout.jsonl" if self.to_stdout else os.path.basename(path)
        # One token per run: an abort removes exactly this run's parts.
        self.directory = directory
        self.name = name
        self.part_prefix = os.path.join(directory, f".{name}.{uuid.uuid4().hex[:12]}.")
        self.tmp: str | None = None
        self.handle: IO[bytes]
        if self.to_stdout:
            self.handle = sys.stdout.buffer
        else:
            try:
                fd, self.tmp = tempfile.mkstemp(
                    dir=directory, prefix=f".{name}.", suffix=temp_suffix()
                )
                os.fchmod(fd, 0o666 & ~UMASK)
            except OSError as exc:
                raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
            self.handle = os.fdopen(fd, "wb")
        self.ready: dict[int, ShardResult] = {}
        self.next_seq = 0

    def part_for(self, seq: int, is_warc: bool) -> str | None:
        if not (is_warc or self.all_parts):
            return None
        return f"{self.part_prefix}{seq:09d}{temp_suffix('part')}"

    def lagging(self, seq: int, window: int) -> bool:
        return seq - self.next_seq >= window * REORDER_WINDOWS

    def accept(self, result: ShardResult) -> None:
        self.ready[result.seq] = result
        while self.next_seq in self.ready:
            self._append(self.ready.pop(self.next_seq))
            self.next_seq += 1

    def _append(self, result: ShardResult) -> None:
        try:
            for line in result.lines:
                self.handle.write(line.encode("utf-8"))
            if result.part:
                with open(result.part, "rb") as part:
                    shutil.copyfileobj(part, self.handle)
                os.unlink(result.part)
            if self.to_stdout:
                self.handle.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            # A full disk: the run stops (the caller aborts, removing the partial file).
            raise InputError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def sweep(self) -> None:
        """Leftovers of a killed run that wrote the same JSONL file."""
        if not self.to_stdout:
            remove_stale_temps(self.directory, recursive=False, prefix=f".{self.name}.")

    def commit(self) -> None:
        if self.tmp is None:
            self.handle.flush()
            return
        try:
            self.handle.close()
            os.replace(self.tmp, self.path)
        except OSError as exc:
            Path(self.tmp).unlink(missing_ok=True)  # no partial JSONL file
            raise InputError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def abort(self) -> None:
        if self.tmp is not None:
            self.handle.close()
            Path(self.tmp).unlink(missing_ok=True)
        directory, prefix = os.path.split(self.part_prefix)
        for name in os.listdir(directory or "."):
            if name.startswith(prefix):
                Path(directory, name).unlink(missing_ok=True)


# --- progress and summary -------------------------------------------------------------------


class Reporter:
    """Failures as they happen, a progress bar when stderr is a terminal, the summary line."""

    def __init__(self, total_files: int) -> None:
        self.started = time.monotonic()
        self.progress: Progress | None = None
        self.task: TaskID | None = None
        if sys.stderr.isatty():
            self.progress = Progress(
                TextColumn("cleaning"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files, {task.fields[rate]:.1f} pages/s, ETA"),
                TimeRemainingColumn(),
                TextColumn("{task.fields[failed]} failed"),
                console=Console(stderr=True, highlight=False),
                transient=True,
            )
            self.task = self.progress.add_task("clean", total=total_files, rate=0.0, failed=0)
            self.progress.start()

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def update(self, tally: Tally) -> None:
        if self.progress is not None and self.task is not None:
            rate = tally.pages / max(self.elapsed(), 1e-9)
            self.progress.update(self.task, completed=tally.files, rate=rate, failed=tally.failed)

    def failure(self, line: str) -> None:
        message = "cleaner: " + " ".join(line.split())
        if self.progress is not None:
            # markup=False: a path such as `notes[b].html` is text, not a rich style tag.
            self.progress.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            sys.stderr.write(message + "\n")
            sys.stderr.flush()

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None

    def summary(self, tally: Tally, interrupted: bool, links_skipped: int = 0) -> None:
        self.close()
        elapsed = self.elapsed()
        parts = [
            f"{tally.done} done",
            f"{tally.skipped} skipped",
            f"{tally.failed} failed",
            f"{tally.empty} empty",
        ]
        if tally.non_html:
            parts.append(f"{tally.non_html} non-HTML records skipped")
        if links_skipped:
            parts.append(f"{links_skipped} symbolic links not followed (see --follow-symlinks)")
        rate = tally.pages / elapsed if elapsed > 0 else 0.0
        head = "cleaner: interrupted: " if interrupted else "cleaner: "
        sys.stderr.write(f"{head}{', '.join(parts)} in {elapsed:.1f} s ({rate:.1f} pages/s)\n")
        sys.stderr.flush()


# --- the loop -------------------------------------------------------------------------------


class Driver:
    """Submits shards with at most `window` in flight and folds results in as they finish."""

    def __init__(
        self, executor: Executor, job: Job, window: int, output: Output, reporter: Reporter
    ) -> None:
        self.executor = executor
        self.job = job
        self.window = window
        self.output = output
        self.reporter = reporter
        self.tally = Tally()
        self.pending: dict[Future[ShardResult], Shard] = {}
        self.broken = False
        # Set by Ctrl-C (see interrupt_requests): the run stops between pages.
        self.interrupt = threading.Event()

    def run(self, work: Iterator[Shard]) -> None:
        for shard in work:
            while (
                self.pending
                and not self.interrupt.is_set()
                and (
                    len(self.pending) >= self.window
                    or self.output.lagging(shard.seq, self.window)
                )
            ):
                self._collect_some()
            # Fold in whatever has finished (with -j 1, everything): --fail-fast stops here.
            for future in [f for f in self.pending if f.done()]:
                self._collect(future)
            if self.should_stop():
                return
            try:
                future = self.executor.submit(run_shard, shard, self.job)
            except BrokenProcessPool:
                self.broken = True
                self._fold(shard, None, WORKER_DIED)
                return
            self.pending[future] = shard
        while self.pending and not self.should_stop():
            self._collect_some()

    def should_stop(self) -> bool:
        return (
            self.broken
            or self.interrupt.is_set()
            or (self.job.fail_fast and self.tally.failed > 0)
        )

    def _collect_some(self) -> None:
        # A bounded wait, so a Ctrl-C that only sets a flag is noticed while pages run.
        done, _ = wait(self.pending, timeout=INTERRUPT_POLL_S, return_when=FIRST_COMPLETED)
        for future in done:
            self._collect(future)

    def _collect(self, future: Future[ShardResult]) -> None:
        shard = self.pending.pop(future)
        if future.cancelled():
            return
        error = future.exception()
        if error is None:
            self._fold(shard, future.result(), "")
        else:
            # The task itself died (a worker killed, a dask worker lost): every page in the
            # shard counts as failed, and a broken local pool ends the run.
            broken = isinstance(error, BrokenProcessPool)
            self.broken = self.broken or broken
            self._fold(shard, None, WORKER_DIED if broken else f"{type(error).__name__}: {error}")

    def _fold(self, shard: Shard, result: ShardResult | None, reason: str) -> None:
        if result is None:
            result = ShardResult(seq=shard.seq)
            for item in shard.items:
                result.files += 1
                result.count("failed", item.path, reason)
        self.tally.add(result)
        self.output.accept(result)
        for line in result.failures:
            self.reporter.failure(line)
        self.reporter.update(self.tally)

    def finish(self) -> None:
        """Cancel what has not started and wait for what has: its outputs land whole."""
        for future in self.pending:
            future.cancel()
        while self.pending:
            done, _ = wait(self.pending)
            for future in done:
                self._collect(future)


# How often a waiting batch looks for a Ctrl-C (see interrupt_requests).
INTERRUPT_POLL_S = 0.1


@contextmanager
def _sigint_handled_by(handler: Any) -> Iterator[None]:
    """SIGINT goes to `handler` (a function, or signal.SIG_IGN) until the block ends. Only
    the main thread may set handlers: elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def interrupt_requests(flag: threading.Event) -> AbstractContextManager[None]:
    """Ctrl-C sets `flag` instead of raising KeyboardInterrupt. Raised at an arbitrary
    point, the exception could land inside the process pool's own code (a worker half
    started, its queues about to be released) and leave a worker's traceback or a hung
    pool behind; a flag is read between pages."""
    return _sigint_handled_by(lambda _signum, _frame: flag.set())


def sigint_ignored() -> AbstractContextManager[None]:
    """A second Ctrl-C while running pages finish must not leave a traceback and temp files."""
    return _sigint_handled_by(signal.SIG_IGN)


def run_batch(
    job: Job,
    sources: Sources,
    jsonl: str | None,
    jobs: int,
    engine: str = "local",
    scheduler: str | None = None,
) -> ExitCode:
    """Survey, run and summarise one batch; return its exit code."""
    try:
        found = survey(sources.items(), job, jsonl)
    except KeyboardInterrupt:
        Reporter(0).summary(Tally(), interrupted=True)
        return ExitCode.INTERRUPTED
    if found.files == 0:
        raise InputError(
            "no input files found (pages: .html .htm .xhtml .md .markdown, also gzipped; "
            "crawls: .warc .warc.gz)"
        )
    if job.outdir is not None:
        try:
            os.makedirs(job.outdir, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create {job.outdir}: {exc.strerror or exc}") from None
        if engine == "local":
            remove_stale_temps(job.outdir)
    output: Output = JsonlOutput(jsonl, all_parts=engine == "dask") if jsonl else TreeOutput()
    if isinstance(output, JsonlOutput) and engine == "local":
        output.sweep()
    reporter = Reporter(found.files)
    interrupted = False
    driver: Driver | None = None
    stop = threading.Event()
    try:
        with interrupt_requests(stop), executor_for(engine, jobs, scheduler) as (
            executor,
            workers,
        ):
            if engine == "dask":
                per_shard = -(-found.files // (workers * DASK_SHARDS_PER_WORKER))
                size = max(1, min(DASK_MAX_SHARD_PAGES, per_shard))
                window = workers * DASK_WINDOW_PER_WORKER
            else:
                size, window = 1, workers * LOCAL_WINDOW_PER_WORKER
            driver = Driver(executor, job, window, output, reporter)
            driver.interrupt = stop
            try:
                driver.run(shards(sources.items(), size, output.part_for))
            except KeyboardInterrupt:
                interrupted = True
            finally:
                with sigint_ignored():
                    driver.finish()
    except KeyboardInterrupt:
        interrupted = True  # while a pool or cluster was starting or stopping
    except BaseException:
        reporter.close()
        output.abort()
        raise
    interrupted = interrupted or stop.is_set()
    tally = driver.tally if driver is not None else Tally()
    stopped = interrupted or (driver is not None and driver.should_stop())
    if stopped:
        output.abort()
    else:
        output.commit()
    reporter.summary(tally, interrupted, found.links_skipped)
    return tally.exit_code(interrupted)


@contextmanager
def executor_for(engine: str, jobs: int, scheduler: str | None) -> Iterator[tuple[Executor, int]]:
    if engine == "dask":
        from .cluster import dask_executor

        with dask_executor(scheduler, jobs) as (executor, workers):
            yield executor, workers
    else:
        with local_executor(jobs) as executor:
            yield executor, max(1, jobs)
