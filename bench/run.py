"""Score cleaner and peer extractors on AEB and WCXB-dev, from the project root."""

from __future__ import annotations

import argparse
import codecs
import csv
import gzip
import importlib
import json
import logging
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from bench.scoring import (
    AebScore,
    PageMarkup,
    Structure,
    StructureCounts,
    TpFpFn,
    aeb_page_f1,
    aeb_score,
    in_page,
    page_markup,
    parse_structure,
    shingle_match,
    snippets_found,
    strip_markdown,
    structure_recall,
    word_f1,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / ".." / "shared" / "bench"
FLOORS = Path(__file__).resolve().parent / "floors.toml"

DATASETS = ("aeb", "wcxb")
DATASET_DIRS = {"aeb": "aeb", "wcxb": "wcxb-dev"}
DATASET_LABELS = {"aeb": "AEB", "wcxb": "WCXB-dev"}


# --- tools ----------------------------------------------------------------------------------


class Unavailable(Exception):
    """The tool cannot run at all here (not installed, or the library does not import yet)."""


@cache
def _cleaner_api() -> tuple[Any, Any]:
    # Imported by name so that neither the harness nor `mypy bench` depends on the library's
    # state: it is written in parallel, and a broken import must score as "unavailable".
    try:
        api = importlib.import_module("cleaner")
        return api.clean, api.Options
    except Exception as exc:
        raise Unavailable(f"cannot import cleaner: {type(exc).__name__}: {exc}") from exc


@cache
def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError as exc:
        raise Unavailable("trafilatura is not installed (pip install -e '.[bench]')") from exc
    # Its per-page warnings would bury the tables; errors still show.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    return trafilatura


@cache
def _readability() -> Any:
    try:
        from readability import Document
    except ImportError as exc:
        raise Unavailable("readability-lxml is not installed") from exc
    logging.getLogger("readability").setLevel(logging.ERROR)
    return Document


_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_html(data: bytes) -> str:
    """Bytes to text the way trafilatura treats raw bytes, for peers that want a str.

    Valid UTF-8 wins over a declared charset, as in trafilatura: both data sets were saved as
    UTF-8 and a few pages still declare latin-1, which would turn every accent into mojibake.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:65536])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("utf-8", "replace")


def _run_cleaner(data: bytes) -> str:
    clean, options = _cleaner_api()
    # The gold is the article body (AEB's field is `articleBody`); the title is metadata.
    # render: the text alone, as `cleaner --to text` makes it.
    return str(clean(data, options(output="text", title=False, render="text")).text)


def _run_cleaner_md(data: bytes) -> str:
    clean, options = _cleaner_api()
    opts = options(output="markdown", links=True, images=True, title=False, render="markdown")
    return str(clean(data, opts).markdown)


def _run_readability(data: bytes) -> str:
    import lxml.html

    summary = _readability()(decode_html(data)).summary(html_partial=True)
    if not summary.strip():
        return ""
    root = lxml.html.fromstring(summary)
    if not isinstance(root, lxml.html.HtmlElement):
        return ""
    return str(root.text_content())


def _run_trafilatura(data: bytes) -> str:
    out = _trafilatura().extract(data, output_format="txt", include_comments=False)
    return str(out or "")


def _run_trafilatura_md(data: bytes) -> str:
    out = _trafilatura().extract(
        data,
        output_format="markdown",
        include_comments=False,
        include_links=True,
        include_images=True,
    )
    return str(out or "")


def _run_trafilatura_default(data: bytes) -> str:
    # All defaults, comments included: the setting behind the shared README's WCXB figures.
    return str(_trafilatura().extract(data, output_format="txt") or "")


@dataclass(frozen=True)
class Tool:
    """One extractor as the harness runs it."""

    name: str
    run: Callable[[bytes], str]
    prepare: Callable[[], object]  # imports outside the timed call
    markdown: bool  # output is Markdown: strip it before scoring, check its structure


TOOLS: dict[str, Tool] = {
    t.name: t
    for t in (
        Tool("cleaner", _run_cleaner, _cleaner_api, markdown=False),
        Tool("cleaner-md", _run_cleaner_md, _cleaner_api, markdown=True),
        Tool("readability", _run_readability, _readability, markdown=False),
        Tool("trafilatura", _run_trafilatura, _trafilatura, markdown=False),
        Tool("trafilatura-md", _run_trafilatura_md, _trafilatura, markdown=True),
        Tool("trafilatura-default", _run_trafilatura_default, _trafilatura, markdown=False),
    )
}
DEFAULT_TOOLS = ("cleaner", "cleaner-md", "readability", "trafilatura", "trafilatura-md")


def _classify(exc: BaseException) -> str:
    """no-content is a verdict (scored as empty output); error and crash are failures."""
    try:
        errors = importlib.import_module("cleaner.errors")
    except Exception:
        return "crash"
    if isinstance(exc, errors.NoContentError):
        return "no-content"
    if isinstance(exc, errors.CleanerError):
        return "error"
    return "crash"


def call_tool(tool: Tool, data: bytes) -> tuple[str, float, str, str]:
    """(output, ms, status, message); ms times the extraction call and nothing else."""
    try:
        tool.prepare()
    except Unavailable as exc:
        return "", 0.0, "unavailable", str(exc)
    start = time.perf_counter()
    try:
        out = tool.run(data)
    except Exception as exc:
        ms = (time.perf_counter() - start) * 1000
        return "", ms, _classify(exc), f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
    ms = (time.perf_counter() - start) * 1000
    return out, ms, ("ok" if out.strip() else "empty"), ""


# --- pages ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gold:
    """What a page should yield."""

    text: str
    markdown: str | None = None
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()
    page_type: str = "article"


@dataclass(frozen=True)
class Task:
    """One page to run every selected tool on."""

    dataset: str
    page_id: str
    path: Path
    gold: Gold
    tools: tuple[str, ...]


@dataclass
class ToolPage:
    """One tool's result on one page."""

    status: str  # ok, empty, no-content, error, crash, unavailable
    ms: float
    f1: float  # AEB: page F1 (for ranking only); WCXB: word F1
    match: TpFpFn | None = None  # AEB only: feeds the official dataset metric
    with_found: int = 0
    with_total: int = 0
    with_found_folded: int = 0  # typographic quotes and dashes made plain on both sides
    with_in_page_found: int = 0  # of the snippets the page itself holds (scoring.in_page)
    with_in_page_total: int = 0
    without_leaked: int = 0
    without_total: int = 0
    structure: StructureCounts | None = None
    message: str = ""


@dataclass
class PageResult:
    """Every tool's result on one page."""

    dataset: str
    page_id: str
    page_type: str
    tools: dict[str, ToolPage]


def score_page(task: Task) -> PageResult:
    """Run and score every tool on one page; runs in a worker process when --jobs > 1."""
    data = read_page(task)
    results: dict[str, ToolPage] = {}
    structures: dict[str, Structure] = {}
    markup: PageMarkup | None = None
    for name in task.tools:
        tool = TOOLS[name]
        out, ms, status, message = call_tool(tool, data)
        if task.dataset == "wcxb" and markup is None:
            markup = page_markup(data)
        results[name] = score_output(task, tool, out, ms, status, message, structures, markup)
    return PageResult(task.dataset, task.page_id, task.gold.page_type, results)


def read_page(task: Task) -> bytes:
    return gzip.decompress(task.path.read_bytes())


def score_output(
    task: Task,
    tool: Tool,
    out: str,
    ms: float,
    status: str,
    message: str,
    structures: dict[str, Structure] | None = None,
    markup: PageMarkup | None = None,
) -> ToolPage:
    """Score one tool's output on one page (`structures` caches the gold's parsed Markdown
    across the tools of a page; `markup`, the page's own, adds the in-page structure recalls)."""
    gold = task.gold
    text = strip_markdown(out) if tool.markdown and out else out
    if task.dataset == "aeb":
        match = shingle_match(gold.text, text)
        return ToolPage(status, ms, aeb_page_f1(match), match, message=message)
    page = ToolPage(status, ms, word_f1(gold.text, text), message=message)
    page.with_found, page.with_total = snippets_found(text, gold.with_)
    page.with_found_folded = snippets_found(text, gold.with_, fold=True)[0]
    if markup is not None:
        reachable = in_page(gold.with_, markup)
        page.with_in_page_found, page.with_in_page_total = snippets_found(text, reachable)
    page.without_leaked, page.without_total = snippets_found(text, gold.without)
    if tool.markdown and gold.markdown and status != "unavailable":
        cache = structures if structures is not None else {}
        if "gold" not in cache:
            cache["gold"] = parse_structure(gold.markdown)
        page.structure = structure_recall(cache["gold"], parse_structure(out), markup)
    return page


def _spread(ids: list[str], limit: int | None) -> list[str]:
    """`limit` ids evenly spread over the sorted list: WCXB ids are grouped by page type,
    so the first N would all be articles."""
    if limit is None or limit >= len(ids):
        return ids
    return [ids[i * len(ids) // limit] for i in range(limit)]


def load_aeb(root: Path, tools: tuple[str, ...], limit: int | None) -> list[Task]:
    base = root / DATASET_DIRS["aeb"]
    truth: dict[str, dict[str, str]] = json.loads((base / "ground-truth.json").read_text("utf-8"))
    return [
        Task(
            "aeb",
            pid,
            base / "html" / f"{pid}.html.gz",
            Gold(truth[pid].get("articleBody") or ""),
            tools,
        )
        for pid in _spread(sorted(truth), limit)
    ]


def load_wcxb(root: Path, tools: tuple[str, ...], limit: int | None) -> list[Task]:
    base = root / DATASET_DIRS["wcxb"]
    files: dict[str, dict[str, Any]] = json.loads((base / "metadata.json").read_text("utf-8"))[
        "files"
    ]
    tasks = []
    for pid in _spread(sorted(files), limit):
        record = json.loads((base / "ground-truth" / f"{pid}.json").read_text("utf-8"))
        gt = record["ground_truth"]
        gold = Gold(
            # Two pages have no main_content; they score 1 only when the output is empty too.
            text=gt.get("main_content") or "",
            markdown=gt.get("main_content_markdown") or None,
            with_=tuple(gt.get("with") or ()),
            without=tuple(gt.get("without") or ()),
            page_type=files[pid]["page_type"],
        )
        tasks.append(Task("wcxb", pid, base / "html" / f"{pid}.html.gz", gold, tools))
    return tasks


def run_tasks(tasks: Sequence[Task], jobs: int) -> list[PageResult]:
    """Score every task, in a process pool when jobs > 1, reporting progress on a terminal."""
    results: list[PageResult] = []
    show = sys.stderr.isatty()
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            it: Iterator[PageResult] = pool.map(score_page, tasks, chunksize=4)
            results = _collect(it, len(tasks), show)
    else:
        results = _collect(map(score_page, tasks), len(tasks), show)
    return results


def _collect(results: Iterable[PageResult], total: int, show: bool) -> list[PageResult]:
    out = []
    for i, r in enumerate(results, 1):
        out.append(r)
        if show and (i % 10 == 0 or i == total):
            print(f"\r{i}/{total} pages", end="", file=sys.stderr, flush=True)
    if show:
        print(file=sys.stderr)
    return out


# --- summaries ------------------------------------------------------------------------------


@dataclass
class Summary:
    """One tool on one data set."""

    tool: str
    dataset: str
    pages: int
    f1: float
    precision: float | None = None  # AEB only
    recall: float | None = None
    ms_median: float = 0.0
    ms_mean: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, float] = field(default_factory=dict)  # WCXB only
    type_pages: dict[str, int] = field(default_factory=dict)
    with_found: float | None = None
    with_found_folded: float | None = None
    with_in_page: float | None = None
    without_leaked: float | None = None
    structure: StructureCounts | None = None
    messages: list[str] = field(default_factory=list)  # a few failure messages, for triage

    @property
    def failed(self) -> int:
        return self.statuses.get("error", 0) + self.statuses.get("crash", 0)

    @property
    def empty(self) -> int:
        return self.statuses.get("no-content", 0) + self.statuses.get("empty", 0)

    @property
    def available(self) -> bool:
        return self.statuses.get("unavailable", 0) < self.pages


def summarise(results: Sequence[PageResult], tool: str, dataset: str) -> Summary | None:
    pages = [r for r in results if r.dataset == dataset and tool in r.tools]
    if not pages:
        return None
    tps = [r.tools[tool] for r in pages]
    statuses: dict[str, int] = {}
    for tp in tps:
        statuses[tp.status] = statuses.get(tp.status, 0) + 1
    timed = [tp.ms for tp in tps if tp.status != "unavailable"]
    s = Summary(tool, dataset, len(pages), 0.0, statuses=dict(sorted(statuses.items())))
    if timed:
        s.ms_median = statistics.median(timed)
        s.ms_mean = statistics.fmean(timed)
    seen: set[str] = set()
    for tp in tps:
        if tp.message and tp.message not in seen and len(seen) < 3:
            seen.add(tp.message)
    s.messages = sorted(seen)
    if dataset == "aeb":
        score: AebScore = aeb_score(tp.match for tp in tps if tp.match is not None)
        s.f1, s.precision, s.recall = score.f1, score.precision, score.recall
        return s
    s.f1 = statistics.fmean(tp.f1 for tp in tps)
    types: dict[str, list[float]] = {}
    for r in pages:
        types.setdefault(r.page_type, []).append(r.tools[tool].f1)
    s.by_type = {t: statistics.fmean(v) for t, v in sorted(types.items())}
    s.type_pages = {t: len(v) for t, v in sorted(types.items())}
    # Shares over all snippets of all pages, so a page with many snippets weighs more.
    with_total = sum(tp.with_total for tp in tps)
    without_total = sum(tp.without_total for tp in tps)
    s.with_found = sum(tp.with_found for tp in tps) / with_total if with_total else None
    s.with_found_folded = (
        sum(tp.with_found_folded for tp in tps) / with_total if with_total else None
    )
    s.without_leaked = (
        sum(tp.without_leaked for tp in tps) / without_total if without_total else None
    )
    in_page_total = sum(tp.with_in_page_total for tp in tps)
    if in_page_total:
        s.with_in_page = sum(tp.with_in_page_found for tp in tps) / in_page_total
    counts = [tp.structure for tp in tps if tp.structure is not None]
    if counts:
        s.structure = StructureCounts()
        for c in counts:
            s.structure.add(c)
    return s


# --- rendering ------------------------------------------------------------------------------


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    rows = [list(r) for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), sep, *(line(r) for r in rows)])


