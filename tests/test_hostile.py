"""Hostile input (issue 5): every kind of broken input gives a document or a one-line error
with a documented exit code: no traceback, no hang, no partial output file, no network."""

from __future__ import annotations

import errno
import gzip
import io
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO_ROOT, cli_env, stderr_lines

from bench.fuzz import markdown_hazards

ARTICLE_TEXT = "The tide gauge by the old sluice recorded a new winter high. " * 8
ARTICLE = (
    "<html><head><title>Tide</title></head><body><article>"
    f"<p>{ARTICLE_TEXT}</p></article></body></html>"
)
OneLineError = Callable[[subprocess.CompletedProcess[bytes], int], str]


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection or resolve a name fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def clean_ok(data: bytes | str, **options: Any) -> Any:
    from cleaner import Options, clean

    return clean(data, Options(**options))


def no_output_files(folder: Path) -> list[str]:
    """Temporary or partial files left anywhere under `folder`."""
    return [str(p) for p in folder.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]


# -- degenerate input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", 1),
        (b" \n\t \r\n", 1),
        (b"<", 3),
        (b"<SCRIPT", 3),
        (b'<?xml version="1.0" encoding="ISO-8859-1"?>', 3),
        (b'<?xml version="1.0" encoding="utf-16"?>\n', 3),
        (b"<!DOCTYPE html>", 1),
        (b"<!DOCTYPE html>\n<html>", 3),
    ],
    ids=["empty", "whitespace", "lt", "SCRIPT", "xml-decl", "xml-decl-utf16", "doctype", "doc"],
)
@pytest.mark.parametrize("via", ["file", "stdin"])
def test_degenerate_input(
    run_cli: Any, one_line_error: OneLineError, tmp_path: Path, data: bytes, code: int, via: str
) -> None:
    if via == "file":
        page = tmp_path / "page.html"
        page.write_bytes(data)
        proc = run_cli([page])
    else:
        proc = run_cli([], input=data)
    one_line_error(proc, code)


@pytest.mark.parametrize(
    "page",
    [
        "\x01\u3000\x02",
        "\x0b\xa0\u2029",
        "</body>\x0b",
        "\ufffc</HTML >",
        "\x1f\n\u3000\n",
        '<?xml version="1.0"?>\x01\u3000',
    ],
    ids=["ideographic-space", "nbsp", "end-tag", "object-mark", "lines", "xml-declaration"],
)
def test_nothing_but_what_parse_drops_and_whitespace_is_empty(page: str) -> None:
    """Control characters, U+FFFC, the page's end tags and an XML declaration are dropped
    before parsing: what is left of these is whitespace (Unicode's too), an empty page
    (exit 1), not a page with no content (exit 3)."""
    from cleaner import InputError, Options, clean

    with pytest.raises(InputError, match="input is empty"):
        clean(page, Options(input_format="html"))


# -- binary data -----------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"


@pytest.mark.parametrize(
    "data",
    [PNG, PDF, random.Random(5).randbytes(20_000), gzip.compress(PNG * 10), b"\x1f\x8b\x08junk"],
    ids=["png", "pdf", "random", "gzipped-png", "corrupt-gzip"],
)
def test_binary_input_is_one_input_error(
    run_cli: Any, one_line_error: OneLineError, tmp_path: Path, data: bytes
) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(data)
    one_line_error(run_cli([page]), 1)


def test_gzip_without_gz_suffix_is_undone(run_cli: Any, tmp_path: Path) -> None:
    page = tmp_path / "page.html"  # no .gz: the magic bytes say what it is
    page.write_bytes(gzip.compress(ARTICLE.encode()))
    proc = run_cli([page])
    assert proc.returncode == 0, proc.stderr
    assert b"recorded a new winter high" in proc.stdout


def test_nul_bytes_inside_text_are_dropped() -> None:
    data = ARTICLE.encode().replace(b"sluice", b"slu\x00ice", 1)
    doc = clean_ok(data)
    assert "\x00" not in doc.markdown
    assert "recorded a new winter high" in doc.markdown


# -- encodings -------------------------------------------------------------------------------


def test_invalid_utf8_sequences_give_a_document() -> None:
    data = ARTICLE.encode().replace(b"sluice", b"slu\xff\xfe\xc3(ice", 1)
    assert "recorded a new winter high" in clean_ok(data).markdown


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(codec: str) -> None:
    page = ARTICLE.replace("winter high", "winter high, café")
    doc = clean_ok(page.encode(codec))
    assert "winter high, café" in doc.markdown


