"""A page file in, an output file or stdout out: what one-page runs and batches share.

Kept apart from `batch` so that a one-page run imports neither the batch machinery nor the
modules it needs (json, tempfile) to read a page and print its Markdown.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import regexcache
from .errors import InputError
from .limits import DEFAULT_MAX_BYTES, read_bounded, too_large

if TYPE_CHECKING:
    from .model import Document, OutputFormat

WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc_name(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def read_file_bounded(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes, at most max_bytes + 1 of them read: `/dev/zero` or a growing log is
    refused, not read until memory runs out."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:  # a regular file says its size: no need to read any of it
                raise too_large(max_bytes)
            return read_bounded(handle, max_bytes)
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None


def render_output(doc: Document, to: OutputFormat, json_content: OutputFormat) -> bytes:
    """The bytes a single-page run prints and a tree run writes to each file."""
    if to == "json":
        import json  # --to json only: markdown and text are most runs

        text = json.dumps(doc.to_json(json_content), ensure_ascii=False) + "\n"
    else:
        text = doc.text if to == "text" else doc.markdown
    return text.encode("utf-8")


# --- writing files ---------------------------------------------------------------------------


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Read once at import: os.umask can only be read by setting it, which races with threads.
UMASK = _umask()


# Temporary files carry the writing process's id, so a rerun after `kill -9` can tell its
# predecessor's leftovers (process gone) from a live run's files, and remove them.
_TEMP_NAME = regexcache.compile(r"^\..*\.cleaner-(\d+)\.(?:tmp|part|part\.tmp)$")


def temp_suffix(kind: str = "tmp") -> str:
    return f".cleaner-{os.getpid()}.{kind}"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        pass  # someone else's process: it exists
    # A killed worker stays a zombie until something reaps it (in a container, PID 1 may
    # never do so); it writes nothing more.
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            state = stat.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in (b"Z", b"X")


def remove_stale_temps(directory: str, recursive: bool = True, prefix: str = ".") -> int:
    """Remove temporary files left by runs that were killed; return how many went.

    Only files named as this program names them, whose process is gone on this machine
    (dask workers on other machines are not checked: sweep only after local runs).
    """
    removed = 0
    for folder, subdirs, names in os.walk(directory):
        if not recursive:
            subdirs.clear()
        for name in names:
            match = _TEMP_NAME.match(name)
            if match and name.startswith(prefix) and not _process_alive(int(match.group(1))):
                try:
                    os.unlink(os.path.join(folder, name))
                    removed += 1
                except OSError:
                    pass
    return removed


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: no half-written output."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    import tempfile  # here: its import (shutil, random) is for runs that write files

    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=temp_suffix())
    try:
        # mkstemp makes the file private (0600); an output is an ordinary file (0666 - umask).
        os.fchmod(fd, 0o666 & ~UMASK)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
