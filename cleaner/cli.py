"""The command line: turn arguments into Options, run `clean`, print, choose the exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

from . import __version__
from .errors import CleanerError, ExitCode, InputError, TooLargeError, UsageError
from .limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_S, parse_size, read_bounded, time_limit
from .model import Options

# Start-up: a one-page run imports neither typer (nor click, nor pydantic, which typer
# loads to convert values) nor rich, and `--help` skips the pipeline. typer is imported when
# the command line is not the common one-page form (see `quick_arguments`) and builds `app`
# on first use; the batch, pipeline and rich modules are imported where they are needed.
if TYPE_CHECKING:
    import typer

    from .model import Document, Render

HELP = """Strip boilerplate from web pages and write their content as Markdown or text.

One SOURCE (or stdin) is one page, printed to stdout. Several sources, a directory, a
file list, --jsonl or a WARC file make a batch, written under -o OUTDIR or to --jsonl.

\b
Examples:
  curl -s https://example.org/post | cleaner | llm 'summarise this'
  cleaner page.html --to text > page.txt
  cleaner mirror.md --front-matter -o clean.md
  cleaner page.html --explain > /dev/null      # why each block was removed
  cleaner site/ -o clean/                      # site/a/b.html -> clean/a/b.md
  find . -name '*.html' -print0 | cleaner --files0-from - -o clean/
  cleaner crawl.warc.gz --jsonl pages.jsonl    # needs cleaner-md[warc]

\b
Exit codes: 0 content written; 1 input error (unreadable, binary, not a page,
over --max-bytes, over --timeout; in a batch: nothing could be done); 2 usage
error; 3 nothing on the page looks like content (stdout stays empty); 4 batch:
some inputs failed, the rest were written; 130 interrupted.

\b
Limits: --max-bytes 64M per page (read no further), --timeout 300 s per page.
Never done: network requests, following links, running scripts.
"""


class OutputChoice(str, Enum):
    markdown = "markdown"
    text = "text"
    json = "json"


class InputChoice(str, Enum):
    auto = "auto"
    html = "html"
    markdown = "markdown"


class FallbackChoice(str, Enum):
    fail = "fail"
    keep = "keep"
    empty = "empty"


class JsonContent(str, Enum):
    markdown = "markdown"
    text = "text"


class EngineChoice(str, Enum):
    local = "local"
    dask = "dask"


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"cleaner {__version__}\n")
        _exit(ExitCode.OK)


def _exit(code: int) -> NoReturn:
    """typer's Exit, which the typer app turns into the exit code (also under CliRunner)."""
    import typer

    raise typer.Exit(code)


