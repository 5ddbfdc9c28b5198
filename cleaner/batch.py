"""Batch work: which files a run reads, where each output goes, and the task a worker runs."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any, Literal

from .errors import CleanerError, InputError, NoContentError, UsageError

# The shared file helpers live in `files` (one-page runs import them without this module);
# runner and warc, and callers of old, import them from here too.
from .files import UMASK as UMASK
from .files import WARC_SUFFIXES as WARC_SUFFIXES
from .files import is_warc_name as is_warc_name
from .files import read_file_bounded as read_file_bounded
from .files import remove_stale_temps as remove_stale_temps
from .files import render_output as render_output
from .files import temp_suffix as temp_suffix
from .files import write_atomically as write_atomically
from .limits import DEFAULT_TIMEOUT_S, time_limit
from .model import Document, Options, OutputFormat
from .pipeline import clean

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".md", ".markdown")
OUTPUT_SUFFIXES: dict[str, str] = {"markdown": ".md", "text": ".txt", "json": ".json"}
# A shard's failures past this many are summed up in one line: a broken crawl must not
# send a million lines through the result queue.
MAX_FAILURE_LINES_PER_SHARD = 100
# Clashes named in the one-line error; the rest are counted.
MAX_CLASHES_NAMED = 3

Outcome = Literal["done", "skipped", "failed", "empty"]


@dataclass(frozen=True)
class Job:
    """What every task of one run shares: small and picklable, sent with each shard."""

    options: Options
    to: OutputFormat = "markdown"
    json_content: OutputFormat = "markdown"
    outdir: str | None = None  # absolute; None in JSONL mode
    jsonl_markdown: bool = False  # JSONL records carry `markdown` beside `text`
    force: bool = False
    fail_fast: bool = False
    cwd: str = "."  # absolute: workers (dask's above all) resolve relative inputs against it
    timeout: float | None = DEFAULT_TIMEOUT_S  # per page, seconds; None: no limit


@dataclass(frozen=True)
class Item:
    """One input: a page file or a WARC file, with its path relative to the output root."""

    path: str  # as the user gave it (or as found under a directory they gave)
    rel: str  # POSIX, relative, no `..`: where its output goes under OUTDIR
    warc: bool = False
    error: str | None = None  # known unreadable while listing (a directory we cannot open)
    link_skipped: bool = False  # a symbolic link not followed: counted, never read


@dataclass(frozen=True)
class Shard:
    """A unit of work: one page, a group of pages (dask), or one WARC file."""

    seq: int
    items: tuple[Item, ...]
    part: str | None = None  # JSONL records go to this file; None: back in the result


@dataclass
class ShardResult:
    """What comes back from a worker: counts and short lines, never documents in tree mode."""

    seq: int
    files: int = 0
    done: int = 0
    skipped: int = 0
    failed: int = 0
    empty: int = 0
    non_html: int = 0  # WARC records that are not HTML responses
    failures: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # JSONL records, when not in a part file
    part: str | None = None

    @property
    def pages(self) -> int:
        return self.done + self.skipped + self.failed + self.empty

    def count(self, outcome: Outcome, where: str = "", reason: str = "") -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        if outcome == "failed":
            if len(self.failures) < MAX_FAILURE_LINES_PER_SHARD:
                self.failures.append(one_line(f"{where}: {reason}"))
            elif len(self.failures) == MAX_FAILURE_LINES_PER_SHARD:
                self.failures.append(f"{where}: more failures in this task are only counted")


def one_line(message: str) -> str:
    return " ".join(message.split())


# --- inputs ---------------------------------------------------------------------------------


def is_page_name(name: str) -> bool:
    lower = name.lower()
    return lower.removesuffix(".gz").endswith(PAGE_SUFFIXES)


def relative_key(path: str) -> str:
    """A listed path's place under OUTDIR: kept as given, less its root and leading `..`."""
    _, tail = os.path.splitdrive(os.path.normpath(path))
    parts = [p for p in tail.replace(os.sep, "/").split("/") if p not in ("", ".")]
    while parts and parts[0] == "..":
        parts.pop(0)
    return "/".join(parts) or "page"


