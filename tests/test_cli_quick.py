"""The one-page quick path of the CLI (no typer) agrees with typer's, and start-up imports
only what a call needs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from conftest import REPO_ROOT, SAMPLES_DIR, cli_env

NEWS = SAMPLES_DIR / "news-with-chrome" / "input.html"
CHROME_ONLY = SAMPLES_DIR / "chrome-only" / "input.html"

# Runs main() as the console script does; "typer" disables the quick path.
DRIVER = """
import sys
import cleaner.cli as cli
if sys.argv[1] == "typer":
    cli.quick_arguments = lambda args: None
cli.main(sys.argv[2:])
"""


def run_main(mode: str, args: list[str], cwd: Path, stdin: bytes = b"") -> tuple[int, bytes, bytes]:
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, mode, *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=cli_env(),
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


QUICK_CASES: list[tuple[list[str], int]] = [
    (["page.html"], 0),
    (["page.html", "--to", "text"], 0),
    (["--to=json", "page.html"], 0),
    (["page.html", "--to", "json", "--json-content", "text"], 0),
    (["page.html", "--no-links", "--no-images", "--front-matter", "--no-title"], 0),
    (["page.html", "--keep", ".share-bar", "--drop", ".byline", "--drop", "figure"], 0),
    (["page.html", "--explain"], 0),
    (["page.html", "--base-url", "https://example.org/a/", "--from", "html"], 0),
    (["page.html", "--encoding", "latin-1"], 0),
    (["page.html", "--from", "markdown"], 0),
    (["chrome.html"], 3),
    (["chrome.html", "--fallback", "keep"], 0),
    (["chrome.html", "--fallback=empty", "--to", "json"], 0),
    (["missing.html"], 1),
    (["page.html", "--drop", "[[["], 2),
    (["page.html", "--encoding", "no-such-codec"], 2),
    (["page.html", "-o", "page.html"], 2),
    (["-", "--to", "text"], 0),
    ([], 0),
    (["page.html", "--max-bytes", "1M"], 0),
    (["page.html", "--max-bytes=100"], 1),
    (["page.html", "--max-bytes", "lots"], 2),
]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copy(NEWS, tmp_path / "page.html")
    shutil.copy(CHROME_ONLY, tmp_path / "chrome.html")
    return tmp_path


@pytest.mark.parametrize(("args", "code"), QUICK_CASES, ids=lambda v: str(v))
def test_quick_path_agrees_with_typer(workdir: Path, args: list[str], code: int) -> None:
    from cleaner.cli import quick_arguments

    assert quick_arguments(args) is not None, "this command line should take the quick path"
    stdin = NEWS.read_bytes()
    quick = run_main("quick", args, workdir, stdin)
    typer = run_main("typer", args, workdir, stdin)
    assert quick == typer
    assert quick[0] == code, quick[2]


def test_quick_output_file_agrees_with_typer(workdir: Path) -> None:
    for mode in ("quick", "typer"):
        assert run_main(mode, ["page.html", "-o", f"{mode}.md"], workdir)[0] == 0
    assert (workdir / "quick.md").read_bytes() == (workdir / "typer.md").read_bytes()
    assert (workdir / "quick.md").read_bytes().startswith(b"# Council approves")


TYPER_CASES = [
    ["--help"],
    ["-h"],
    ["--version"],
    ["--to", "bogus", "page.html"],
    ["--to"],
    ["--bogus", "page.html"],
    ["-opage.md", "page.html"],
    ["page.html", "--to", "text", "--to", "json"],
    ["page.html", "--", "--to"],
    ["page.html", "--no-links=yes"],
    ["page.html", "chrome.html"],
    ["page.html", "--jsonl", "-"],
    ["page.html", "-j", "1"],
    ["page.html", "--output", ""],
]


@pytest.mark.parametrize("args", TYPER_CASES, ids=lambda v: str(v))
def test_other_command_lines_go_through_typer(args: list[str]) -> None:
    from cleaner.cli import quick_arguments

    assert quick_arguments(args) is None


def test_bad_option_exit_code_and_message(workdir: Path) -> None:
    code, out, err = run_main("quick", ["--to", "bogus", "page.html"], workdir)
    assert (code, out) == (2, b"")
    assert err.startswith(b"cleaner: Invalid value for '--to'")


def test_quick_table_matches_typer_parameters() -> None:
    import typer.main

    from cleaner import cli

    command = typer.main.get_command(cli.get_app())
    # typer carries its own copy of click: tell options apart by what they say they are.
    options = [p for p in command.params if p.param_type_name == "option"]
    names = {opt: p for p in options for opt in p.opts}
    for opt, param in cli.QUICK_FLAGS.items():
        assert names[opt].name == param and names[opt].is_flag, opt
    for opt, (param, _) in cli.QUICK_VALUES.items():
        assert names[opt].name == param, opt
        assert not names[opt].is_flag and not names[opt].multiple, opt
    for opt, param in cli.QUICK_MULTIPLE.items():
        assert names[opt].name == param and names[opt].multiple, opt
    # Each value is converted to the type `run` declares (the enum of choices, Path or str).
    hints = typing.get_type_hints(cli.run, include_extras=True)
    for opt, (param, convert) in cli.QUICK_VALUES.items():
        declared = typing.get_args(hints[param])[0]
        assert convert in (declared, *typing.get_args(declared)), opt


# --- what a call imports -------------------------------------------------------------------

HEAVY = ("typer", "click", "rich", "pydantic", "dask", "distributed", "warcio")


def imported_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        cwd=REPO_ROOT,
        env=cli_env(),
        timeout=120,
    )
    last = done.stderr.decode().strip().splitlines()[-1]
    modules: list[str] = json.loads(last)
    return {m.split(".")[0] for m in modules}


def test_library_call_imports_no_cli_batch_or_cluster_code() -> None:
    page = NEWS.read_bytes()
    modules = imported_after(f"import cleaner\ndoc = cleaner.clean({page!r})\nassert doc.markdown")
    assert not modules.intersection(HEAVY), modules.intersection(HEAVY)
    # A UTF-8 page needs no charset detection.
    assert "charset_normalizer" not in modules


def test_an_undeclared_legacy_page_still_gets_detection() -> None:
    page = "<html><body><p>" + "Café crème, déjà vu à la carte. " * 20 + "</p></body></html>"
    data = page.encode("cp1252")
    modules = imported_after(
        f"import cleaner\ndoc = cleaner.clean({data!r})\nassert doc.text"
    )
    assert "charset_normalizer" in modules


def test_one_page_command_imports_no_typer_or_rich() -> None:
    code = (
        "import sys\nfrom cleaner.cli import main\n"
        f"sys.argv = ['cleaner', {str(NEWS)!r}, '--to', 'text']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert exc.code == 0, exc.code"
    )
    modules = imported_after(code)
    assert not modules.intersection(HEAVY), modules.intersection(HEAVY)


def test_help_skips_the_pipeline() -> None:
    code = (
        "from cleaner.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit as exc:\n    assert exc.code == 0"
    )
    modules = imported_after(code)
    assert "typer" in modules
    assert not modules.intersection({"lxml", "readability", "markdown_it", "rich", "dask"})


# --- the collector ---------------------------------------------------------------------------


@pytest.mark.parametrize("args", [[str(NEWS), "--to", "text"], ["--help"]], ids=str)
def test_console_run_freezes_its_imports_and_keeps_collecting(args: list[str]) -> None:
    code = (
        "import gc, sys\nfrom cleaner.cli import main\n"
        f"sys.argv = ['cleaner', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
        "assert gc.isenabled() and gc.get_freeze_count() > 1000, gc.get_freeze_count()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=REPO_ROOT, env=cli_env()
    )
    assert done.returncode == 0, done.stderr


def test_main_called_with_arguments_leaves_the_collector_alone(workdir: Path) -> None:
    code = (
        "import gc\nfrom cleaner.cli import main\n"
        "try:\n    main(['page.html'])\nexcept SystemExit as exc:\n    assert exc.code == 0\n"
        "assert gc.isenabled() and gc.get_freeze_count() == 0, gc.get_freeze_count()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=workdir, env=cli_env()
    )
    assert done.returncode == 0, done.stderr