def read_source(source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The page's bytes, reading at most max_bytes + 1 of them (stdin included)."""
    if source == "-":
        return read_bounded(sys.stdin.buffer, max_bytes)
    from .files import read_file_bounded

    try:
        return read_file_bounded(source, max_bytes)
    except TooLargeError as exc:
        raise TooLargeError(f"{source}: {exc}") from None
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None


def renderings(to: OutputChoice, json_content: JsonContent, jsonl: bool) -> Render:
    """The renderings the output reads (see render_output and jsonl_record): the pipeline
    makes only those."""
    if jsonl:
        return "both" if to is OutputChoice.markdown else "text"
    if to is OutputChoice.json:
        return "text" if json_content is JsonContent.text else "markdown"
    return "text" if to is OutputChoice.text else "markdown"


def format_document(doc: Document, output: OutputChoice, json_content: JsonContent) -> str:
    from .files import render_output

    return render_output(doc, output.value, json_content.value).decode("utf-8")


def explain(doc: Document) -> None:
    """Why each block is in the document, then why each other block is not."""
    from rich.console import Console
    from rich.markup import escape

    _stderr = Console(stderr=True, highlight=False, soft_wrap=True)
    _stderr.print(
        f"content chosen by {escape(doc.method)} (confidence {doc.confidence:.2f}):",
        markup=False,
    )
    for block in doc.kept:
        _stderr.print(f"kept {escape(block)}", markup=False)
    for removal in doc.removed:
        _stderr.print(
            f"removed {escape(removal.rule)} [{escape(removal.category)}]: "
            f"{escape(removal.excerpt)}",
            markup=False,
        )
    counts = ", ".join(f"{k} {v}" for k, v in doc.removed_counts().items()) or "nothing"
    _stderr.print(f"removed per category: {counts}", markup=False)


def run(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="SOURCE",
            help="Pages, directories or WARC files; - or nothing for one page on stdin.",
            show_default=False,
        ),
    ] = None,
    output_file: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Write here instead of stdout; in a batch, the output folder (or a .jsonl).",
        ),
    ] = None,
    to: Annotated[
        OutputChoice | None,
        # No default value here: the JSONL record carries `markdown` only when --to asks.
        typer.Option("--to", help="Output format [default: markdown].", show_default=False),
    ] = None,
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
            metavar="URL",
            help="The page's address, for relative links and images (default: the one the "
            "page gives, its canonical link or og:url; nothing is fetched).",
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
    fallback: Annotated[
        FallbackChoice,
        typer.Option(
            help="When nothing looks like content: fail (exit 3), keep the page's visible "
            "text, or write an empty document (exit 0)."
        ),
    ] = FallbackChoice.fail,
    explain_: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Report on stderr how the content was chosen, each kept block and each "
            "removed block with its rule.",
        ),
    ] = False,
    max_bytes: Annotated[
        str,
        typer.Option(
            metavar="SIZE",
            help="Refuse a page larger than SIZE (bytes; K, M, G suffixes; after gzip is "
            "undone), reading no more than that.",
        ),
    ] = f"{DEFAULT_MAX_BYTES >> 20}M",
    timeout: Annotated[
        float,
        typer.Option(
            metavar="SECONDS",
            min=0,
            help="Give up on a page after SECONDS (0: no limit); in a batch it is one "
            "failure and the rest go on.",
        ),
    ] = DEFAULT_TIMEOUT_S,
    files_from: Annotated[
        list[str] | None,
        typer.Option(metavar="FILE", help="Batch: read input paths, one a line (- = stdin)."),
    ] = None,
    files0_from: Annotated[
        list[str] | None,
        typer.Option(metavar="FILE", help="Batch: read NUL-separated input paths (- = stdin)."),
    ] = None,
    jsonl: Annotated[
        str | None,
        typer.Option(
            metavar="FILE",
            help="Batch: one JSON record per page into FILE (- = stdout) instead of a tree.",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "-j", "--jobs", min=1, metavar="N", help="Batch: worker processes [default: cores]."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Batch: redo outputs that are newer than their input.")
    ] = False,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help="Batch: stop at the first input that fails.")
    ] = False,
    follow_symlinks: Annotated[
        bool,
        typer.Option(
            "--follow-symlinks",
            help="Batch: follow symbolic links in directories, also to outside them "
            "(each directory is read once, so link loops end).",
        ),
    ] = False,
    engine: Annotated[
        EngineChoice,
        typer.Option(help="Batch: local processes, or a dask cluster (cleaner-md[dask])."),
    ] = EngineChoice.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS",
            help="With --engine dask: tcp://host:8786 [default: $DASK_SCHEDULER_ADDRESS, "
            "else a local cluster].",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    from .files import is_warc_name

    try:
        sources = sources or []
        options = Options(
            output=(to or OutputChoice.markdown).value,
            input_format=from_.value,
            encoding=encoding,
            links=not no_links,
            images=not no_images,
            base_url=base_url,
            keep=tuple(keep or ()),
            drop=tuple(drop or ()),
            front_matter=front_matter,
            title=not no_title,
            fallback=fallback.value,
            max_bytes=parse_size(max_bytes),
            render=renderings(to or OutputChoice.markdown, json_content, jsonl is not None),
        )
        limit = timeout or None
        lists = [(f, b"\n") for f in files_from or ()] + [(f, b"\0") for f in files0_from or ()]
        batch = (
            len(sources) > 1
            or bool(lists)
            or jsonl is not None
            or any(s != "-" and (os.path.isdir(s) or is_warc_name(s)) for s in sources)
        )
        if batch:
            plan = BatchArgs(
                sources, lists, output_file, jsonl, to, json_content, explain_, follow_symlinks
            )
            code = clean_batch(plan, options, jobs, force, fail_fast, engine, scheduler, limit)
            _exit(code)
        clean_one(
            sources[0] if sources else "-",
            output_file,
            options,
            to or OutputChoice.markdown,
            json_content,
            explain_,
            limit,
        )
    except CleanerError as exc:
        # Mapped here, not only in main(), so the typer app used as a library (CliRunner,
        # another typer app mounting it) exits with the documented codes too.
        report(str(exc))
        _exit(exc.exit_code)


@dataclass(frozen=True)
class BatchArgs:
    """The arguments that decide what a batch reads and where it writes."""

    sources: list[str]
    lists: list[tuple[str, bytes]]
    output: Path | None
    jsonl: str | None
    to: OutputChoice | None
    json_content: JsonContent
    explain: bool
    follow_symlinks: bool = False