def listed_item(path: str) -> Item:
    """A file named on the command line or in a list: taken whatever its suffix."""
    return Item(path=path, rel=relative_key(path), warc=is_warc_name(path))


def walk(
    root: str, exclude: tuple[int, int] | None, follow_symlinks: bool = False
) -> Iterator[Item]:
    """Page and WARC files under `root`: a directory's files, then its subdirectories, by name.

    Memory grows with the largest single directory listing, not with the number of files.
    `exclude` (device, inode) is OUTDIR, so outputs written inside the input tree are never
    read back as inputs. Symbolic links are followed only when they stay inside `root`
    (file links) unless `follow_symlinks`; then directory links are followed too, each
    directory entered once, so a link loop ends.
    """
    real_root = os.path.realpath(root)
    seen: set[tuple[int, int]] = set()
    if follow_symlinks and (root_id := _dev_ino(root)) is not None:
        seen.add(root_id)
    stack: list[tuple[str, str]] = [(root, "")]
    while stack:
        directory, rel = stack.pop()
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            yield Item(directory, rel or ".", error=exc.strerror or str(exc))
            continue
        subdirs: list[tuple[str, str]] = []
        for entry in entries:
            entry_rel = f"{rel}/{entry.name}" if rel else entry.name
            wanted = is_warc_name(entry.name) or is_page_name(entry.name)
            try:
                if (
                    not follow_symlinks
                    and entry.is_symlink()
                    and (
                        entry.is_dir(follow_symlinks=True)
                        or (wanted and not _inside(os.path.realpath(entry.path), real_root))
                    )
                ):
                    yield Item(entry.path, entry_rel, link_skipped=True)
                    continue
                if entry.is_dir(follow_symlinks=follow_symlinks):
                    stat = entry.stat(follow_symlinks=follow_symlinks)
                    key = (stat.st_dev, stat.st_ino)
                    if exclude != key and key not in seen:
                        if follow_symlinks:
                            seen.add(key)
                        subdirs.append((entry.path, entry_rel))
                    continue
            except OSError:
                continue  # vanished while listed, or a dangling link
            if is_warc_name(entry.name):
                yield Item(entry.path, entry_rel, warc=True)
            elif wanted:
                yield Item(entry.path, entry_rel)
        stack.extend(reversed(subdirs))


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def read_list(handle: IO[bytes], separator: bytes) -> Iterator[str]:
    """Paths from a --files-from (newline) or --files0-from (NUL) list, read in chunks."""
    rest = b""
    while chunk := handle.read(1 << 16):
        *records, rest = (rest + chunk).split(separator)
        yield from _listed_paths(records, separator)
    yield from _listed_paths([rest], separator)


def _listed_paths(records: Iterable[bytes], separator: bytes) -> Iterator[str]:
    for record in records:
        if separator == b"\n":
            record = record.removesuffix(b"\r")  # lists written on Windows
        if record:
            # fsdecode keeps undecodable bytes (surrogateescape): any file name round-trips.
            yield os.fsdecode(record)


@dataclass(frozen=True)
class Sources:
    """Where a run's inputs come from; `items()` lists them again each time it is called."""

    paths: tuple[str, ...] = ()
    lists: tuple[tuple[str, bytes], ...] = ()  # (list file, separator)
    exclude: str | None = None  # OUTDIR
    follow_symlinks: bool = False

    def items(self) -> Iterator[Item]:
        exclude = _dev_ino(self.exclude) if self.exclude else None
        for path in self.paths:
            if os.path.isdir(path):
                yield from walk(path, exclude, self.follow_symlinks)
            else:
                yield listed_item(path)
        for list_path, separator in self.lists:
            try:
                with open(list_path, "rb") as handle:
                    for path in read_list(handle, separator):
                        yield listed_item(path)
            except OSError as exc:
                raise InputError(f"{list_path}: {exc.strerror or exc}") from None


