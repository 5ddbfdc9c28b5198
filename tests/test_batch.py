"""Batch mode through the CLI in a subprocess: trees, lists, JSONL, reruns, failures, Ctrl-C."""

from __future__ import annotations

import gzip
import json
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES_DIR, cli_env, stderr_lines
from test_cli import PNG_BYTES, long_page

NEWS = SAMPLES_DIR / "news-with-chrome" / "input.html"
BLOG = SAMPLES_DIR / "blog-share-pixels" / "input.html"
MIRROR = SAMPLES_DIR / "markdown-mirror-code-table" / "input.md"
CHROME_ONLY = SAMPLES_DIR / "chrome-only" / "input.html"
SUMMARY_WORDS = ("done", "skipped", "failed", "empty")


def expected(path: Path, to: str = "markdown") -> bytes:
    from cleaner import Options, clean
    from cleaner.batch import render_output

    return render_output(clean(path.read_bytes(), Options(output=to)), to, "markdown")


def summary(proc: subprocess.CompletedProcess[bytes]) -> dict[str, int]:
    """The counts of the summary line, which is always the last line on stderr."""
    line = stderr_lines(proc)[-1]
    assert line.startswith("cleaner: ") and " in " in line, line
    counts: dict[str, int] = {}
    for part in line.split(": ", 1)[1].split(" in ")[0].replace("interrupted: ", "").split(", "):
        number, _, word = part.partition(" ")
        counts[word.split()[0]] = int(number)
    assert set(SUMMARY_WORDS) <= set(counts), line
    return counts


def make_site(root: Path) -> Path:
    """A small input tree: every accepted suffix, a gzipped page, a page with no content."""
    site = root / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "docs").mkdir()
    shutil.copy(NEWS, site / "a" / "b" / "page.html")
    shutil.copy(BLOG, site / "blog.htm")
    shutil.copy(NEWS, site / "a" / "news.xhtml")
    shutil.copy(MIRROR, site / "docs" / "mirror.md")
    shutil.copy(MIRROR, site / "docs" / "mirror2.markdown")
    (site / "a" / "zipped.html.gz").write_bytes(gzip.compress(NEWS.read_bytes()))
    shutil.copy(CHROME_ONLY, site / "empty.html")
    (site / "notes.txt").write_text("not a page suffix: never read")
    return site


SITE_OUTPUTS = {
    "a/b/page": NEWS,
    "blog": BLOG,
    "a/news": NEWS,
    "docs/mirror": MIRROR,
    "docs/mirror2": MIRROR,
    "a/zipped": NEWS,
}


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


# -- trees ---------------------------------------------------------------------------------


@pytest.mark.parametrize("to,suffix", [("markdown", ".md"), ("text", ".txt")])
def test_tree_mirrors_the_input(run_cli: Any, tmp_path: Path, to: str, suffix: str) -> None:
    site = make_site(tmp_path)
    proc = run_cli([site, "-o", tmp_path / "out", "--to", to, "-j", "2"])
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == b"", "a batch writes nothing on stdout unless asked"
    out = tmp_path / "out"
    assert files_under(out) == {stem + suffix for stem in SITE_OUTPUTS}
    for stem, source in SITE_OUTPUTS.items():
        assert (out / (stem + suffix)).read_bytes() == expected(source, to), stem
    assert summary(proc) == {"done": 6, "skipped": 0, "failed": 0, "empty": 1}
    assert len(stderr_lines(proc)) == 1, "no per-page noise when all goes well"


def test_tree_json(run_cli: Any, tmp_path: Path) -> None:
    site = make_site(tmp_path)
    proc = run_cli([site, "-o", tmp_path / "out", "--to", "json"])
    assert proc.returncode == 0, proc.stderr.decode()
    record = json.loads((tmp_path / "out" / "a" / "b" / "page.json").read_text())
    assert record["title"] == "Council approves tidal barrier for the old harbour"
    assert "markdown" in record and "removed" in record


def test_clashing_outputs_are_refused_before_writing(
    run_cli: Any, one_line_error: Any, tmp_path: Path
) -> None:
    site = make_site(tmp_path)
    shutil.copy(NEWS, site / "a" / "b" / "page.md")  # page.html and page.md -> page.md
    line = one_line_error(run_cli([site, "-o", tmp_path / "out"]), 2)
    assert "page.html" in line and "page.md" in line and "clash" in line
    assert not (tmp_path / "out").exists(), "nothing may be written when outputs clash"