def clean_batch(
    args: BatchArgs,
    options: Options,
    jobs: int | None,
    force: bool,
    fail_fast: bool,
    engine: EngineChoice,
    scheduler: str | None,
    timeout: float | None = DEFAULT_TIMEOUT_S,
) -> int:
    from .batch import Job, Sources
    from .runner import default_jobs, run_batch  # rich and the pool: batch runs only

    if args.explain:
        raise UsageError("--explain works on one page, not a batch")
    if "-" in args.sources:
        raise UsageError("stdin cannot be one page of a batch; use --files0-from - for a list")
    if scheduler and engine is not EngineChoice.dask:
        raise UsageError("--scheduler needs --engine dask")
    jsonl = args.jsonl
    outdir: str | None = None
    if args.output is not None:
        if jsonl is not None:
            raise UsageError("give either -o OUTDIR or --jsonl FILE, not both")
        if args.output.suffix.lower() == ".jsonl":
            jsonl = str(args.output)
        elif args.output.exists() and not args.output.is_dir():
            raise UsageError(f"{args.output} is not a directory; a batch needs -o OUTDIR")
        else:
            outdir = os.path.abspath(args.output)
    elif jsonl is None:
        directory = next((s for s in args.sources if os.path.isdir(s)), None)
        if directory is not None:
            # What `cleaner DIR` said before batches existed (exit 1), and what to do instead.
            raise InputError(
                f"{directory}: is a directory; to clean the pages in it, "
                "give -o OUTDIR or --jsonl FILE"
            )
        raise UsageError("a batch needs -o OUTDIR or --jsonl FILE")
    if (
        outdir is not None
        and os.path.isdir(outdir)
        and any(os.path.isdir(s) and os.path.samefile(s, outdir) for s in args.sources)
    ):
        raise UsageError(f"{args.output} is an input directory; write the outputs elsewhere")
    check_options(options)
    to = args.to or OutputChoice.markdown
    job = Job(
        options=options,
        to=to.value,
        json_content=args.json_content.value,
        outdir=outdir,
        jsonl_markdown=args.to is OutputChoice.markdown,
        force=force,
        fail_fast=fail_fast,
        cwd=os.getcwd(),
        timeout=timeout,
    )
    with spooled_stdin_lists(args.lists) as lists:
        sources = Sources(
            tuple(args.sources),
            tuple(lists),
            exclude=outdir,
            follow_symlinks=args.follow_symlinks,
        )
        return run_batch(job, sources, jsonl, jobs or default_jobs(), engine.value, scheduler)


PROBE_PAGE = b"<html><body><article><p>Options are tried on this page.</p></article></body></html>"


def check_options(options: Options) -> None:
    """Bad selectors or encodings are usage errors once, before the batch, not per page."""
    from .pipeline import clean

    try:
        clean(PROBE_PAGE, options)
    except UsageError:
        raise
    except CleanerError:
        pass


@contextmanager
def spooled_stdin_lists(lists: list[tuple[str, bytes]]) -> Iterator[list[tuple[str, bytes]]]:
    """A list read from stdin is copied to a temporary file: the batch reads its list twice,
    once to check for clashes before writing and once to do the work."""
    if not any(name == "-" for name, _ in lists):
        yield lists
        return
    import shutil
    import tempfile

    with tempfile.NamedTemporaryFile(prefix="cleaner-list-") as spool:
        shutil.copyfileobj(sys.stdin.buffer, spool)
        spool.flush()
        yield [(spool.name if name == "-" else name, sep) for name, sep in lists]


def clean_one(
    source: str,
    output_file: Path | None,
    options: Options,
    to: OutputChoice,
    json_content: JsonContent,
    explain_: bool,
    timeout: float | None = DEFAULT_TIMEOUT_S,
) -> None:
    if (
        source != "-"
        and output_file is not None
        and Path(source).resolve() == output_file.resolve()
    ):
        raise UsageError("the output file is the input file; refusing to overwrite it")
    from .files import remove_stale_temps, write_atomically
    from .pipeline import clean

    data = read_source(source, options.max_bytes)
    with time_limit(timeout):
        doc = clean(data, options)
    if explain_:
        explain(doc)
    data = format_document(doc, to, json_content).encode("utf-8")
    if output_file is not None:
        try:
            # A run killed while writing this file left its temporary copy beside it.
            directory = output_file.parent if str(output_file.parent) else Path(".")
            remove_stale_temps(str(directory), recursive=False, prefix=f".{output_file.name}.")
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
    args = sys.argv[1:] if argv is None else argv
    code: Any = None
    try:
        quick = quick_arguments(args)
        if argv is None:
            import_frozen(quick is not None)
        if quick is not None:
            run(**quick)
        else:
            # Outside standalone mode typer returns the code of an Exit raised in the command.
            code = get_app()(args=argv, prog_name="cleaner", standalone_mode=False)
    except CleanerError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", ExitCode.INTERRUPTED)
    except MemoryError:
        fail(
            "out of memory: the page is too large for this machine; lower --max-bytes",
            ExitCode.INPUT_ERROR,
        )
    except BrokenPipeError:
        # The reader (`| head -1`) has gone: not an error. Point stdout at /dev/null so
        # the interpreter's final flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(code if isinstance(code, int) else ExitCode.OK) from None
    except Exception as exc:
        # typer is loaded whenever one of its exceptions can be raised (the quick path
        # imports it to exit with a code).
        typer_module = sys.modules.get("typer")
        if typer_module is not None:
            if isinstance(exc, typer_module.Exit):
                raise SystemExit(exc.exit_code) from None
            if isinstance(exc, typer_module.TyperException):
                # typer's UsageError and its subclasses (bad option, missing value).
                fail(exc.format_message(), ExitCode.USAGE)
            if isinstance(exc, typer_module.Abort):
                fail("interrupted", ExitCode.INTERRUPTED)
        # A bug that a page triggers: one line that names it, as in a batch, not a traceback
        # in the middle of a pipeline's stderr.
        fail(f"internal error: {type(exc).__name__}: {exc} (please report)", ExitCode.INPUT_ERROR)
    raise SystemExit(code if isinstance(code, int) else ExitCode.OK)


