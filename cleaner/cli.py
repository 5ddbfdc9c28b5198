"""The command line: turn arguments into Options, run `clean`, print, choose the exit code."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from . import __version__
from .errors import CleanerError, ExitCode, InputError, UsageError
from .model import Document, Options
from .pipeline import clean

HELP = """Strip boilerplate from one web page and write its content as Markdown or text.

\b
Examples:
  curl -s https://example.org/post | cleaner | llm 'summarise this'
  cleaner page.html --to text > page.txt
  cleaner mirror.md --front-matter -o clean.md
  cleaner page.html --explain > /dev/null      # why each block was removed

\b
Exit codes: 0 content written; 1 input error (unreadable, binary, not a page);
2 usage error; 3 nothing on the page looks like content (stdout stays empty).
"""


class OutputChoice(str, Enum):
    markdown = "markdown"
    text = "text"
    json = "json"


class InputChoice(str, Enum):
    auto = "auto"
    html = "html"
    markdown = "markdown"


class JsonContent(str, Enum):
    markdown = "markdown"
    text = "text"


app = typer.Typer(
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
_stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"cleaner {__version__}\n")
        raise typer.Exit()


def read_source(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    path = Path(source)
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{source}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{source}: {exc.strerror or exc}") from None


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: no half-written output."""
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def format_document(doc: Document, output: OutputChoice, json_content: JsonContent) -> str:
    if output is OutputChoice.json:
        return json.dumps(doc.to_json(json_content.value), ensure_ascii=False) + "\n"
    return doc.text if output is OutputChoice.text else doc.markdown


def explain(doc: Document) -> None:
    for removal in doc.removed:
        _stderr.print(
            f"removed {escape(removal.rule)} [{escape(removal.category)}]: "
            f"{escape(removal.excerpt)}",
            markup=False,
        )
    counts = ", ".join(f"{k} {v}" for k, v in doc.removed_counts().items()) or "nothing"
    _stderr.print(f"removed per category: {counts}", markup=False)


@app.command(help=HELP)
def run(
    source: Annotated[
        str, typer.Argument(metavar="[SOURCE]", help="Page to clean: a path, or - for stdin.")
    ] = "-",
    output_file: Annotated[
        Path | None,
        typer.Option("-o", "--output", metavar="FILE", help="Write here instead of stdout."),
    ] = None,
    to: Annotated[
        OutputChoice, typer.Option("--to", help="Output format.")
    ] = OutputChoice.markdown,
    from_: Annotated[
        InputChoice, typer.Option("--from", help="Input format; auto tells HTML from Markdown.")
    ] = InputChoice.auto,
    encoding: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Input encoding; overrides BOM, <meta> and detection."),
    ] = None,
    no_links: Annotated[
        bool, typer.Option("--no-links", help="Keep link text, drop URLs.")
    ] = False,
    no_images: Annotated[bool, typer.Option("--no-images", help="Leave images out.")] = False,
    base_url: Annotated[
        str | None,
        typer.Option(
            metavar="URL", help="Make relative links and images absolute (nothing is fetched)."
        ),
    ] = None,
    keep: Annotated[
        list[str] | None,
        typer.Option(
            metavar="CSS", help="CSS selector to always keep; beats every rule. Repeatable."
        ),
    ] = None,
    drop: Annotated[
        list[str] | None,
        typer.Option(metavar="CSS", help="CSS selector to always remove. Repeatable."),
    ] = None,
    front_matter: Annotated[
        bool, typer.Option("--front-matter", help="Start Markdown with YAML front matter.")
    ] = False,
    no_title: Annotated[
        bool, typer.Option("--no-title", help="Leave out the title heading (metadata keeps it).")
    ] = False,
    json_content: Annotated[
        JsonContent, typer.Option(help="With --to json: which rendering the record carries.")
    ] = JsonContent.markdown,
    explain_: Annotated[
        bool, typer.Option("--explain", help="Report each removed block and its rule on stderr.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    options = Options(
        output=to.value,
        input_format=from_.value,
        encoding=encoding,
        links=not no_links,
        images=not no_images,
        base_url=base_url,
        keep=tuple(keep or ()),
        drop=tuple(drop or ()),
        front_matter=front_matter,
        title=not no_title,
    )
    try:
        clean_one(source, output_file, options, to, json_content, explain_)
    except CleanerError as exc:
        # Mapped here, not only in main(), so the typer app used as a library (CliRunner,
        # another typer app mounting it) exits with the documented codes too.
        report(str(exc))
        raise typer.Exit(exc.exit_code) from None


def clean_one(
    source: str,
    output_file: Path | None,
    options: Options,
    to: OutputChoice,
    json_content: JsonContent,
    explain_: bool,
) -> None:
    if (
        source != "-"
        and output_file is not None
        and Path(source).resolve() == output_file.resolve()
    ):
        raise UsageError("the output file is the input file; refusing to overwrite it")
    doc = clean(read_source(source), options)
    if explain_:
        explain(doc)
    data = format_document(doc, to, json_content).encode("utf-8")
    if output_file is not None:
        try:
            write_atomically(output_file, data)
        except OSError as exc:
            raise InputError(f"cannot write {output_file}: {exc.strerror or exc}") from None
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def report(message: str) -> None:
    # One line, whatever the message holds: a traceback or a multi-line lxml error would
    # break `2>>log` consumers that read a line per failure.
    sys.stderr.write("cleaner: " + " ".join(message.split()) + "\n")
    sys.stderr.flush()


def fail(message: str, code: int) -> NoReturn:
    report(message)
    raise SystemExit(code)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: the one place errors become messages and exit codes."""
    try:
        # Outside standalone mode typer returns the code of an Exit raised in the command.
        code = app(args=argv, prog_name="cleaner", standalone_mode=False)
    except CleanerError as exc:
        fail(str(exc), exc.exit_code)
    except typer.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except typer.TyperException as exc:
        # typer's UsageError and its subclasses (bad option, missing value).
        fail(exc.format_message(), ExitCode.USAGE)
    except (typer.Abort, KeyboardInterrupt):
        fail("interrupted", ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # The reader (`| head -1`) has gone: not an error. Point stdout at /dev/null so
        # the interpreter's final flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(code if isinstance(code, int) else ExitCode.OK) from None
    raise SystemExit(code if isinstance(code, int) else ExitCode.OK)
