"""WARC input: HTML responses cleaned, charset from HTTP first, other records counted."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES_DIR, stderr_lines
from test_batch import summary

pytest.importorskip("warcio")

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

NEWS = SAMPLES_DIR / "news-with-chrome" / "input.html"
CHROME_ONLY = SAMPLES_DIR / "chrome-only" / "input.html"

RUSSIAN = "Мост через реку откроют весной, когда закончат работы на правом берегу."
FRENCH = "Le café crème est servi à la terrasse, où les habitués lisent le journal."


def article(title: str, sentence: str, head: str = "") -> str:
    return (
        f"<html><head>{head}<title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{f'<p>{sentence}</p>' * 4}"
        "<p>The terrace is marked on <a href='../map.html'>the harbour map</a>, "
        "and it opens every morning of the week at seven.</p></article></body></html>"
    )


# The page lies in its <meta>: only the HTTP header gets the Cyrillic right.
CP1251_PAGE = article("Новости", RUSSIAN, "<meta charset='iso-8859-1'>").encode("cp1251")
LATIN1_PAGE = article("Café", FRENCH).encode("latin-1")


def write_warc(path: Path, records: list[tuple[str, str, str | None, bytes]]) -> None:
    """(record type, URL, Content-Type or None for no HTTP headers, payload) per record."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        for rec_type, url, content_type, payload in records:
            http = None
            if content_type is not None:
                status = "200 OK" if rec_type == "response" else "GET / HTTP/1.1"
                http = StatusAndHeaders(status, [("Content-Type", content_type)], "HTTP/1.1")
            record = writer.create_warc_record(
                url, rec_type, payload=BytesIO(payload), http_headers=http
            )
            writer.write_record(record)


CRAWL: list[tuple[str, str, str | None, bytes]] = [
    ("request", "https://ru.example/news", "text/html", b""),
    ("response", "https://ru.example/news", "text/html; charset=windows-1251", CP1251_PAGE),
    ("response", "https://fr.example/cafe", 'text/html; charset="ISO-8859-1"', LATIN1_PAGE),
    ("response", "https://fr.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
    ("response", "https://fr.example/menu", "text/html", CHROME_ONLY.read_bytes()),
    ("response", "https://x.example/bogus", "text/html; charset=no-such-codec", NEWS.read_bytes()),
]


@pytest.fixture()
def crawl(tmp_path: Path) -> Path:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, CRAWL)
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_warc_to_jsonl(run_cli: Any, crawl: Path, tmp_path: Path) -> None:
    proc = run_cli(["crawl.warc.gz", "--jsonl", "pages.jsonl"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == b""
    counts = summary(proc)
    assert counts == {"done": 3, "skipped": 0, "failed": 0, "empty": 1, "non-HTML": 1}
    records = read_jsonl(tmp_path / "pages.jsonl")
    assert [r["url"] for r in records] == [
        "https://ru.example/news",
        "https://fr.example/cafe",
        "https://x.example/bogus",
    ]
    russian, french, bogus = records
    assert RUSSIAN in russian["text"], russian["text"]  # windows-1251 from HTTP, not <meta>
    assert FRENCH in french["text"]
    assert "Councillors voted 31 to 9" in bogus["text"]  # an unknown label is ignored
    for record in records:
        assert record["source"] == "crawl.warc.gz"
        assert record["warc_record_id"].startswith("<urn:uuid:")
        assert record["id"] == record["warc_record_id"]
        assert record["warc_date"][:2] == "20"
        assert {"text", "title", "lang", "date"} <= set(record)


def test_warc_to_tree(run_cli: Any, crawl: Path, tmp_path: Path) -> None:
    proc = run_cli(["crawl.warc.gz", "-o", "out", "--to", "json"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    # One file per HTML record, named by its place in the WARC file (record 0 is a request).
    names = sorted(p.name for p in (tmp_path / "out" / "crawl").iterdir())
    assert names == ["000001.json", "000002.json", "000005.json"]
    record = json.loads((tmp_path / "out" / "crawl" / "000001.json").read_text())
    assert record["url"] == "https://ru.example/news"
    assert record["warc_record_id"].startswith("<urn:uuid:")
    assert RUSSIAN in record["markdown"]
    rerun = run_cli(["crawl.warc.gz", "-o", "out", "--to", "json"], cwd=tmp_path)
    assert summary(rerun)["skipped"] == 3


def test_relative_links_resolve_against_the_record_url(
    run_cli: Any, tmp_path: Path
) -> None:
    write_warc(
        tmp_path / "one.warc",
        [("response", "https://fr.example/a/cafe", "text/html; charset=iso-8859-1", LATIN1_PAGE)],
    )
    proc = run_cli(["one.warc", "--jsonl", "-", "--to", "markdown"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    (record,) = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert "[the harbour map](https://fr.example/map.html)" in record["markdown"]


def test_several_warcs_in_parallel_keep_input_order(run_cli: Any, tmp_path: Path) -> None:
    crawls = tmp_path / "crawls"
    crawls.mkdir()
    for i in range(4):
        page = article(f"Page {i}", FRENCH).encode("latin-1")
        write_warc(
            crawls / f"c{i}.warc.gz",
            [("response", f"https://fr.example/{i}", "text/html; charset=latin-1", page)] * 3,
        )
    (crawls / "page.html").write_bytes(NEWS.read_bytes())  # pages and crawls mix
    proc = run_cli(["crawls", "--jsonl", "all.jsonl", "-j", "2"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    records = read_jsonl(tmp_path / "all.jsonl")
    assert [r["source"] for r in records] == [
        *(f"crawls/c{i}.warc.gz" for i in range(4) for _ in range(3)),
        "crawls/page.html",
    ]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "parts left behind"


def test_broken_warcs_fail_alone(run_cli: Any, crawl: Path, tmp_path: Path) -> None:
    data = crawl.read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) // 2])  # a download cut short
    (tmp_path / "text.warc").write_text("hello\nthis is not a WARC file\n")
    proc = run_cli(
        ["crawl.warc.gz", "cut.warc.gz", "text.warc", "--jsonl", "out.jsonl"], cwd=tmp_path
    )
    assert proc.returncode == 4, proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()
    lines = stderr_lines(proc)
    assert any(line.startswith("cleaner: text.warc: not a readable WARC file") for line in lines)
    records = read_jsonl(tmp_path / "out.jsonl")
    # All of the whole crawl, then what the cut one held before the cut (warcio may end a
    # truncated gzip member quietly, or trip on it: either way the run goes on).
    assert [r["source"] for r in records[:3]] == ["crawl.warc.gz"] * 3
    assert {r["source"] for r in records[3:]} <= {"cut.warc.gz"}


def test_http_charset() -> None:
    from cleaner.warc import http_charset, media_type

    assert http_charset("text/html; charset=windows-1251") == "cp1251"
    assert http_charset('text/html;charset="UTF-8"') == "utf-8"
    assert http_charset("text/html; charset=gb2312") == "gb18030"
    assert http_charset("text/html; charset=bogus") is None
    assert http_charset(None) is None
    assert media_type("Application/XHTML+XML; charset=utf-8") == "application/xhtml+xml"