def test_gz_and_plain_twins_clash(run_cli: Any, one_line_error: Any, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    shutil.copy(NEWS, tmp_path / "in" / "page.html")
    (tmp_path / "in" / "page.html.gz").write_bytes(gzip.compress(NEWS.read_bytes()))
    one_line_error(run_cli([tmp_path / "in", "-o", tmp_path / "out"]), 2)
    assert not (tmp_path / "out").exists()


def test_output_never_overwrites_an_input(
    run_cli: Any, one_line_error: Any, tmp_path: Path
) -> None:
    shutil.copy(MIRROR, tmp_path / "page.md")
    shutil.copy(NEWS, tmp_path / "other.html")
    before = (tmp_path / "page.md").read_bytes()
    line = one_line_error(run_cli(["page.md", "other.html", "-o", "."], cwd=tmp_path), 2)
    assert "page.md" in line
    assert (tmp_path / "page.md").read_bytes() == before
    assert not (tmp_path / "other.md").exists()


def test_outdir_that_is_the_input_directory_is_refused(
    run_cli: Any, one_line_error: Any, tmp_path: Path
) -> None:
    site = make_site(tmp_path)
    one_line_error(run_cli([site, "-o", site]), 2)


def test_outdir_inside_the_input_tree_is_not_read_back(run_cli: Any, tmp_path: Path) -> None:
    site = make_site(tmp_path)
    first = run_cli([site, "-o", site / "clean"])
    assert first.returncode == 0, first.stderr.decode()
    assert files_under(site / "clean") == {stem + ".md" for stem in SITE_OUTPUTS}
    second = run_cli([site, "-o", site / "clean", "--force"])
    assert second.returncode == 0, second.stderr.decode()
    # The .md outputs under site/clean would be 6 more inputs (and clash) if read back.
    assert summary(second) == {"done": 6, "skipped": 0, "failed": 0, "empty": 1}
    assert not (site / "clean" / "clean").exists()


def test_rerun_skips_newer_outputs_and_force_redoes(run_cli: Any, tmp_path: Path) -> None:
    site = make_site(tmp_path)
    out = tmp_path / "out"
    assert run_cli([site, "-o", out]).returncode == 0
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.md")}

    again = run_cli([site, "-o", out])
    assert again.returncode == 0, again.stderr.decode()
    # The empty page has no output to be newer than, so it is tried again.
    assert summary(again) == {"done": 0, "skipped": 6, "failed": 0, "empty": 1}
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.md")} == stamps

    later = time.time() + 10
    os.utime(site / "blog.htm", (later, later))  # edited since its output was written
    edited = run_cli([site, "-o", out])
    assert summary(edited) == {"done": 1, "skipped": 5, "failed": 0, "empty": 1}
    assert (out / "blog.md").stat().st_mtime_ns != stamps[out / "blog.md"]

    forced = run_cli([site, "-o", out, "--force"])
    assert summary(forced) == {"done": 6, "skipped": 0, "failed": 0, "empty": 1}


# -- failures ------------------------------------------------------------------------------


def test_one_bad_file_is_reported_and_the_rest_written(run_cli: Any, tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "a" / "broken.html").write_bytes(PNG_BYTES)
    proc = run_cli([site, "-o", tmp_path / "out", "-j", "2"])
    assert proc.returncode == 4, proc.stderr.decode()
    assert proc.stdout == b""
    lines = stderr_lines(proc)
    assert "Traceback" not in proc.stderr.decode()
    assert len(lines) == 2, lines  # the failure, then the summary
    assert lines[0].startswith("cleaner: ") and "broken.html" in lines[0] and "binary" in lines[0]
    assert summary(proc) == {"done": 6, "skipped": 0, "failed": 1, "empty": 1}
    assert files_under(tmp_path / "out") == {stem + ".md" for stem in SITE_OUTPUTS}


def test_every_input_failing_exits_1(run_cli: Any, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for name in ("a.html", "b.html"):
        (tmp_path / "in" / name).write_bytes(PNG_BYTES)
    proc = run_cli([tmp_path / "in", "-o", tmp_path / "out"])
    assert proc.returncode == 1, proc.stderr.decode()
    assert summary(proc)["failed"] == 2


def test_missing_listed_file_is_one_failure(run_cli: Any, tmp_path: Path) -> None:
    shutil.copy(NEWS, tmp_path / "good.html")
    proc = run_cli(["good.html", "gone.html", "-o", "out"], cwd=tmp_path)
    assert proc.returncode == 4, proc.stderr.decode()
    assert "gone.html" in stderr_lines(proc)[0]
    assert (tmp_path / "out" / "good.md").read_bytes() == expected(NEWS)


def test_fail_fast_stops_at_the_first_failure(run_cli: Any, tmp_path: Path) -> None:
    shutil.copy(NEWS, tmp_path / "1-good.html")
    (tmp_path / "2-bad.html").write_bytes(PNG_BYTES)
    shutil.copy(BLOG, tmp_path / "3-good.html")
    (tmp_path / "list").write_text("1-good.html\n2-bad.html\n3-good.html\n")
    proc = run_cli(["--files-from", "list", "-o", "out", "--fail-fast", "-j", "1"], cwd=tmp_path)
    assert proc.returncode == 4, proc.stderr.decode()
    assert summary(proc) == {"done": 1, "skipped": 0, "failed": 1, "empty": 0}
    assert files_under(tmp_path / "out") == {"1-good.md"}


def test_no_input_files_exits_1(run_cli: Any, one_line_error: Any, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "readme.txt").write_text("no pages here")
    line = one_line_error(run_cli([tmp_path / "in", "-o", tmp_path / "out"]), 1)
    assert "no input files" in line


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["a.html", "b.html"], id="no-output"),
        pytest.param(["a.html", "b.html", "-o", "o", "--jsonl", "x.jsonl"], id="both-outputs"),
        pytest.param(["a.html", "-", "-o", "o"], id="stdin-in-batch"),
        pytest.param(["a.html", "b.html", "-o", "o", "--explain"], id="explain"),
        pytest.param(["a.html", "b.html", "-o", "o", "--drop", "[[["], id="bad-css"),
        pytest.param(["a.html", "b.html", "-o", "o", "-j", "0"], id="zero-jobs"),
        pytest.param(["a.html", "b.html", "-o", "o", "--scheduler", "tcp://x:1"], id="scheduler"),
    ],
)
def test_batch_usage_errors(
    run_cli: Any, one_line_error: Any, tmp_path: Path, args: list[str]
) -> None:
    shutil.copy(NEWS, tmp_path / "a.html")
    shutil.copy(BLOG, tmp_path / "b.html")
    one_line_error(run_cli(args, cwd=tmp_path), 2)
    assert not (tmp_path / "o").exists()