def _dev_ino(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


# --- outputs --------------------------------------------------------------------------------


def output_stem(rel: str) -> str:
    """`a/b/page.html.gz` -> `a/b/page`; a WARC's records go in a folder named like this."""
    lower = rel.lower()
    if lower.endswith(".warc.gz"):
        return rel[: -len(".warc.gz")]
    if lower.endswith(".warc"):
        return rel[: -len(".warc")]
    path = PurePosixPath(rel[: -len(".gz")] if lower.endswith(".gz") else rel)
    return str(path.with_suffix("")) if path.suffix else str(path)


def output_path(job: Job, item: Item) -> str:
    assert job.outdir is not None
    return os.path.join(job.outdir, output_stem(item.rel) + OUTPUT_SUFFIXES[job.to])


def warc_output_path(job: Job, item: Item, ordinal: int) -> str:
    assert job.outdir is not None
    name = f"{ordinal:06d}{OUTPUT_SUFFIXES[job.to]}"
    return os.path.join(job.outdir, output_stem(item.rel), name)


def up_to_date(output: str, source: str) -> bool:
    """True when the output is newer than its input: a rerun skips it."""
    try:
        return os.stat(output).st_mtime_ns > os.stat(source).st_mtime_ns
    except OSError:
        return False


def jsonl_record(doc: Document, job: Job, **fields: Any) -> str:
    """One JSONL line, fields named as datatrove, dolma and FineWeb name them."""
    record: dict[str, Any] = {"id": fields.pop("id"), "text": doc.text}
    if job.jsonl_markdown:
        record["markdown"] = doc.markdown
    record["url"] = fields.pop("url", None) or doc.url
    record["title"] = doc.title
    record["lang"] = doc.lang
    record["date"] = doc.date
    record.update(fields)
    return json.dumps(record, ensure_ascii=False) + "\n"


# --- the survey: clashes and counts, before anything is written -----------------------------


@dataclass(frozen=True)
class Survey:
    files: int
    warcs: int
    links_skipped: int = 0


def survey(items: Iterable[Item], job: Job, jsonl: str | None) -> Survey:
    """Count the inputs and refuse clashing outputs, all before the first write.

    The output paths go into an on-disk SQLite index rather than a set, so a million-file
    run is checked without holding a million paths in memory.
    """
    import sqlite3  # only batches survey: a one-page run imports this module too

    files = warcs = links_skipped = 0
    clashes: list[str] = []
    clash_count = 0
    jsonl_abs = os.path.abspath(jsonl) if jsonl and jsonl != "-" else None
    with tempfile.TemporaryDirectory(prefix="cleaner-survey-") as tmp:
        db = sqlite3.connect(os.path.join(tmp, "paths.db"))
        try:
            # A scratch index: no journal, no fsync, and a small page cache so that memory
            # stays the same from a thousand files to millions (the file grows instead).
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("PRAGMA cache_size = -512")
            db.execute("CREATE TABLE output (path TEXT PRIMARY KEY, source TEXT)")
            db.execute("CREATE TABLE input (path TEXT PRIMARY KEY)")
            for item in items:
                if item.link_skipped:
                    links_skipped += 1
                    continue
                files += 1
                warcs += item.warc
                if item.error:
                    continue
                source = os.path.abspath(item.path)
                if source == jsonl_abs:
                    raise UsageError(f"the JSONL output {jsonl} is one of the inputs")
                db.execute("INSERT OR IGNORE INTO input VALUES (?)", (source,))
                if job.outdir is None or item.warc:
                    continue
                target = output_path(job, item)
                try:
                    db.execute("INSERT INTO output VALUES (?, ?)", (target, item.path))
                except sqlite3.IntegrityError:
                    clash_count += 1
                    if len(clashes) < MAX_CLASHES_NAMED:
                        (first,) = db.execute(
                            "SELECT source FROM output WHERE path = ?", (target,)
                        ).fetchone()
                        clashes.append(f"{first} and {item.path} both write {target}")
            overwrites = db.execute(
                "SELECT output.source, output.path FROM output JOIN input USING (path) LIMIT 1"
            ).fetchall()
        finally:
            db.close()
    if clashes:
        more = f" (and {clash_count - len(clashes)} more)" if clash_count > len(clashes) else ""
        raise UsageError(
            f"outputs clash, nothing was written: {'; '.join(clashes)}{more}; "
            "rename the inputs or use --jsonl"
        )
    if overwrites:
        source, target = overwrites[0]
        raise UsageError(f"{source} would write {target}, which is an input; choose another -o")
    return Survey(files=files, warcs=warcs, links_skipped=links_skipped)


# --- the task a worker runs -----------------------------------------------------------------


def run_shard(shard: Shard, job: Job) -> ShardResult:
    """Clean every page of a shard; write tree outputs or JSONL records; return counts."""
    result = ShardResult(seq=shard.seq)
    part = open_part(shard.part) if shard.part else None
    emit: Callable[[str], object] = part.write if part else result.lines.append
    try:
        for item in shard.items:
            result.files += 1
            if item.error:
                result.count("failed", item.path, item.error)
            elif item.warc:
                from .warc import clean_warc  # warcio is an extra: imported only when needed

                clean_warc(item, job, result, emit)
            else:
                outcome, reason = clean_page(item, job, emit)
                result.count(outcome, item.path, reason)
            if job.fail_fast and result.failed:
                break
        if part is not None:
            close_part(part, shard.part)
            result.part = shard.part
            part = None
    finally:
        if part is not None:
            part.close()
            Path(part.name).unlink(missing_ok=True)
    return result


def open_part(path: str | None) -> IO[str]:
    assert path is not None
    return open(path + ".tmp", "w", encoding="utf-8", newline="\n")


def close_part(handle: IO[str], path: str | None) -> None:
    assert path is not None
    handle.close()
    os.replace(handle.name, path)


def clean_page(item: Item, job: Job, emit: Callable[[str], object]) -> tuple[Outcome, str]:
    """One page file: (outcome, reason). Never raises for anything the page can cause."""
    source = os.path.join(job.cwd, item.path)
    target = output_path(job, item) if job.outdir else None
    if target and not job.force and up_to_date(target, source):
        return "skipped", ""

    def work() -> None:
        data = read_file_bounded(source, job.options.max_bytes)
        with time_limit(job.timeout):
            doc = clean(data, job.options)
        if target:
            write_output(target, render_output(doc, job.to, job.json_content))
        else:
            emit(jsonl_record(doc, job, id=item.path, source=item.path))

    return outcome_of(work)


def outcome_of(work: Callable[[], None]) -> tuple[Outcome, str]:
    """Run one page's work and say how it went: done, empty, or failed with the reason."""
    try:
        work()
    except NoContentError:
        return "empty", ""
    except CleanerError as exc:
        return "failed", str(exc)
    except Exception as exc:
        # A bug the page triggers deep in a parser must cost this page, not the batch; it is
        # reported and counted, and the exit code says some inputs failed.
        return "failed", f"internal error: {type(exc).__name__}: {exc}"
    return "done", ""


def write_output(target: str, data: bytes) -> None:
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        write_atomically(target, data)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None


def shards(
    items: Iterable[Item], size: int, part_for: Callable[[int, bool], str | None] | None
) -> Iterator[Shard]:
    """Group items into shards of `size` pages; every WARC file is a shard of its own.

    `part_for(seq, is_warc)` names the file a shard's JSONL records go to; without it (or
    when it returns None) records come back in the result.
    """
    seq = 0
    group: list[Item] = []

    def make(members: list[Item]) -> Shard:
        nonlocal seq
        part = part_for(seq, members[0].warc) if part_for else None
        shard = Shard(seq, tuple(members), part)
        seq += 1
        return shard

    for item in items:
        if item.link_skipped:
            continue
        if item.warc:
            if group:
                yield make(group)
                group = []
            yield make([item])
            continue
        group.append(item)
        if len(group) >= size:
            yield make(group)
            group = []
    if group:
        yield make(group)