def import_frozen(one_page: bool) -> None:
    """Import what the run needs (the page modules for one page, else typer's app) with
    the garbage collector paused, then freeze what the imports made.

    Either leaves some 20,000 objects for the collector to track, which live as long as
    the process, and almost no garbage; yet it walks them while they are made and several
    times more as the interpreter exits: 8-10 ms of a 60-70 ms run. Frozen (gc.freeze),
    they are left out of every later collection; the run's own objects are collected as
    usual. Only for the console script: a program that calls main() keeps its collector
    as it was.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        if one_page:
            from . import files, pipeline  # noqa: F401
        else:
            get_app()
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


_app: typer.Typer | None = None


def get_app() -> typer.Typer:
    """The typer application (help, usage errors, batches), built on first use."""
    global _app, typer
    if _app is None:
        # run's annotations name `typer`; typer resolves them in this module's globals.
        import typer

        _app = typer.Typer(
            add_completion=False,
            rich_markup_mode=None,
            pretty_exceptions_enable=False,
            context_settings={"help_option_names": ["-h", "--help"]},
        )
        _app.command(help=HELP)(run)
    return _app


def __getattr__(name: str) -> Any:
    # `from cleaner.cli import app` (tests, a typer app mounting this one) still works.
    if name == "app":
        return get_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- the quick path: `cleaner [PAGE] [one-page options]` without typer --------------------

# Options of `run` the quick path reads, by the parameter they set. Anything else (help,
# version, batch options, an option added later, `--`, `-oFILE`, a repeated single value,
# an invalid choice) goes through typer, which gives the usual help, errors and exit codes.
# tests/test_cli_quick.py checks this table against typer's own view of `run`.
QUICK_FLAGS = {
    "--no-links": "no_links",
    "--no-images": "no_images",
    "--front-matter": "front_matter",
    "--no-title": "no_title",
    "--explain": "explain_",
}
QUICK_VALUES: dict[str, tuple[str, Any]] = {
    "-o": ("output_file", Path),
    "--output": ("output_file", Path),
    "--to": ("to", OutputChoice),
    "--from": ("from_", InputChoice),
    "--encoding": ("encoding", str),
    "--base-url": ("base_url", str),
    "--json-content": ("json_content", JsonContent),
    "--fallback": ("fallback", FallbackChoice),
    # Checked by run() itself (parse_size); --timeout stays with typer, which checks min=0.
    "--max-bytes": ("max_bytes", str),
}
QUICK_MULTIPLE = {"--keep": "keep", "--drop": "drop"}


def quick_arguments(args: list[str]) -> dict[str, Any] | None:
    """`run`'s keyword arguments for a one-page command line, or None to let typer parse it."""
    kwargs: dict[str, Any] = {}
    sources: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            sources.append(arg)
            continue
        name, has_value, value = arg.partition("=")
        if name in QUICK_FLAGS and not has_value:
            kwargs[QUICK_FLAGS[name]] = True
            continue
        if name not in QUICK_VALUES and name not in QUICK_MULTIPLE:
            return None
        if not has_value:
            if i >= len(args):
                return None
            value = args[i]
            i += 1
        if value.startswith("-") and value != "-":
            return None  # what click makes of it is click's business
        if name in QUICK_MULTIPLE:
            kwargs.setdefault(QUICK_MULTIPLE[name], []).append(value)
            continue
        param, convert = QUICK_VALUES[name]
        if param in kwargs or not value:
            return None
        try:
            kwargs[param] = convert(value)
        except ValueError:
            return None  # not one of the choices
    if len(sources) > 1:
        return None
    kwargs["sources"] = sources or None
    return kwargs