def _f(x: float | None, digits: int = 3) -> str:
    return "n/a" if x is None else f"{x:.{digits}f}"


def _ms(s: Summary) -> str:
    return f"{s.ms_median:.0f} ({s.ms_mean:.0f})"


def render(
    summaries: dict[tuple[str, str], Summary], tools: Sequence[str], datasets: Sequence[str]
) -> str:
    parts: list[str] = []
    header = ["tool"]
    for ds in datasets:
        label = DATASET_LABELS[ds]
        header += [f"{label} F1"] + (["P", "R"] if ds == "aeb" else [])
        header += [f"{label} ms/page med (mean)", f"{label} empty/failed"]
    rows = []
    for tool in tools:
        row = [tool]
        for ds in datasets:
            s = summaries.get((tool, ds))
            width = 5 if ds == "aeb" else 3
            if s is None or not s.available:
                row += ["n/a"] * width
                continue
            row.append(_f(s.f1))
            if ds == "aeb":
                row += [_f(s.precision), _f(s.recall)]
            row += [_ms(s), f"{s.empty}/{s.failed}"]
        rows.append(row)
    parts.append("## Extraction F1 and speed\n\n" + _table(header, rows))

    wcxb = {t: summaries[(t, "wcxb")] for t in tools if (t, "wcxb") in summaries}
    wcxb = {t: s for t, s in wcxb.items() if s.available}
    if wcxb:
        n = next(iter(wcxb.values())).type_pages
        rows = [
            [f"{t} ({n[t]})", *(_f(s.by_type.get(t)) for s in wcxb.values())]
            for t in sorted(n, key=lambda t: (-n[t], t))
        ]
        rows.append([f"all ({sum(n.values())})", *(_f(s.f1) for s in wcxb.values())])
        parts.append("## WCXB-dev word F1 by page type\n\n" + _table(["type (pages)", *wcxb], rows))
        rows = [
            [
                t,
                _f(s.with_found),
                _f(s.without_leaked),
                _f(s.with_found_folded),
                _f(s.with_in_page),
            ]
            for t, s in wcxb.items()
        ]
        parts.append(
            "## WCXB-dev snippets (case-insensitive, whitespace collapsed)\n\n"
            + _table(
                [
                    "tool",
                    "`with` found ↑",
                    "`without` leaked ↓",
                    "`with`, quotes folded ↑",
                    "`with` the page holds, found ↑",
                ],
                rows,
            )
        )
        md = {t: s.structure for t, s in wcxb.items() if s.structure is not None}
        if md:
            parts.append(
                "## WCXB-dev Markdown structure vs gold `main_content_markdown`\n\n"
                + _structure_table(md)
            )
    return "\n\n".join(parts)


