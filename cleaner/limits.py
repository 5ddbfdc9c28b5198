"""Bounds on one page: how many bytes are read and how long cleaning it may take."""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import IO

from . import regexcache
from .errors import PageTimeoutError, TooLargeError, UsageError

# No real page comes near this (the WHATWG HTML standard on one page is about 14 MB);
# a 500 MB log or dump piped in by mistake is refused after reading this much plus one byte.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
# Real pages clean in well under a second; a 25 MB page of a million elements took about
# three minutes on a 2-core machine. Longer than this is a pathological page, and it must
# not hold a batch's worker for longer.
DEFAULT_TIMEOUT_S = 300.0
_READ_CHUNK_BYTES = 1 << 20
_SIZE = regexcache.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}


def parse_size(value: str) -> int:
    """`65536`, `64M`, `1.5GiB` -> bytes (binary units, as `head -c` reads them)."""
    match = _SIZE.match(value)
    if not match:
        raise UsageError(f"not a size: {value!r} (try 64M or 1G)")
    size = int(float(match.group(1)) * _UNITS[match.group(2).lower()])
    if size < 1:
        raise UsageError(f"the size must be at least 1 byte: {value!r}")
    return size


def describe_size(size: int) -> str:
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def too_large(max_bytes: int, what: str = "input") -> TooLargeError:
    return TooLargeError(
        f"{what} is larger than the {describe_size(max_bytes)} limit; "
        "raise it with --max-bytes if this really is one page"
    )


def read_bounded(handle: IO[bytes], max_bytes: int) -> bytes:
    """Read at most max_bytes + 1 bytes (the one extra says the input is too large).

    Streams (`/dev/zero`, a pipe from `cat big.log`) have no size to ask in advance, so the
    bound is on what is read, not on what a stat says.
    """
    chunks: list[bytes] = []
    total = 0
    while total <= max_bytes:
        chunk = handle.read(min(_READ_CHUNK_BYTES, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > max_bytes:
        raise too_large(max_bytes)
    return b"".join(chunks)


class _Deadline(BaseException):
    """Raised into the page's code when its time is up.

    A BaseException, so the `except Exception` that wraps readability cannot swallow it
    and let the page run on with its timer spent; `time_limit` turns it into a
    PageTimeoutError.
    """


# Python drops an exception raised where nothing can catch it (a garbage-collector
# callback, a __del__, a weakref callback) with a warning, and the page would run on: the
# alarm fires again this often until the block has ended.
_DEADLINE_REPEAT_SECONDS = 0.05


def _raise_deadline(signum: int, frame: FrameType | None) -> None:
    signal.setitimer(signal.ITIMER_REAL, _DEADLINE_REPEAT_SECONDS)
    raise _Deadline


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise PageTimeoutError in the block when it runs longer than `seconds` (None or 0: no
    limit).

    In a process's main thread (the CLI, local batch workers) a SIGALRM timer interrupts
    the page; in other threads (dask workers) the exception is set asynchronously on the
    thread. Either way it lands when the interpreter next runs Python code or a regex
    checks for signals, which a page's work does all the time.
    """
    if not seconds or seconds <= 0:
        yield
        return
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        previous = signal.signal(signal.SIGALRM, _raise_deadline)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        except _Deadline:
            raise _timed_out(seconds) from None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    # Imported here: only threads other than the main one (dask workers) need it, and it
    # is a millisecond of every one-page run's start-up.
    import ctypes

    thread_id = threading.get_ident()
    lock = threading.Lock()
    armed = [True]

    timers: list[threading.Timer] = []

    def start(delay: float) -> None:
        timer = threading.Timer(delay, fire)
        timer.daemon = True
        timers.append(timer)
        timer.start()

    def fire() -> None:
        with lock:
            if armed[0]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(thread_id), ctypes.py_object(_Deadline)
                )
                start(_DEADLINE_REPEAT_SECONDS)  # in case it lands where it is dropped

    start(seconds)
    try:
        try:
            yield
        finally:
            with lock:
                armed[0] = False
                # A deadline set just before disarming must not go off after the block.
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None)
                for timer in timers:
                    timer.cancel()
    except _Deadline:
        raise _timed_out(seconds) from None


def _timed_out(seconds: float) -> PageTimeoutError:
    return PageTimeoutError(f"timed out after {seconds:g} s; raise the limit with --timeout")