def test_directory_without_output_says_what_to_do(
    run_cli: Any, one_line_error: Any, tmp_path: Path
) -> None:
    make_site(tmp_path)
    line = one_line_error(run_cli(["site"], cwd=tmp_path), 1)
    assert "-o OUTDIR" in line


# -- file lists ----------------------------------------------------------------------------


def test_files0_from_stdin(run_cli: Any, tmp_path: Path) -> None:
    site = make_site(tmp_path)
    names = ["site/a/b/page.html", "site/blog.htm", "site/odd name\nwith newline.html"]
    shutil.copy(NEWS, site / "odd name\nwith newline.html")
    listing = b"\0".join(os.fsencode(n) for n in names) + b"\0"
    proc = run_cli(["--files0-from", "-", "-o", "out"], input=listing, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    assert files_under(tmp_path / "out") == {
        "site/a/b/page.md",
        "site/blog.md",
        "site/odd name\nwith newline.md",
    }
    assert (tmp_path / "out" / "site" / "blog.md").read_bytes() == expected(BLOG)


def test_files_from_keeps_listed_paths_under_outdir(run_cli: Any, tmp_path: Path) -> None:
    site = make_site(tmp_path)
    listing = tmp_path / "list.txt"
    listing.write_text(f"{site / 'a' / 'b' / 'page.html'}\r\nsite/blog.htm\n\n")
    proc = run_cli(["--files-from", listing, "-o", "out"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    absolute = (site / "a" / "b" / "page.md").as_posix().lstrip("/")
    assert files_under(tmp_path / "out") == {absolute, "site/blog.md"}


# -- JSONL ---------------------------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_records(run_cli: Any, tmp_path: Path) -> None:
    make_site(tmp_path)
    proc = run_cli(["site", "--jsonl", "pages.jsonl", "-j", "2"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == b""
    records = read_jsonl(tmp_path / "pages.jsonl")
    # A directory's files, then its subdirectories, names sorted: the same order every run,
    # whichever worker finishes first.
    assert [r["source"] for r in records] == [
        "site/blog.htm",
        "site/a/news.xhtml",
        "site/a/zipped.html.gz",
        "site/a/b/page.html",
        "site/docs/mirror.md",
        "site/docs/mirror2.markdown",
    ]
    news = records[3]
    assert set(news) == {"id", "text", "url", "title", "lang", "date", "source"}
    assert news["id"] == "site/a/b/page.html"
    assert news["title"] == "Council approves tidal barrier for the old harbour"
    assert news["url"].startswith("https://harbourledger.example/")
    assert news["text"] == expected(NEWS, "text").decode()
    assert "markdown" not in news
    assert not list(tmp_path.glob(".pages.jsonl*")), "temporary files left behind"


def test_jsonl_with_markdown_via_o(run_cli: Any, tmp_path: Path) -> None:
    make_site(tmp_path)
    proc = run_cli(["site", "-o", "pages.jsonl", "--to", "markdown"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    records = read_jsonl(tmp_path / "pages.jsonl")
    assert len(records) == 6
    assert records[3]["markdown"] == expected(NEWS).decode()


def test_jsonl_to_stdout(run_cli: Any, tmp_path: Path) -> None:
    make_site(tmp_path)
    proc = run_cli(["site/blog.htm", "site/a/news.xhtml", "--jsonl", "-"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stdout.decode().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["site/blog.htm", "site/a/news.xhtml"]


# -- names that are markup to rich ---------------------------------------------------------


# A `/` in these makes a folder: `[bold]x[` holding `bold].html`; rich would read `[/x]` as
# a closing tag (and raise) and `[bold]` as a style.
BRACKETED = ["notes[b].html", "[bold]x[/bold].html", "a[/x]b.html"]


def test_bracketed_paths_are_written_and_reported_intact(run_cli: Any, tmp_path: Path) -> None:
    for name in BRACKETED:
        (tmp_path / "in" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(NEWS, tmp_path / "in" / name)
    (tmp_path / "in" / "bad[red]x[").mkdir()
    (tmp_path / "in" / "bad[red]x[/red].html").write_bytes(PNG_BYTES)
    proc = run_cli(["in", "-o", "out"], cwd=tmp_path)
    assert proc.returncode == 4, proc.stderr.decode()
    assert files_under(tmp_path / "out") == {n.replace(".html", ".md") for n in BRACKETED}
    assert "in/bad[red]x[/red].html: " in stderr_lines(proc)[0]


def test_progress_on_a_terminal_prints_paths_intact(tmp_path: Path) -> None:
    """With stderr a terminal, failures go through rich's console above the progress bar."""
    (tmp_path / "in").mkdir()
    for i in range(3):
        shutil.copy(NEWS, tmp_path / "in" / f"page{i}.html")
    (tmp_path / "in" / "notes[b].html").write_bytes(PNG_BYTES)
    controller, terminal = pty.openpty()
    env = {**cli_env(), "TERM": "xterm", "COLUMNS": "200"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "in", "-o", "out", "-j", "1"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=terminal,
        cwd=tmp_path,
        env=env,
    )
    os.close(terminal)
    seen = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    os.close(controller)
    assert proc.wait(timeout=60) == 4
    assert proc.stdout is not None and proc.stdout.read() == b""
    text = seen.decode("utf-8", "replace")
    assert "cleaner: in/notes[b].html: input looks binary" in text, text
    assert "3 done, 0 skipped, 1 failed, 0 empty" in text


# -- Ctrl-C --------------------------------------------------------------------------------


def _start_parallel_batch(tmp_path: Path, pages: int) -> subprocess.Popen[bytes]:
    """`cleaner in -o out -j 2` over `pages` long pages, in its own process group, as a
    shell runs a foreground job."""
    folder = tmp_path / "in"
    folder.mkdir()
    page = long_page(600).encode()
    for i in range(pages):
        (folder / f"p{i:03d}.html").write_bytes(page)
    return subprocess.Popen(
        [sys.executable, "-m", "cleaner", "in", "-o", "out", "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=cli_env(),
        start_new_session=True,
    )


def test_sigint_stops_cleanly_with_summary_and_no_partial_files(tmp_path: Path) -> None:
    # Enough pages that the signal, sent once the first output appears, finds the run
    # busy even when a loaded machine lets the workers race ahead of this test's polling.
    proc = _start_parallel_batch(tmp_path, 120)
    out = tmp_path / "out"
    deadline = time.monotonic() + 60
    while not list(out.glob("*.md")) and time.monotonic() < deadline:
        time.sleep(0.05)
    # Ctrl-C in a terminal signals the whole group: the parent and every worker.
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    err = stderr.decode()
    assert proc.returncode == 130, err
    assert stdout == b""
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("cleaner: interrupted: "), err
    written = sorted(out.glob("*.md"))
    assert 0 < len(written) < 120, "the run was meant to be stopped halfway"
    done = int(last.split(": ")[2].split(" done")[0])
    assert done == len(written)
    reference = written[0].read_bytes()
    assert all(p.read_bytes() == reference for p in written), "a partial output was left"
    assert [p.name for p in out.iterdir() if p.suffix != ".md"] == [], "temporary files left"


def _has_child_process(pid: int) -> bool:
    return any(
        Path(path).read_text().strip() for path in Path(f"/proc/{pid}/task").glob("*/children")
    )


@pytest.mark.skipif(
    not Path("/proc/self/task").exists(), reason="needs /proc to see the workers start"
)
# From the first child process on: 0 and 3 ms land while the resource tracker and the fork
# server start (a Ctrl-C there was once lost), 30 and 80 ms while the server imports the
# pipeline (it died with a traceback, and the run sometimes hung).
@pytest.mark.parametrize("settle_s", [0.0, 0.003, 0.03, 0.08])
def test_sigint_while_the_workers_start_leaves_no_traceback_and_no_hang(
    tmp_path: Path, settle_s: float
) -> None:
    # A Ctrl-C just as the pool's first process starts (the fork server, importing the
    # pipeline) used to kill that process with a traceback and, now and then, hang the run.
    proc = _start_parallel_batch(tmp_path, 40)
    deadline = time.monotonic() + 60
    while not _has_child_process(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(settle_s)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, stderr = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("the run hung after Ctrl-C")
    err = stderr.decode()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    out = tmp_path / "out"
    if out.exists():
        assert [p.name for p in out.iterdir() if p.suffix != ".md"] == [], "temporary files left"


# -- the library, without a subprocess ----------------------------------------------------


def test_library_survey_and_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cleaner import ExitCode, Options, UsageError
    from cleaner.batch import Job, Sources, survey
    from cleaner.runner import run_batch

    site = make_site(tmp_path)
    job = Job(options=Options(), outdir=str(tmp_path / "out"), cwd=str(tmp_path))
    sources = Sources((str(site),), exclude=job.outdir)
    assert survey(sources.items(), job, None).files == 7
    assert run_batch(job, sources, None, jobs=1) == ExitCode.OK
    assert files_under(tmp_path / "out") == {stem + ".md" for stem in SITE_OUTPUTS}
    assert capsys.readouterr().out == ""

    shutil.copy(NEWS, site / "blog.md")
    with pytest.raises(UsageError, match="clash"):
        survey(sources.items(), job, None)


def test_library_keys_and_lists() -> None:
    import io

    from cleaner.batch import output_stem, read_list, relative_key

    assert relative_key("/srv/www/a.html") == "srv/www/a.html"
    assert relative_key("../../x/./y/a.html") == "x/y/a.html"
    assert output_stem("a/b/page.html.gz") == "a/b/page"
    assert output_stem("a/b/page.markdown") == "a/b/page"
    assert output_stem("crawls/x.warc.gz") == "crawls/x"
    assert output_stem("README") == "README"
    names = [f"dir/page{i}.html" for i in range(20000)]
    data = b"\0".join(n.encode() for n in names)  # larger than one read: records span chunks
    assert list(read_list(io.BytesIO(data), b"\0")) == names