def _share(num: float, den: int) -> str:
    return "n/a" if den == 0 else f"{num / den:.3f}"


def _structure_table(md: dict[str, StructureCounts]) -> str:
    first = next(iter(md.values()))
    rows: list[list[str]] = []

    def row(label: str, get: Callable[[StructureCounts], str]) -> None:
        rows.append([label, *(get(c) for c in md.values())])

    t, p = first.tables, first.pages_tables
    row(
        f"tables: mean cell-text recall ({t} tables, {p} pages)",
        lambda c: _share(c.table_cell_recall, c.tables),
    )
    row(f"tables: share with ≥90% of cells ({t})", lambda c: _share(c.tables_complete, c.tables))
    row(
        f"code blocks found verbatim ({first.code_blocks} blocks, {first.pages_code} pages)",
        lambda c: _share(c.code_found, c.code_blocks),
    )
    row("code blocks found, words in order", lambda c: _share(c.code_words_found, c.code_blocks))
    row(
        f"list items found as list items ({first.list_items} items, {first.pages_lists} pages)",
        lambda c: _share(c.list_items_found, c.list_items),
    )
    row(
        f"headings found as headings ({first.headings} headings, {first.pages_headings} pages)",
        lambda c: _share(c.headings_found, c.headings),
    )
    row("headings at the right relative level", lambda c: _share(c.headings_level, c.headings))
    row(
        f"code blocks the page holds verbatim, found verbatim ({first.code_in_page})",
        lambda c: _share(c.code_in_page_found, c.code_in_page),
    )
    row(
        f"list items the page marks up as `<li>`, found ({first.list_items_in_page})",
        lambda c: _share(c.list_items_in_page_found, c.list_items_in_page),
    )
    row(
        f"headings the page marks up as `<h1>`–`<h6>`, found ({first.headings_in_page})",
        lambda c: _share(c.headings_in_page_found, c.headings_in_page),
    )
    row(
        f"pages whose Markdown prints syntax as text, ↓ ({first.pages_markdown} pages)",
        lambda c: f"{c.pages_literal_syntax} ({c.literal_syntax} runs)",
    )
    return _table(["element (gold count)", *md], rows)