@pytest.mark.parametrize(
    ("declared", "actual"),
    [("shift_jis", "utf-8"), ("utf-8", "cp1252"), ("gb2312", "utf-8"), ("utf-16", "utf-8")],
)
def test_lying_meta_charset(declared: str, actual: str) -> None:
    page = ARTICLE.replace("<head>", f"<head><meta charset='{declared}'>").replace(
        "winter high", "winter high in Orléans"
    )
    assert "winter high in Orléans" in clean_ok(page.encode(actual)).markdown


def test_double_encoded_utf8_is_repaired() -> None:
    mojibake = "café".encode().decode("latin-1")  # 'cafÃ©': the source page is already wrong
    page = ARTICLE.replace("winter high", f"winter high at the {mojibake}")
    doc = clean_ok(page.encode("utf-8"))
    assert "winter high at the café" in doc.markdown


# -- size ------------------------------------------------------------------------------------


class EndlessStream(io.RawIOBase):
    """A stream of `<p>` that never ends, counting what was read from it."""

    def __init__(self) -> None:
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = len(buffer)
        buffer[:size] = (b"<p>words " * (size // 9 + 1))[:size]
        self.served += size
        return size


def test_reading_is_bounded() -> None:
    from cleaner.errors import TooLargeError
    from cleaner.limits import read_bounded

    stream = EndlessStream()
    with pytest.raises(TooLargeError, match="--max-bytes"):
        read_bounded(stream, 100_000)  # type: ignore[arg-type]
    assert stream.served == 100_001


def test_stdin_larger_than_max_bytes(run_cli: Any, one_line_error: OneLineError) -> None:
    line = one_line_error(run_cli(["--max-bytes", "64K"], input=b"<p>words " * 20_000), 1)
    assert "64 KiB" in line and "--max-bytes" in line


def test_huge_sparse_file_is_refused_at_the_default_limit(
    run_cli: Any, one_line_error: OneLineError, tmp_path: Path
) -> None:
    """A 600 MB file (sparse: no disk used) is refused from its size, without reading it."""
    page = tmp_path / "huge.html"
    with open(page, "wb") as handle:
        handle.truncate(600 * 1024 * 1024)
    started = time.monotonic()
    line = one_line_error(run_cli([page]), 1)
    assert "64 MiB" in line and "huge.html" in line
    assert time.monotonic() - started < 30


def test_device_without_size_is_read_bounded(run_cli: Any, one_line_error: OneLineError) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    one_line_error(run_cli(["--max-bytes", "1M", "/dev/zero"]), 1)


def test_gzip_bomb_is_refused() -> None:
    from cleaner.errors import TooLargeError

    bomb = gzip.compress(b"<p>" + b"a" * 50_000_000)
    assert len(bomb) < 100_000
    with pytest.raises(TooLargeError, match="decompressed"):
        clean_ok(bomb, max_bytes=1_000_000)


def test_str_input_over_the_limit_is_refused() -> None:
    from cleaner.errors import TooLargeError

    with pytest.raises(TooLargeError):
        clean_ok("<p>" + "a" * 2000, max_bytes=1000)


@pytest.mark.parametrize("value", ["0", "-5", "lots", "12Q"])
def test_bad_max_bytes_is_a_usage_error(
    run_cli: Any, one_line_error: OneLineError, value: str
) -> None:
    one_line_error(run_cli(["--max-bytes", value], input=ARTICLE.encode()), 2)


def test_many_elements_finish_and_keep_content() -> None:
    rows = "".join(
        f"<div class='row'><p>Row {i} of the list, <b>bold</b>.</p></div>" for i in range(20_000)
    )
    doc = clean_ok(f"<html><body><article>{rows}</article></body></html>")
    assert "Row 19999 of the list" in doc.markdown


@pytest.mark.parametrize(
    "page",
    [
        # Thousands of blocks of lines with related leads among them: the elsewhere guard
        # reads every block of lines once per walk, not once per lead.
        "".join(
            f"<div>Line {i} of the page.<br><br>More of it.</div>"
            f"<p>Related articles:<br><a href='/{i}'>Other {i}</a></p>"
            for i in range(3_000)
        ),
        # Thousands of blank lines closing one block: the trailing-line climb is linear.
        "<div>" + ARTICLE_TEXT + "<br>" * 50_000 + "Previous post: <a href='/1'>x</a></div>",
        # A paragraph of 50,000 blank lines between words.
        "<p>" + "word<br><br>" * 25_000 + "</p>",
    ],
    ids=["flows-and-leads", "trailing-breaks", "blank-lines"],
)
def test_many_lines_finish(page: str) -> None:
    started = time.perf_counter()
    clean_ok(f"<html><body>{page}</body></html>", fallback="keep")
    assert time.perf_counter() - started < 10


DEPTH = 100_000
DEEP_PAGES = {
    "div": "<div>" * DEPTH + ARTICLE_TEXT,
    "div-closed": "<div>" * DEPTH + ARTICLE_TEXT + "</div>" * DEPTH,
    "span": "<span>" * DEPTH + ARTICLE_TEXT + "</span>" * DEPTH,
    "inline": "<b><i>" * (DEPTH // 2) + ARTICLE_TEXT,
    "lists": "<ul><li>" * (DEPTH // 2) + ARTICLE_TEXT,
    "tables": "<table><tr><td>" * (DEPTH // 3) + ARTICLE_TEXT,
    "blockquote": "<blockquote>" * DEPTH + ARTICLE_TEXT,
    "mixed": "<div><section><p><span>" * (DEPTH // 4) + ARTICLE_TEXT,
    "markdown-quote": "> " * DEPTH + ARTICLE_TEXT,
    "markdown-list": "- " * DEPTH + ARTICLE_TEXT,
    "markdown-html": "# Title\n\n" + "<div>" * DEPTH + ARTICLE_TEXT,
}


@pytest.mark.parametrize("page", list(DEEP_PAGES.values()), ids=list(DEEP_PAGES))
@pytest.mark.parametrize("fallback", ["fail", "keep"])
def test_nesting_100000_deep_keeps_the_text(page: str, fallback: str) -> None:
    """No RecursionError in parse, strip, score or render, and the text under it is kept."""
    doc = clean_ok(page, fallback=fallback)
    assert "recorded a new winter high" in doc.markdown
    assert "recorded a new winter high" in doc.text


def test_flattened_tree_is_bounded_in_depth() -> None:
    from cleaner.parse import MAX_DEPTH, parse

    root = parse("<div>" * DEPTH + "text")
    deepest = max(sum(1 for _ in e.iterancestors()) for e in root.iter())
    assert deepest <= MAX_DEPTH + 2


# -- hostile markup --------------------------------------------------------------------------


def test_billion_laughs_is_not_expanded() -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    page = f"<!DOCTYPE html [{entities}]><html><body><p>{ARTICLE_TEXT} &lol9;</p></body></html>"
    started = time.monotonic()
    doc = clean_ok(page)
    assert time.monotonic() - started < 10
    assert "lollollol" not in doc.markdown
    assert len(doc.markdown) < 10_000


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    page = (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">'
        '<!ENTITY net SYSTEM "http://198.51.100.1/x.dtd">]>'
        f"<html><body><p>{ARTICLE_TEXT} &xxe; &net;</p>"
        f'<img src="file://{secret}"><link rel="stylesheet" href="http://198.51.100.1/a.css">'
        "</body></html>"
    )
    for fmt in ("auto", "html", "markdown"):
        doc = clean_ok(page, input_format=fmt)
        assert "TOP-SECRET-CONTENT" not in doc.markdown + doc.text


UNSAFE_HREFS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java&#10;script:alert(1)",
    "&#106;avascript:alert(1)",
    "\x01javascript:alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    " DATA:text/html,<script>alert(1)</script>",
]


@pytest.mark.parametrize("href", UNSAFE_HREFS)
def test_unsafe_links_and_images_are_dropped(href: str) -> None:
    attr = href.replace('"', "&quot;")
    page = ARTICLE.replace(
        "</p>",
        f' <a href="{attr}">the link text</a> <img src="{attr}" alt="pic">'
        f' <img src="/x.png" data-src="{attr}" alt="lazy"></p>',
    )
    for base_url in (None, "https://example.org/a/"):
        doc = clean_ok(page, base_url=base_url)
        assert "the link text" in doc.markdown
        rest = re.sub(r"!\[lazy\]\((?:https://example\.org)?/x\.png\)", "", doc.markdown)
        assert "](" not in rest, doc.markdown
        assert not markdown_hazards(doc.markdown)


def test_javascript_base_url_makes_no_javascript_links() -> None:
    page = ARTICLE.replace("</p>", ' <a href="alert(1)">text</a> <img src="x.png"></p>')
    doc = clean_ok(page, base_url="javascript:/")
    assert "javascript" not in doc.markdown.lower()


def test_markdown_input_with_unsafe_links() -> None:
    page = (
        f"# Title\n\n{ARTICLE_TEXT}\n\n[click](javascript:alert(1)) "
        "![img](javascript:alert(1)) <javascript:alert(1)> [x](vbscript:y)\n\n"
        '<a href="javascript:alert(1)">raw link</a>'
        ' <img src="data:text/html,x" onerror="alert(1)">\n'
    )
    doc = clean_ok(page)
    assert "raw link" in doc.markdown
    assert not markdown_hazards(doc.markdown)


@pytest.mark.parametrize(
    "snippet",
    [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;iframe src=https://evil.example&gt;&lt;/iframe&gt;",
        "&lt;img src=x onerror=alert(1)&gt;",
        "&lt;svg onload=alert(1)&gt;",
        "&lt;!-- x --&gt;&lt;script&gt;",
        "[click](javascript:alert(1))",
        "&lt;javascript:alert(1)&gt;",
        "[x]: javascript:alert(1)",
        "\\&lt;script&gt;",
        "`&lt;script&gt;`",
        # Escaped node by node, joined after: `<` + an empty element + `embed` (found by
        # the fuzz run).
        "&lt;<font></font>embed src=x&gt;",
        "x<b>&lt;</b>iframe src=x&gt;",
        "[click<i></i>](javascript:alert(1))",
    ],
)
def test_script_text_does_not_become_markup(snippet: str) -> None:
    """Text that reads as HTML or a link is escaped: rendering our Markdown runs nothing."""
    for where in ("<p>{}</p>", "<h2>{}</h2>", "<li>{}</li>", "<td>{}</td><td>b</td>", "<b>{}</b>"):
        block = where.format(snippet)
        if "<li>" in block:
            block = f"<ul>{block}</ul>"
        if "<td>" in block:
            block = f"<table><tr><th>h</th><th>i</th></tr><tr>{block}</tr></table>"
        page = ARTICLE.replace("</article>", block + "</article>")
        doc = clean_ok(page)
        assert not markdown_hazards(doc.markdown), (block, doc.markdown)


def test_image_alt_and_code_language_cannot_break_out() -> None:
    page = ARTICLE.replace(
        "</article>",
        '<p><img src="/a.png" alt="x\\"><img src="/b.png" alt="]<script>alert(1)</script>"></p>'
        '<pre data-lang="```\n<script>alert(1)</script>"><code>&lt;iframe&gt;</code></pre>'
        "</article>",
    )
    doc = clean_ok(page)
    assert not markdown_hazards(doc.markdown), doc.markdown


@pytest.mark.parametrize(
    "block",
    [
        "<li><pre>x\n&lt;script&gt;alert(1)&lt;/script&gt;</pre></li>",
        "<ul><li><pre>x\n&lt;iframe src=x&gt;</pre><p>more</p></li></ul>",
        "<blockquote><pre>x\n&lt;script&gt;alert(1)&lt;/script&gt;</pre></blockquote>",
        "<ol><li><blockquote><pre>&lt;/pre&gt;\n&lt;script&gt;x&lt;/script&gt;</pre></blockquote></li></ol>",
    ],
)
def test_code_in_containers_stays_code(block: str) -> None:
    """A code block's lines stay inside their list item or quote (found by the fuzz run: an
    `<li>` outside a list left its fence's lines unindented, so `<script>` fell out)."""
    doc = clean_ok(ARTICLE.replace("</article>", block + "</article>"))
    assert "<script>" in doc.markdown or "<iframe" in doc.markdown
    assert not markdown_hazards(doc.markdown), doc.markdown


def test_raw_script_and_iframe_elements_are_removed() -> None:
    page = ARTICLE.replace(
        "</p>",
        "<script>alert(1)</script><iframe src='https://evil.example'></iframe>"
        "<object data='x.swf'></object><embed src='x.swf'></p>",
    )
    doc = clean_ok(page)
    assert "alert(1)" not in doc.markdown
    assert "evil.example" not in doc.markdown
    assert not markdown_hazards(doc.markdown)


@pytest.mark.parametrize("size", [5_000_000])
def test_megabyte_attribute_values(size: int) -> None:
    huge = "x" * size
    page = ARTICLE.replace(
        "<p>", f'<p title="{huge}" class="{huge}" data-x="{huge}"><a href="/{huge}">long link</a> '
    )
    doc = clean_ok(page)
    assert "recorded a new winter high" in doc.markdown
    assert "long link" in doc.markdown


# -- regular expressions -----------------------------------------------------------------------


def all_patterns() -> dict[str, re.Pattern[Any]]:
    import importlib
    import pkgutil

    import cleaner

    found: dict[str, re.Pattern[Any]] = {}
    for module_info in pkgutil.iter_modules(cleaner.__path__):
        module = importlib.import_module(f"cleaner.{module_info.name}")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[f"{module_info.name}.{name}"] = value
    return found


# Runs of one piece, and of the pieces these patterns are built around.
REDOS_LENGTH = 30_000
REDOS_PIECES = [
    " ", "\t", "\n", "\u00a0", "\u3000", "a", "A", "1", "中", "<", ">", "-", "#", "*", "[", "]",
    "(", ")", "|", ":", ".", ",", "/", "_", "=", "'", '"', "`", "&", ";", "!", "?", "\\",
    "<a", "<!--", "[a", "](", "- ", "> ", "1. ", " |", "a ", "a.", "by A ", "share ", "<?xml ",
    "<meta ", "charset=", "http://", "a-", " -", "-a", "A a", "2024-01-01 ", "\u00a0 ",
]  # fmt: skip
REDOS_BUDGET_S = 1.5


@pytest.mark.parametrize("name", sorted(all_patterns()))
def test_regular_expressions_are_not_redos_prone(name: str) -> None:
    """Each pattern scans long adversarial strings (a repeated piece, then a character that
    fails the match) in near-linear time: a quadratic pattern takes seconds here."""
    pattern = all_patterns()[name]
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode()
    pieces = list(dict.fromkeys(REDOS_PIECES + [c for c in source if c.isprintable()]))
    slowest = (0.0, "")
    for piece in pieces:
        text = piece * (REDOS_LENGTH // len(piece)) + "\x00!"
        data: Any = text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text
        started = time.perf_counter()
        pattern.findall(data)
        elapsed = time.perf_counter() - started
        slowest = max(slowest, (elapsed, piece))
    assert slowest[0] < REDOS_BUDGET_S, f"{name} took {slowest[0]:.2f} s on {slowest[1]!r} runs"


# -- timeouts --------------------------------------------------------------------------------


def slow_page(paragraphs: int = 100_000) -> bytes:
    """A page that takes seconds to clean (many elements), not a trick of the test."""
    return b"<html><body>" + b"<p>short line</p>" * paragraphs + b"</body></html>"


# The first deadline can land in hypothesis's GC callback, where Python drops it with this
# warning; the next one ends the page (see the two "dropped" tests below).
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_time_limit_raises_page_timeout() -> None:
    from cleaner.errors import PageTimeoutError
    from cleaner.limits import time_limit

    started = time.monotonic()
    with pytest.raises(PageTimeoutError, match="--timeout"), time_limit(0.3):
        clean_ok(slow_page())
    assert time.monotonic() - started < 5


def test_time_limit_catches_through_except_exception() -> None:
    """A handler that swallows Exception (readability's) cannot swallow the deadline."""
    from cleaner.errors import PageTimeoutError
    from cleaner.limits import time_limit

    def stubborn() -> None:
        while True:
            try:  # noqa: SIM105 - the shape of the handler under test
                time.sleep(0.01)
            except Exception:
                pass

    with pytest.raises(PageTimeoutError), time_limit(0.2):
        stubborn()


def test_time_limit_in_a_thread() -> None:
    """Dask workers run pages in threads, where SIGALRM cannot reach."""
    import threading

    from cleaner.errors import PageTimeoutError
    from cleaner.limits import time_limit

    outcome: list[str] = []

    def work() -> None:
        try:
            with time_limit(0.2):
                while True:
                    sum(range(1000))
        except PageTimeoutError:
            outcome.append("timed out")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert outcome == ["timed out"]


class _SlowToFree:
    """Frees slowly: a deadline that goes off in __del__ is dropped by Python (printed as
    an "exception ignored" warning), as one in a garbage-collector callback is."""

    def __del__(self) -> None:
        end = time.monotonic() + 0.3
        while time.monotonic() < end:
            sum(range(100))


def _outlive_a_dropped_deadline() -> None:
    _SlowToFree()  # freed at once; the first deadline lands in its __del__
    end = time.monotonic() + 3
    while time.monotonic() < end:
        sum(range(1000))


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_deadline_dropped_where_it_landed_goes_off_again() -> None:
    from cleaner.errors import PageTimeoutError
    from cleaner.limits import time_limit

    started = time.monotonic()
    with pytest.raises(PageTimeoutError), time_limit(0.1):
        _outlive_a_dropped_deadline()
    assert time.monotonic() - started < 2


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_deadline_dropped_in_a_thread_goes_off_again() -> None:
    import threading

    from cleaner.errors import PageTimeoutError
    from cleaner.limits import time_limit

    outcome: list[float] = []

    def work() -> None:
        started = time.monotonic()
        try:
            with time_limit(0.1):
                _outlive_a_dropped_deadline()
        except PageTimeoutError:
            outcome.append(time.monotonic() - started)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert len(outcome) == 1 and outcome[0] < 2


def test_single_page_timeout_is_one_input_error(run_cli: Any, one_line_error: OneLineError) -> None:
    line = one_line_error(run_cli(["--timeout", "0.3"], input=slow_page()), 1)
    assert "timed out after 0.3 s" in line


def test_batch_timeout_is_one_failure_and_the_batch_goes_on(run_cli: Any, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "b-slow.html").write_bytes(slow_page())
    for name in ("a.html", "c.html", "d.html"):
        (site / name).write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli([site, "-o", out, "--timeout", "0.5", "-j", "2"])
    err = proc.stderr.decode()
    assert proc.returncode == 4, err
    assert "Traceback" not in err
    assert re.search(r"b-slow\.html: timed out after 0\.5 s", err), err
    assert sorted(p.name for p in out.iterdir()) == ["a.md", "c.md", "d.md"]
    assert "3 done, 0 skipped, 1 failed" in err


# -- batches ---------------------------------------------------------------------------------


def make_site(root: Path, names: tuple[str, ...] = ("a.html", "b.html")) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        (root / name).write_text(ARTICLE.replace("Tide", name), encoding="utf-8")
    return root


def run_in_process(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    from cleaner.cli import main

    with pytest.raises(SystemExit) as stop:
        main(args)
    code = stop.value.code
    return int(code if isinstance(code, int) else 1), capsys.readouterr().err


def refuse_open(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Root reads any file whatever its mode: refuse opening `name` as the kernel would."""
    import builtins

    real_open = builtins.open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file).endswith(name):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)


def test_unreadable_file_is_one_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path / "site", ("a.html", "locked.html", "z.html"))
    if os.geteuid() != 0:
        (site / "locked.html").chmod(0)
    else:
        refuse_open(monkeypatch, "locked.html")
    out = tmp_path / "out"
    code, err = run_in_process([str(site), "-o", str(out), "-j", "1"], capsys)
    assert code == 4, err
    assert "locked.html: Permission denied" in err
    assert sorted(p.name for p in out.iterdir()) == ["a.md", "z.md"]


def test_unreadable_single_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "locked.html"
    page.write_text(ARTICLE, encoding="utf-8")
    if os.geteuid() != 0:
        page.chmod(0)
    else:
        refuse_open(monkeypatch, "locked.html")
    code, err = run_in_process([str(page)], capsys)
    assert code == 1, err
    assert err.count("\n") == 1 and "Permission denied" in err and "Traceback" not in err


@pytest.mark.parametrize("follow", [False, True])
def test_directory_symlink_loop_ends(run_cli: Any, tmp_path: Path, follow: bool) -> None:
    site = make_site(tmp_path / "site")
    (site / "sub").mkdir()
    (site / "sub" / "c.html").write_text(ARTICLE, encoding="utf-8")
    (site / "sub" / "loop").symlink_to(site, target_is_directory=True)
    (site / "self").symlink_to(".", target_is_directory=True)
    out = tmp_path / "out"
    args = [site, "-o", out] + (["--follow-symlinks"] if follow else [])
    proc = run_cli(args)
    err = proc.stderr.decode()
    assert proc.returncode == 0, err
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.md"))
    assert written == ["a.md", "b.md", "sub/c.md"]
    assert ("symbolic links not followed" in err) is not follow


def test_symlink_outside_the_tree_is_not_followed_unless_asked(
    run_cli: Any, tmp_path: Path
) -> None:
    outside = make_site(tmp_path / "elsewhere", ("secret.html",))
    site = make_site(tmp_path / "site", ("a.html",))
    (site / "inside-link.html").symlink_to(site / "a.html")
    (site / "outside-link.html").symlink_to(outside / "secret.html")
    (site / "outside-dir").symlink_to(outside, target_is_directory=True)
    out = tmp_path / "out"
    proc = run_cli([site, "-o", out])
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.rglob("*.md")) == ["a.md", "inside-link.md"]
    assert "2 symbolic links not followed" in proc.stderr.decode()
    proc = run_cli([site, "-o", out, "--follow-symlinks"])
    assert proc.returncode == 0, proc.stderr
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.md"))
    assert written == ["a.md", "inside-link.md", "outside-dir/secret.md", "outside-link.md"]


def test_full_disk_leaves_no_partial_files_and_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import cleaner.batch

    site = make_site(tmp_path / "site", ("a.html", "b.html"))
    out = tmp_path / "out"
    real_fdopen = os.fdopen

    class FullDisk(io.RawIOBase):
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def writable(self) -> bool:
            return True

        def write(self, data: Any) -> int:
            self.handle.write(bytes(data)[:10])  # some bytes land, then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def close(self) -> None:
            self.handle.close()
            super().close()

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_fdopen(fd, mode, *args, **kwargs)
        return FullDisk(handle) if "w" in mode else handle

    monkeypatch.setattr(cleaner.batch.os, "fdopen", fdopen)
    code, err = run_in_process([str(site), "-o", str(out), "-j", "1"], capsys)
    assert code == 1, err  # every page failed
    assert f"cannot write {out / 'a.md'}: No space left on device" in err
    assert "Traceback" not in err
    assert list(out.rglob("*")) == []


def test_read_only_output_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import cleaner.batch

    site = make_site(tmp_path / "site", ("a.html",))
    out = tmp_path / "out"
    out.mkdir()
    if os.geteuid() != 0:
        out.chmod(0o555)
    else:  # root writes anywhere: refuse file creation the way a read-only mount would

        def read_only(*args: Any, **kwargs: Any) -> Any:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))

        monkeypatch.setattr(cleaner.batch.tempfile, "mkstemp", read_only)
    try:
        code, err = run_in_process([str(site), "-o", str(out), "-j", "1"], capsys)
    finally:
        out.chmod(0o755)
    assert code == 1, err
    assert f"cannot write {out / 'a.md'}:" in err
    assert list(out.iterdir()) == []


def test_single_page_output_write_failure_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import cleaner.batch

    page = tmp_path / "page.html"
    page.write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "out" / "page.md"
    target.parent.mkdir()

    def no_space(fd: int, data: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    real_fdopen = os.fdopen

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_fdopen(fd, mode, *args, **kwargs)
        if "w" in mode:
            handle.write = lambda data: no_space(fd, data)  # type: ignore[method-assign]
        return handle

    monkeypatch.setattr(cleaner.batch.os, "fdopen", fdopen)
    code, err = run_in_process([str(page), "-o", str(target)], capsys)
    assert code == 1
    assert err.strip() == f"cleaner: cannot write {target}: No space left on device"
    assert list(target.parent.iterdir()) == []


def test_two_runs_into_one_outdir(run_cli: Any, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", ("a.html", "b.html", "c.html"))
    out = tmp_path / "out"
    first = run_cli([site, "-o", out])
    assert first.returncode == 0, first.stderr
    assert "3 done, 0 skipped" in first.stderr.decode()
    second = run_cli([site, "-o", out])
    assert second.returncode == 0, second.stderr
    assert "0 done, 3 skipped" in second.stderr.decode()
    assert no_output_files(out) == []


def test_stale_temp_files_of_a_dead_run_are_removed(tmp_path: Path) -> None:
    from cleaner.batch import remove_stale_temps

    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        check=True,
        text=True,
    )
    dead_pid = int(dead.stdout)
    stale = out / "sub" / f".page.md.abc123.cleaner-{dead_pid}.tmp"
    live = out / f".other.md.def456.cleaner-{os.getpid()}.tmp"
    theirs = out / ".keep.tmp"  # not named as cleaner names its files
    for path in (stale, live, theirs):
        path.write_bytes(b"partial")
    assert remove_stale_temps(str(out)) == 1
    assert not stale.exists() and live.exists() and theirs.exists()


def test_kill_9_then_rerun_completes_without_partial_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    for index in range(60):
        (site / f"p{index:03d}.html").write_text(
            ARTICLE.replace("Tide", f"Tide {index}") + "<p>more</p>" * 2000, encoding="utf-8"
        )
    out = tmp_path / "out"
    command = [sys.executable, "-m", "cleaner", str(site), "-o", str(out), "-j", "2"]
    proc = subprocess.Popen(
        command, cwd=REPO_ROOT, env=cli_env(), stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(out.glob("*.md")):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, mid-run
    proc.wait(10)
    written = len(list(out.glob("*.md")))
    assert 0 < written < 60, "the run was not killed mid-way; make the pages slower"
    # A temp file as a write interrupted by the kill leaves it (the timing above rarely hits one).
    (out / f".p059.md.zz9zz9.cleaner-{proc.pid}.tmp").write_bytes(b"half a page")
    rerun = subprocess.run(
        command, cwd=REPO_ROOT, env=cli_env(), capture_output=True, timeout=300, check=False
    )
    err = rerun.stderr.decode()
    assert rerun.returncode == 0, err
    assert f"{60 - written} done, {written} skipped, 0 failed" in err
    assert len(list(out.glob("*.md"))) == 60
    assert no_output_files(out) == []


def test_killed_jsonl_run_leaves_no_partial_file(run_cli: Any, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", ("a.html", "b.html"))
    jsonl = tmp_path / "pages.jsonl"
    leftover = tmp_path / f".pages.jsonl.abcdef.cleaner-{2**22 + 12345}.tmp"
    leftover.write_bytes(b'{"id": "half')
    proc = run_cli([site, "--jsonl", jsonl])
    assert proc.returncode == 0, proc.stderr
    assert not leftover.exists()
    assert len(jsonl.read_text(encoding="utf-8").splitlines()) == 2


# -- the CLI on all of it --------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"\x00" * 100,
        "<p>\ud800</p>".encode("utf-8", "surrogatepass"),
        b"<html>" + b"<div>" * 50_000,
        b"\xef\xbb\xbf",
        b"\xff\xfe" + b"\x00" * 10,
        zlib.compress(b"<p>deflate, not gzip</p>"),
    ],
    ids=["nuls", "surrogate", "deep", "bom-only", "utf16-nuls", "zlib"],
)
def test_cli_never_shows_a_traceback(run_cli: Any, data: bytes) -> None:
    proc = run_cli([], input=data)
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err
    assert proc.returncode in (0, 1, 3), err
    if proc.returncode:
        assert proc.stdout == b""
        assert len(stderr_lines(proc)) == 1, err


def test_fuzz_entry_point_runs(tmp_path: Path) -> None:
    """`make fuzz` works (a few hundred inputs here; the long run is not part of CI)."""
    from bench.fuzz import main

    assert main(["--examples", "200", "--chunk", "100", "--crashes", str(tmp_path)]) == 0


def test_single_page_output_removes_a_killed_runs_temp_file(run_cli: Any, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    leftover = out / f".page.md.k1ll3d.cleaner-{2**22 + 54321}.tmp"
    leftover.write_bytes(b"half a page")
    proc = run_cli([page, "-o", out / "page.md"])
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["page.md"]


def test_jsonl_that_cannot_be_committed_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import cleaner.runner

    site = make_site(tmp_path / "site", ("a.html",))
    jsonl = tmp_path / "pages.jsonl"

    def no_rename(source: Any, target: Any) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(cleaner.runner.os, "replace", no_rename)
    code, err = run_in_process([str(site), "--jsonl", str(jsonl), "-j", "1"], capsys)
    monkeypatch.undo()
    assert code == 1, err
    assert f"cannot write {jsonl}: Read-only file system" in err
    assert "Traceback" not in err
    assert list(tmp_path.glob("*pages.jsonl*")) == []


def test_front_matter_holds_no_tag_for_renderers_that_do_not_know_it() -> None:
    import json as json_module

    from cleaner import Options, clean

    page = (
        "<title>&lt;script&gt;alert(1)&lt;/script&gt; tides</title><p>The survey team "
        "counted forty curlews on the mud flats before the tide turned.</p>"
    )
    markdown = clean(page, Options(front_matter=True)).markdown
    head = markdown.split("---")[1]
    assert "<" not in head
    title_line = next(line for line in head.splitlines() if line.startswith("title: "))
    # The scalar is a JSON string, so YAML and JSON read it back the same.
    assert json_module.loads(title_line[len("title: ") :]) == "<script>alert(1)</script> tides"
