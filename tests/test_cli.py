"""The command line, mostly through a real subprocess: streams, files, formats, exit codes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO_ROOT, SAMPLES_DIR, cli_env

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

NEWS = SAMPLES_DIR / "news-with-chrome" / "input.html"
CHROME_ONLY = SAMPLES_DIR / "chrome-only" / "input.html"
MIRROR = SAMPLES_DIR / "markdown-mirror-code-table" / "input.md"
GBK = SAMPLES_DIR / "gbk-no-charset" / "input.html"
NEWS_TITLE = "Council approves tidal barrier for the old harbour"
NEWS_URL = "https://harbourledger.example/news/2024/03/council-approves-tidal-barrier"
REMOVAL_CATEGORIES = ("nav", "cookie", "related", "share", "promo", "chrome", "footer", "script")

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
    b"\x1f\xf3\xffa\x00\x00\x00\x19IDATx\x9cc\xfc\xff\x9f\x81\x02\xc0\x04\xc6\x10\x18\x00"
    + bytes(range(256)) * 8
    + b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(")


@pytest.fixture(scope="module")
def news_markdown(run_cli: Any) -> bytes:
    """The reference output: the news sample by path, default options."""
    proc = run_cli([NEWS])
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.startswith(f"# {NEWS_TITLE}\n".encode())
    return bytes(proc.stdout)


def long_page(paragraphs: int = 4000) -> str:
    """An article far bigger than a pipe buffer, so a closed reader is noticed mid-write."""
    body = "\n".join(
        f"<p>Survey note {i}: the team walked transect {i % 37} at dawn and counted "
        f"{(i * 7) % 101} curlews, {(i * 13) % 59} redshanks and {(i * 3) % 17} grey plovers "
        f"feeding along the mud where the creek bends towards the old sluice gate.</p>"
        for i in range(paragraphs)
    )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Wader counts</title></head>"
        "<body><nav><a href='/'>Home</a> <a href='/surveys'>Surveys</a></nav>"
        f"<article><h1>Wader counts on the estuary</h1>{body}</article>"
        "<footer><a href='/about'>About</a></footer></body></html>"
    )


# -- where input comes from and where output goes ------------------------------------------


def test_stdin_without_source(run_cli: Any, news_markdown: bytes) -> None:
    proc = run_cli([], input=NEWS.read_bytes())
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == news_markdown
    assert proc.stderr == b""


def test_dash_reads_stdin(run_cli: Any, news_markdown: bytes) -> None:
    proc = run_cli(["-"], input=NEWS.read_bytes())
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == news_markdown


def test_file_path_relative_to_cwd(run_cli: Any, news_markdown: bytes, tmp_path: Path) -> None:
    shutil.copy(NEWS, tmp_path / "page.html")
    proc = run_cli(["page.html"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == news_markdown


def test_output_file(run_cli: Any, news_markdown: bytes, tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    proc = run_cli(["-o", target, NEWS])
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == b""
    assert target.read_bytes() == news_markdown


def test_output_file_from_stdin(run_cli: Any, news_markdown: bytes, tmp_path: Path) -> None:
    proc = run_cli(["-o", "out.md"], input=NEWS.read_bytes(), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == b""
    assert (tmp_path / "out.md").read_bytes() == news_markdown


def test_output_ends_with_one_newline(news_markdown: bytes) -> None:
    assert news_markdown.endswith(b"\n") and not news_markdown.endswith(b"\n\n")


def test_non_ascii_output_is_utf8_whatever_the_locale(run_cli: Any) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", str(GBK)],
        capture_output=True,
        cwd=REPO_ROOT,
        env={**cli_env(), "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"},
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert "# 山区茶农借助直播打开销路\n" in proc.stdout.decode("utf-8")


# -- formats -------------------------------------------------------------------------------


def test_to_text_has_no_markdown_or_urls(run_cli: Any) -> None:
    proc = run_cli(["--to", "text", NEWS])
    assert proc.returncode == 0, proc.stderr.decode()
    text = proc.stdout.decode("utf-8")
    assert text.startswith(NEWS_TITLE + "\n")
    assert "A flood risk assessment published last autumn" in text
    for syntax in ("](", "http", "**", "![", "\n# ", "\n> "):
        assert syntax not in text, syntax


def test_to_json(run_cli: Any, news_markdown: bytes) -> None:
    proc = run_cli(["--to", "json", NEWS])
    assert proc.returncode == 0, proc.stderr.decode()
    record = json.loads(proc.stdout)  # stdout holds nothing but the one record
    assert {"title", "url", "markdown", "removed"} <= set(record)
    assert record["title"] == NEWS_TITLE
    assert record["url"] == NEWS_URL  # from <link rel="canonical">
    assert record["markdown"].rstrip("\n") == news_markdown.decode("utf-8").rstrip("\n")
    assert record["removed"], "the news page had plenty of boilerplate removed"


def test_to_json_is_one_line(run_cli: Any) -> None:
    proc = run_cli(["--to", "json", NEWS])
    assert proc.stdout.count(b"\n") == 1 and proc.stdout.endswith(b"\n")


def test_from_markdown_on_stdin(run_cli: Any) -> None:
    proc = run_cli(["--from", "markdown"], input=MIRROR.read_bytes())
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode("utf-8")
    assert out.startswith("# Reading river gauge logs with Python\n")
    assert "```python\n" in out


def test_front_matter(run_cli: Any) -> None:
    proc = run_cli(["--front-matter", NEWS])
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode("utf-8")
    assert out.startswith("---\n")
    head, sep, rest = out[4:].partition("\n---\n")
    assert sep, "front matter is not closed by ---"
    assert re.search(r"^title: .*Council approves tidal barrier", head, re.M), head
    assert f"# {NEWS_TITLE}" in rest


def test_no_links(run_cli: Any) -> None:
    proc = run_cli(["--no-links", NEWS])
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode("utf-8")
    assert "A flood risk assessment published last autumn" in out
    assert not LINK.search(out), LINK.search(out)
    assert "flood-risk-2024.pdf" not in out


def test_no_images(run_cli: Any) -> None:
    proc = run_cli(["--no-images", NEWS])
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode("utf-8")
    assert "![" not in out and "barrier-site-800.jpg" not in out
    assert "Councillors voted 31 to 9" in out


def test_base_url(run_cli: Any) -> None:
    page = (
        b"<html><head><title>T</title></head><body><article><h1>Notes on relative links</h1>"
        b"<p>The survey results are in the <a href='../data/2024.csv'>spring data file</a>, "
        b"and the map is below; both paths are relative to the page that holds them.</p>"
        b"<p><img src='img/map.png' alt='Map of the survey area'></p>"
        b"<p>Every count was made at low water, by two observers working independently, "
        b"and the two tallies were reconciled on the same day.</p></article></body></html>"
    )
    proc = run_cli(["--base-url", "https://site.example/notes/page.html"], input=page)
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode("utf-8")
    assert "[spring data file](https://site.example/data/2024.csv)" in out
    assert "![Map of the survey area](https://site.example/notes/img/map.png)" in out


def test_keep_and_drop(run_cli: Any, news_markdown: bytes) -> None:
    dropped = run_cli(["--drop", "blockquote", NEWS])
    assert dropped.returncode == 0, dropped.stderr.decode()
    assert b"We cannot keep filling sandbags" in news_markdown
    assert b"We cannot keep filling sandbags" not in dropped.stdout

    kept = run_cli(["--keep", "aside.related", "--keep", ".most-read", NEWS])
    assert kept.returncode == 0, kept.stderr.decode()
    assert b"Quay floods for the second time this winter" in kept.stdout
    assert b"Rowing club celebrates its centenary regatta" in kept.stdout
    assert b"Councillors voted 31 to 9" in kept.stdout


def test_explain_goes_to_stderr_only(run_cli: Any, news_markdown: bytes) -> None:
    proc = run_cli(["--explain", NEWS])
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == news_markdown, "--explain must not change stdout by one byte"
    report = proc.stderr.decode("utf-8").lower()
    assert report.strip(), "--explain wrote nothing to stderr"
    assert any(c in report for c in REMOVAL_CATEGORIES), report


def test_explain_with_text_and_json(run_cli: Any) -> None:
    for fmt in ("text", "json"):
        plain = run_cli(["--to", fmt, NEWS])
        explained = run_cli(["--to", fmt, "--explain", NEWS])
        assert explained.returncode == plain.returncode == 0
        assert explained.stdout == plain.stdout
        assert explained.stderr.strip()


def test_encoding_override(run_cli: Any) -> None:
    proc = run_cli(["--encoding", "gbk"], input=GBK.read_bytes())
    assert proc.returncode == 0, proc.stderr.decode()
    assert "吴秀兰是第一批报名的学员" in proc.stdout.decode("utf-8")


# -- pipes ---------------------------------------------------------------------------------


def test_head_pipeline_is_quiet(tmp_path: Path) -> None:
    page = tmp_path / "long.html"
    page.write_text(long_page(), encoding="utf-8")
    errors = tmp_path / "stderr.txt"
    script = '"$PY" -m cleaner "$PAGE" 2>"$ERR" | head -1; echo "cleaner=${PIPESTATUS[0]}" >&2'
    proc = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        cwd=REPO_ROOT,
        env={**cli_env(), "PY": sys.executable, "PAGE": str(page), "ERR": str(errors)},
        timeout=300,
        check=False,
    )
    cleaner_err = errors.read_text(encoding="utf-8", errors="replace")
    assert proc.returncode == 0
    assert proc.stdout.startswith(b"# Wader counts") and proc.stdout.count(b"\n") == 1
    assert cleaner_err == "", f"noise on stderr after the reader left:\n{cleaner_err}"
    # Exiting 0 or dying of SIGPIPE (141) are both quiet; 1 or 120 means an error was reported.
    status = proc.stderr.decode().strip().rpartition("cleaner=")[2]
    assert status in ("0", "141"), status


def test_stdout_closed_early_by_python_reader(tmp_path: Path) -> None:
    page = tmp_path / "long.html"
    page.write_text(long_page(), encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, "-m", "cleaner", str(page)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO_ROOT,
        env=cli_env(),
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read()
        code = proc.wait(timeout=300)
    assert first.startswith(b"# Wader counts")
    assert err == b"", err.decode("utf-8", "replace")
    assert code in (0, -13), code  # -13: killed by SIGPIPE, also quiet


# -- failures ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(PNG_BYTES, id="png"),
        pytest.param(b"\x00" * 4096, id="nul-bytes"),
        pytest.param(
            b"<html><body><p>Hi\x00\x00\x00\x00\x00\x00\x00\x00" + b"\x00" * 512,
            id="html-with-nuls",
        ),
        pytest.param(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4, id="zip"),
    ],
)
def test_binary_input_is_an_input_error(
    run_cli: Any, one_line_error: Any, tmp_path: Path, data: bytes
) -> None:
    one_line_error(run_cli([], input=data), 1)
    path = tmp_path / "image.html"
    path.write_bytes(data)
    one_line_error(run_cli([path]), 1)


def test_empty_input_is_an_input_error(run_cli: Any, one_line_error: Any) -> None:
    one_line_error(run_cli([], input=b""), 1)


def test_whitespace_input_fails_cleanly(run_cli: Any, one_line_error: Any) -> None:
    proc = run_cli([], input=b" \n\t\r\n  \n")
    assert proc.returncode in (1, 3), proc.returncode
    one_line_error(proc, proc.returncode)


def test_missing_file(run_cli: Any, one_line_error: Any, tmp_path: Path) -> None:
    line = one_line_error(run_cli([tmp_path / "nope.html"]), 1)
    assert "nope.html" in line


@pytest.mark.parametrize("name", ["notes[b].html", "a[/x]b.html", "[bold]x[/bold].html"])
def test_missing_file_name_printed_verbatim(
    run_cli: Any, one_line_error: Any, tmp_path: Path, name: str
) -> None:
    """Brackets in a path must not be eaten as console markup."""
    line = one_line_error(run_cli([str(tmp_path) + "/" + name]), 1)
    assert name in line, line


def test_directory_as_source(run_cli: Any, one_line_error: Any, tmp_path: Path) -> None:
    one_line_error(run_cli([tmp_path]), 1)


def test_unwritable_output(run_cli: Any, one_line_error: Any, tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "out.md"
    proc = run_cli(["-o", target, NEWS])
    assert proc.returncode in (1, 2), proc.returncode
    one_line_error(proc, proc.returncode)
    assert not target.exists()


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--no-such-option", NEWS], id="unknown-option"),
        pytest.param(["--to", "pdf", NEWS], id="bad-to"),
        pytest.param(["--from", "docx", NEWS], id="bad-from"),
        pytest.param([NEWS, "--to"], id="missing-value"),
        pytest.param(["--encoding", "no-such-codec-xyz", NEWS], id="unknown-encoding"),
        pytest.param(["--drop", "[[[", NEWS], id="bad-css"),
        pytest.param(["-o", NEWS, NEWS], id="output-is-input"),
    ],
)
def test_usage_errors_exit_2(run_cli: Any, one_line_error: Any, args: list[Any]) -> None:
    before = NEWS.read_bytes()
    one_line_error(run_cli(args, input=before), 2)
    assert NEWS.read_bytes() == before


def test_chrome_only_exits_3(run_cli: Any, one_line_error: Any) -> None:
    one_line_error(run_cli([CHROME_ONLY]), 3)
    one_line_error(run_cli(["--to", "json"], input=CHROME_ONLY.read_bytes()), 3)


def test_no_content_leaves_no_output_file(run_cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    proc = run_cli(["-o", target, CHROME_ONLY])
    assert proc.returncode == 3
    assert not target.exists()


# -- version and help ----------------------------------------------------------------------


def test_version(run_cli: Any) -> None:
    version = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["version"]
    proc = run_cli(["--version"])
    assert proc.returncode == 0
    assert version in proc.stdout.decode()
    assert proc.stdout.count(b"\n") == 1
    assert proc.stderr == b""


def test_help_shows_a_pipeline(run_cli: Any) -> None:
    proc = run_cli(["--help"])
    assert proc.returncode == 0, proc.stderr.decode()
    text = proc.stdout.decode("utf-8")
    for option in ("--to", "--from", "--no-links", "--no-images", "--base-url", "--keep"):
        assert option in text, option
    for option in ("--drop", "--front-matter", "--explain", "--encoding", "--version", "-o"):
        assert option in text, option
    pipeline = re.compile(r"\|\s*cleaner\b|\bcleaner\b[^\n|]*\|\s*[a-z]")
    assert pipeline.search(text), f"no `... | cleaner` example in --help:\n{text}"


def test_the_readme_documents_every_option_and_no_other(run_cli: Any) -> None:
    # The README's option tables are what users read; --help is what the CLI takes. An
    # option added without its row, or a row left for an option gone, fails here.
    proc = run_cli(["--help"])
    assert proc.returncode == 0, proc.stderr.decode()
    in_help = set(re.findall(r"(?<![\w-])--[a-z0-9][a-z0-9-]*", proc.stdout.decode("utf-8")))
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| `-")]
    in_tables = {
        option
        for row in rows
        for option in re.findall(r"(?<![\w-])--[a-z0-9][a-z0-9-]*", row.split("|")[1])
    }
    assert in_help - in_tables == set(), "options missing from the README's tables"
    assert in_tables - in_help == set(), "README rows for options --help does not list"


def test_console_script(news_markdown: bytes) -> None:
    script = Path(sys.executable).parent / "cleaner"
    if not script.exists():
        pytest.skip("console script not installed (pip install -e .)")
    proc = subprocess.run(
        [str(script), str(NEWS)], capture_output=True, env=cli_env(), timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == news_markdown


# -- in process, through typer's CliRunner -------------------------------------------------


@pytest.fixture()
def runner() -> Any:
    from typer.testing import CliRunner

    return CliRunner()


def test_runner_file(runner: Any, news_markdown: bytes) -> None:
    from cleaner.cli import app

    result = runner.invoke(app, [str(NEWS)])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == news_markdown


def test_runner_stdin_text(runner: Any) -> None:
    from cleaner.cli import app

    result = runner.invoke(app, ["--to", "text"], input=NEWS.read_bytes())
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(NEWS_TITLE + "\n")
    assert "](" not in result.stdout


def test_runner_version(runner: Any) -> None:
    from cleaner.cli import app

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert "0." in result.stdout


def test_runner_bad_option(runner: Any) -> None:
    from cleaner.cli import app

    result = runner.invoke(app, ["--to", "pdf", str(NEWS)])
    assert result.exit_code == 2
    assert result.stdout == ""


def test_runner_no_content(runner: Any) -> None:
    """The app object itself maps errors to the documented codes, not only `main()`."""
    from cleaner.cli import app

    result = runner.invoke(app, [str(CHROME_ONLY)])
    assert result.exit_code == 3, (result.exit_code, result.exception)
    assert result.stdout == ""


def test_runner_binary_input(runner: Any) -> None:
    from cleaner.cli import app

    result = runner.invoke(app, [], input=PNG_BYTES)
    assert result.exit_code == 1, (result.exit_code, result.exception)
    # An uncaught exception also gives exit code 1 in CliRunner: make sure this was a clean exit.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.stdout == ""


def test_fallback_choices(run_cli: Any, one_line_error: Any) -> None:
    one_line_error(run_cli(["--fallback", "fail", CHROME_ONLY]), 3)
    empty = run_cli(["--fallback", "empty", CHROME_ONLY])
    assert (empty.returncode, empty.stdout, empty.stderr) == (0, b"", b"")
    kept = run_cli(["--fallback", "keep", CHROME_ONLY])
    assert kept.returncode == 0 and b"This site uses cookies" in kept.stdout
    assert b"window.__CONFIG__" not in kept.stdout
    one_line_error(run_cli(["--fallback", "sometimes", CHROME_ONLY]), 2)


def test_explain_says_how_the_content_was_chosen(run_cli: Any) -> None:
    report = run_cli(["--explain", NEWS]).stderr.decode("utf-8")
    lines = report.splitlines()
    assert lines[0].startswith("content chosen by ") and "confidence" in lines[0]
    assert any(line.startswith("kept <") for line in lines)
    assert any(line.startswith("removed ") for line in lines)
