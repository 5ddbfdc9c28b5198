"""WARC input: each HTML response record of a crawl is a page; its charset comes from HTTP."""

from __future__ import annotations

import codecs
import dataclasses
import json
import os
import re
from collections.abc import Callable
from typing import Any

from .batch import (
    Item,
    Job,
    Outcome,
    ShardResult,
    jsonl_record,
    outcome_of,
    render_output,
    up_to_date,
    warc_output_path,
    write_output,
)
from .decode import normalise_label
from .limits import read_bounded, time_limit
from .model import Options
from .pipeline import clean

HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# A byte order mark beats the HTTP charset, as in browsers (WHATWG "decode").
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
MISSING_WARCIO = "WARC input needs warcio: pip install 'cleaner-md[warc]'"


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def http_charset(content_type: str | None) -> str | None:
    """The charset an HTTP Content-Type names, when Python has a codec for it."""
    match = _CHARSET.search(content_type or "")
    return normalise_label(match.group(1)) if match else None


def clean_warc(item: Item, job: Job, result: ShardResult, emit: Callable[[str], object]) -> None:
    """Clean every HTML response record of one WARC file into `result` and `emit`."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        result.count("failed", item.path, MISSING_WARCIO)
        return
    source = os.path.join(job.cwd, item.path)
    try:
        with open(source, "rb") as handle:
            for ordinal, record in enumerate(ArchiveIterator(handle)):
                if record.rec_type not in ("response", "resource"):
                    continue  # requests, metadata, warcinfo: not pages, not counted
                content_type = (
                    record.http_headers.get_header("Content-Type")
                    if record.http_headers is not None
                    else record.rec_headers.get_header("Content-Type")
                )
                if media_type(content_type) not in HTML_TYPES:
                    result.non_html += 1
                    continue
                record_id = record.rec_headers.get_header("WARC-Record-ID")
                outcome, reason = clean_record(item, job, record, ordinal, content_type, emit)
                result.count(outcome, f"{item.path}#{record_id or ordinal}", reason)
                if job.fail_fast and result.failed:
                    return
    except OSError as exc:
        result.count("failed", item.path, exc.strerror or str(exc))
    except ArchiveLoadFailed as exc:
        result.count("failed", item.path, f"not a readable WARC file: {exc}")
    except Exception as exc:
        # warcio meets a truncated file with whatever its parser trips on (AttributeError,
        # EOFError, zlib.error): the records before it stand, the file counts as failed.
        reason = f"unreadable WARC data: {type(exc).__name__}: {exc}"
        result.count("failed", item.path, reason)


def clean_record(
    item: Item,
    job: Job,
    record: Any,
    ordinal: int,
    content_type: str | None,
    emit: Callable[[str], object],
) -> tuple[Outcome, str]:
    headers = record.rec_headers
    fields = {
        "url": headers.get_header("WARC-Target-URI"),
        "warc_record_id": headers.get_header("WARC-Record-ID"),
        "warc_date": headers.get_header("WARC-Date"),
    }
    target = warc_output_path(job, item, ordinal) if job.outdir else None
    if target and not job.force and up_to_date(target, os.path.join(job.cwd, item.path)):
        return "skipped", ""

    def work() -> None:
        data = read_bounded(record.content_stream(), job.options.max_bytes)
        with time_limit(job.timeout):
            doc = clean(data, record_options(job, data, content_type, fields["url"]))
        if target:
            output = render_output(doc, job.to, job.json_content)
            if job.to == "json":
                output = with_warc_fields(output, fields)
            write_output(target, output)
        else:
            record_id = fields["warc_record_id"] or f"{item.path}#{ordinal}"
            emit(jsonl_record(doc, job, id=record_id, source=item.path, **fields))

    # As for page files: one record's parser crash costs that record, not the crawl.
    return outcome_of(work)


def record_options(job: Job, data: bytes, content_type: str | None, url: str | None) -> Options:
    """The HTTP charset unless the user chose one or a BOM says otherwise; the URL as base."""
    options = job.options
    charset = http_charset(content_type)
    if options.encoding is None and charset and not data.startswith(_BOMS):
        options = dataclasses.replace(options, encoding=charset)
    if options.base_url is None and url:
        # Relative links in a crawl are useless without the page they came from.
        options = dataclasses.replace(options, base_url=url)
    return options


def with_warc_fields(output: bytes, fields: dict[str, str | None]) -> bytes:
    record = json.loads(output)
    record.update(fields)
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
