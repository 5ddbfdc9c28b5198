"""Regular expressions compiled once per install, not once per process.

Python's `re` compiles a pattern with Python code, and cleaner's rule patterns (long
alternations of the phrases pages write for chrome, in several languages) took some 40 ms
of every start-up: a third of a one-page run. What `re` makes of a pattern, the regex
engine's code (a list of integers), depends only on the pattern, its flags and the Python
that made it. So it is kept where Python keeps the package's byte code, in `__pycache__`,
under the same rules (not written when byte code is not: `python -B`,
PYTHONDONTWRITEBYTECODE), and a later process hands it straight to the engine.

Nothing is trusted blindly: the file is read only when written by this very Python and
engine version, the engine checks the code it is given (it raises on malformed code, and
then the pattern is compiled afresh), and code enters the file only after the pattern it
builds has compared equal to `re.compile`'s, which compares the code itself. A missing,
stale, unreadable or unwritable file costs only time.
"""

from __future__ import annotations

import atexit
import importlib
import marshal
import os
import re
import sys
import threading
from pathlib import Path
from typing import Any

# The engine's own constructor, which `re.compile` ends in: the one way to hand it code.
_sre: Any = importlib.import_module("_sre")

# Bumped when what an entry holds changes.
_FORMAT = 1

CACHE_FILE = Path(__file__).with_name("__pycache__") / (
    f"regexcache.{sys.implementation.cache_tag}.bin"
)

# More entries than this (a checkout whose patterns were edited many times) and the file
# is written again with only the patterns this process used.
ENTRIES_KEPT = 2000

# (flags, code, groups, groupindex, indexgroup): _sre.compile's arguments after the pattern.
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_Key = tuple[str, int]


def _header() -> tuple[int, str, int, int]:
    return (_FORMAT, sys.version, _sre.MAGIC, _sre.CODESIZE)


class PatternCache:
    """The compiled patterns kept in one file: read at the first compile, written (at exit,
    when `write_at_exit`) if a pattern had to be compiled afresh."""

    def __init__(self, path: Path, *, write_at_exit: bool) -> None:
        self.path = path
        self.write_at_exit = write_at_exit
        # What this process did, for tests and benchmarks.
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()
        self._entries: dict[_Key, _Entry] | None = None
        self._used: set[_Key] = set()
        self._added = False
        self._save_registered = False

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        """re.compile(pattern, flags), from the cached code when the file has it."""
        flags = int(flags)
        key = (pattern, flags)
        with self._lock:
            entries = self._load()
            self._used.add(key)
            entry = entries.get(key)
            if entry is not None:
                try:
                    compiled: re.Pattern[str] = _sre.compile(pattern, *entry)
                except (TypeError, ValueError, RuntimeError, OverflowError):
                    del entries[key]  # malformed: the engine refused it
                else:
                    self.hits += 1
                    return compiled
            self.misses += 1
            compiled = re.compile(pattern, flags)
            entry = _entry_for(pattern, flags)
            if entry is not None and _builds(pattern, entry, compiled):
                entries[key] = entry
                self._added = True
                if self.write_at_exit and not self._save_registered:
                    atexit.register(self.save)
                    self._save_registered = True
            return compiled

    def save(self, *, force: bool = False) -> bool:
        """Write what this process compiled, and what the file held, to the file: whole or
        not at all. Only when something was compiled afresh, unless `force`. True if
        written."""
        with self._lock:
            entries = self._load()
            if not (self._added or force):
                return False
            if len(entries) > ENTRIES_KEPT:
                entries = {key: value for key, value in entries.items() if key in self._used}
            data = marshal.dumps((_header(), entries))
        import tempfile  # only when writing: it costs a start-up some milliseconds

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(
                dir=self.path.parent, prefix=self.path.name, suffix=".tmp"
            )
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                # Readable by everyone, as byte code is (mkstemp makes it the owner's only).
                os.chmod(temp, 0o644)
                os.replace(temp, self.path)  # readers see the old file or the new one
            except BaseException:
                os.unlink(temp)
                raise
        except OSError:
            return False  # a read-only install: each process compiles, as before
        self._added = False
        return True

    def _load(self) -> dict[_Key, _Entry]:
        if self._entries is None:
            entries: dict[_Key, _Entry] = {}
            try:
                header, stored = marshal.loads(self.path.read_bytes())
                if header == _header() and isinstance(stored, dict):
                    entries = stored
            except (OSError, EOFError, ValueError, TypeError):
                pass  # no file yet, or not one this Python wrote: compiled afresh
            self._entries = entries
        return self._entries


def _internals() -> tuple[Any, Any] | None:
    """re's parser and code generator, which moved in Python 3.11."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        try:
            import sre_compile as _compiler
            import sre_parse as _parser
        except ImportError:
            return None
    if not hasattr(_compiler, "_code") or not hasattr(_parser, "parse"):
        return None
    return _compiler, _parser


def _entry_for(pattern: str, flags: int) -> _Entry | None:
    """What re makes of the pattern, as _sre.compile takes it; None if re works otherwise."""
    internals = _internals()
    if internals is None:
        return None
    compiler, parser = internals
    try:
        parsed = parser.parse(pattern, flags)
        code = [int(op) for op in compiler._code(parsed, flags)]
        state = parsed.state
        groupindex = {str(name): int(index) for name, index in state.groupdict.items()}
        indexgroup: list[str | None] = [None] * state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return (int(flags | state.flags), code, state.groups - 1, groupindex, tuple(indexgroup))
    except Exception:  # internals of another Python: just don't cache
        return None


def _builds(pattern: str, entry: _Entry, compiled: re.Pattern[str]) -> bool:
    # Patterns compare equal when their flags, text and engine code are the same.
    try:
        return bool(_sre.compile(pattern, *entry) == compiled)
    except Exception:  # refused by the engine: not cached
        return False


# The package's own cache, beside its byte code and written when byte code is (a Python
# without a cache tag writes none).
default = PatternCache(
    CACHE_FILE,
    write_at_exit=not sys.dont_write_bytecode and sys.implementation.cache_tag is not None,
)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags) through the package's cache (see PatternCache)."""
    return default.compile(pattern, flags)


def prime() -> bool:
    """Compile the patterns a run of the command compiles and write the file, whatever the
    byte code setting: for an install step (`python -m cleaner.regexcache`, beside
    `python -m compileall`) and the start-up benchmark. True if written."""
    from . import cli, pipeline  # noqa: F401 - imported for the patterns they compile

    return default.save(force=True)


if __name__ == "__main__":
    # Run as a script this file is a module of its own: the pipeline compiles through the
    # package's.
    from cleaner import regexcache

    if not regexcache.prime():
        sys.exit(f"cleaner: could not write {regexcache.default.path}")