# --- outputs --------------------------------------------------------------------------------


def write_per_page(path: Path, results: Sequence[PageResult], tools: Sequence[str]) -> None:
    """One row per page: F1 per tool (AEB: that page's F1 from its shingle P and R)."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["dataset", "id", "type", *tools, "notes"])
        for r in sorted(results, key=lambda r: (r.dataset, r.page_id)):
            cells = []
            notes = []
            for t in tools:
                tp = r.tools.get(t)
                if tp is None or tp.status == "unavailable":
                    cells.append("")
                    continue
                cells.append(f"{tp.f1:.4f}")
                if tp.status != "ok":
                    notes.append(f"{t}={tp.status}" + (f" ({tp.message})" if tp.message else ""))
            w.writerow(
                [
                    r.dataset,
                    r.page_id,
                    r.page_type if r.dataset == "wcxb" else "",
                    *cells,
                    "; ".join(notes),
                ]
            )


def write_json(path: Path, summaries: dict[tuple[str, str], Summary], meta: dict[str, Any]) -> None:
    body: dict[str, Any] = {"meta": meta, "results": {}}
    for (tool, ds), s in summaries.items():
        body["results"].setdefault(tool, {})[ds] = asdict(s)
    path.write_text(json.dumps(body, indent=2, sort_keys=True) + "\n", encoding="utf-8")


# --- gate -----------------------------------------------------------------------------------


def read_floor(path: Path = FLOORS) -> float:
    """`[aeb] f1_floor` from floors.toml."""
    text = path.read_text("utf-8")
    if sys.version_info >= (3, 11):
        import tomllib

        return float(tomllib.loads(text)["aeb"]["f1_floor"])
    # Python 3.10 has no tomllib, and the gate must run on the core install alone.
    section = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("["):
            section = line.strip("[] ")
        elif section == "aeb" and line.startswith("f1_floor"):
            return float(line.split("=", 1)[1])
    raise KeyError("no [aeb] f1_floor in " + str(path))


def run_gate(data: Path, jobs: int, limit: int | None) -> int:
    floor = read_floor()
    tasks = load_aeb(data, ("cleaner",), limit)
    start = time.perf_counter()
    results = run_tasks(tasks, jobs)
    s = summarise(results, "cleaner", "aeb")
    wall = time.perf_counter() - start
    if s is None or not s.available:
        reason = s.messages[0] if s and s.messages else "no pages"
        print(f"gate: FAIL, cleaner did not run: {reason}")
        return 1
    ok = s.f1 >= floor
    print(
        f"gate: {'ok' if ok else 'FAIL'}: cleaner text AEB F1 {s.f1:.4f} "
        f"{'>=' if ok else '<'} floor {floor:.4f} ({s.pages} pages, {s.empty} empty, "
        f"{s.failed} failed, median {s.ms_median:.0f} ms/page, {wall:.0f} s)"
    )
    return 0 if ok else 1


# --- CLI ------------------------------------------------------------------------------------


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark data directory")
    ap.add_argument("--limit", type=int, help="at most N pages per data set, evenly spread")
    ap.add_argument("--only", choices=DATASETS, help="run one data set")
    ap.add_argument(
        "--tools",
        default=",".join(DEFAULT_TOOLS),
        help=f"comma-separated, from: {', '.join(TOOLS)} (default: %(default)s)",
    )
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write all figures as JSON")
    ap.add_argument("--per-page", type=Path, metavar="OUT.tsv", help="write per-page F1 per tool")
    ap.add_argument(
        "--gate", action="store_true", help="CI: cleaner text on AEB against floors.toml"
    )
    args = ap.parse_args(argv)
    tools = tuple(t.strip() for t in args.tools.split(",") if t.strip())
    unknown = [t for t in tools if t not in TOOLS]
    if unknown or not tools:
        ap.error(f"unknown tool(s) {', '.join(unknown)}; choose from {', '.join(TOOLS)}")
    if args.jobs < 1 or (args.limit is not None and args.limit < 1):
        ap.error("--jobs and --limit must be at least 1")
    args.tools = tools
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    data: Path = args.data.resolve()
    datasets = (args.only,) if args.only else DATASETS
    needed = ["aeb"] if args.gate else datasets
    missing = [DATASET_DIRS[d] for d in needed if not (data / DATASET_DIRS[d]).is_dir()]
    if missing:
        print(f"bench: no {', '.join(missing)} under {data} (use --data DIR)", file=sys.stderr)
        return 2
    if args.gate:
        return run_gate(data, args.jobs, args.limit)

    tools: tuple[str, ...] = args.tools
    tasks: list[Task] = []
    if "aeb" in datasets:
        tasks += load_aeb(data, tools, args.limit)
    if "wcxb" in datasets:
        tasks += load_wcxb(data, tools, args.limit)
    start = time.perf_counter()
    results = run_tasks(tasks, args.jobs)
    wall = time.perf_counter() - start

    summaries: dict[tuple[str, str], Summary] = {}
    for tool in tools:
        for ds in datasets:
            s = summarise(results, tool, ds)
            if s is not None:
                summaries[(tool, ds)] = s
    print(render(summaries, tools, datasets))
    notes = []
    for (tool, ds), s in summaries.items():
        if s.messages and (s.failed or not s.available):
            notes.append(f"- {tool} on {DATASET_LABELS[ds]}: {s.statuses} e.g. {s.messages[0]}")
    print(
        f"\n{len(tasks)} pages, {args.jobs} job(s), {wall:.0f} s wall. ms/page times the "
        "extraction call only (readability: decode + summary + text_content). "
        'empty = no content or blank output, scored as ""; failed = other errors, also "".'
    )
    if notes:
        print("\n" + "\n".join(notes))
    if args.json:
        meta = {
            "data": str(data),
            "limit": args.limit,
            "jobs": args.jobs,
            "tools": list(tools),
            "wall_s": wall,
        }
        write_json(args.json, summaries, meta)
    if args.per_page:
        write_per_page(args.per_page, results, tools)
    return 0


if __name__ == "__main__":
    sys.exit(main())
