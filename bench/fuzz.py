"""A long fuzz run over `clean`: `python -m bench.fuzz --examples 100000` (`make fuzz`).

Inputs are random bytes, random tag soup, random Markdown with embedded HTML, and the
golden samples mutated (bytes flipped, cut, spliced, repeated). Each must give a document
or a CleanerError with a one-line message, within a time bound, and the Markdown must be
safe to render: no script-capable element, no javascript:/vbscript:/data: link. Failing
inputs are saved for a test case. Not part of `make test`: it runs for tens of minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import random
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import lxml.html
from markdown_it import MarkdownIt

REPO_ROOT = Path(__file__).resolve().parent.parent
# Elements that run code or load active content when rendered Markdown becomes HTML.
ACTIVE_TAGS = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta"}
    | {"link", "style", "form", "svg", "math"}
)
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
# One input may take this long before it counts as a hang.
INPUT_TIME_LIMIT_S = 20.0

_viewer = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def markdown_hazards(markdown: str) -> list[str]:
    """What a Markdown viewer that allows raw HTML would find active in `markdown`."""
    if not markdown.strip():
        return []
    html = _viewer.render(markdown)
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    found: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag.lower() in ACTIVE_TAGS:
            found.append(f"<{element.tag}> element")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{name} attribute on <{element.tag}>")
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href"):
                scheme = "".join(ch for ch in value if ord(ch) > 32 and ord(ch) != 127).lower()
                if scheme.startswith(UNSAFE_SCHEMES):
                    found.append(f"{name}={value[:40]!r} on <{element.tag}>")
    return found


# -- input generators ----------------------------------------------------------------------

TAGS = (
    "html",
    "head",
    "body",
    "title",
    "meta",
    "link",
    "script",
    "style",
    "div",
    "span",
    "p",
    "a",
    "b",
    "i",
    "em",
    "strong",
    "code",
    "pre",
    "h1",
    "h2",
    "h3",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "img",
    "figure",
    "figcaption",
    "blockquote",
    "br",
    "hr",
    "nav",
    "header",
    "footer",
    "aside",
    "main",
    "article",
    "section",
    "form",
    "input",
    "button",
    "iframe",
    "svg",
    "math",
    "object",
    "embed",
    "noscript",
    "template",
    "textarea",
    "select",
    "option",
    "details",
    "summary",
    "ok",
    "font",
    "center",
    "frameset",
    "frame",
)
ATTRS = (
    'class="nav"',
    'class="post-content"',
    'id="comments"',
    'href="javascript:alert(1)"',
    'href="JaVa&#09;ScRiPt:alert(1)"',
    'href=" vbscript:msgbox(1)"',
    'href="data:text/html,<script>alert(1)</script>"',
    'href="https://example.org/a?b=1&amp;c=2"',
    'src="javascript:alert(1)"',
    'src="data:image/png;base64,AAAA"',
    'src="https://example.org/x.png"',
    'data-src="javascript:x"',
    'alt="a\\"',
    'alt="<script>alert(1)</script>"',
    'onclick="alert(1)"',
    'onerror="alert(1)"',
    'style="display:none"',
    'data-lang="```<script>"',
    "hidden",
    'width="1" height="1"',
)
TEXTS = (
    "The tide gauge by the old sluice recorded a new winter high. ",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<script>alert(1)</script>",
    "<iframe src=x>",
    "[x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "![i](javascript:alert(1))",
    "\\",
    "`",
    "```",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "&",
    "&#0;",
    "&bogus;",
    "\n",
    "\x00",
    "\ud800",
    "在上月通话中，习近平以疫情为由，",
    "> ",
    "- ",
    "# ",
    "| a | b |\n|---|---|\n",
    "<!--",
    "]]>",
    '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
)


def random_text(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return "".join(chr(rng.randrange(0, 0x3000)) for _ in range(rng.randrange(20)))
    return rng.choice(TEXTS)


def random_tree(rng: random.Random, depth: int = 0) -> str:
    if depth > 6 or rng.random() < 0.3:
        return random_text(rng)
    tag = rng.choice(TAGS)
    attrs = " ".join(rng.choice(ATTRS) for _ in range(rng.randrange(3)))
    inner = "".join(random_tree(rng, depth + 1) for _ in range(rng.randrange(5)))
    style = rng.random()
    if style < 0.7:
        return f"<{tag} {attrs}>{inner}</{tag}>"
    if style < 0.85:
        return f"<{tag} {attrs}>{inner}"
    return f"{inner}</{tag}>"


def random_markdown(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randrange(30)):
        kind = rng.random()
        if kind < 0.4:
            lines.append(random_text(rng) + random_text(rng))
        elif kind < 0.7:
            lines.append(random_tree(rng, 3))
        else:
            lines.append(rng.choice(["# Title", "```", "- item", "1. one", "> q", "---", ""]))
    return "\n".join(lines)


def load_seeds() -> list[bytes]:
    seeds = []
    for path in sorted((REPO_ROOT / "samples").glob("*/input.*")):
        seeds.append(path.read_bytes()[:20_000])
    return seeds or [b"<p>seed</p>"]


def mutate(rng: random.Random, data: bytes) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randrange(1, 8)):
        if not buffer:
            break
        op = rng.randrange(5)
        pos = rng.randrange(len(buffer))
        if op == 0:
            buffer[pos] = rng.randrange(256)
        elif op == 1:
            del buffer[pos : pos + rng.randrange(1, 200)]
        elif op == 2:
            buffer[pos:pos] = random_tree(rng).encode("utf-8", "surrogatepass")
        elif op == 3:
            end = min(len(buffer), pos + rng.randrange(1, 50))
            buffer[pos:pos] = bytes(buffer[pos:end]) * rng.randrange(2, 50)
        else:
            buffer = buffer[:pos]
    return bytes(buffer)


def make_input(rng: random.Random, seeds: list[bytes]) -> bytes | str:
    kind = rng.random()
    if kind < 0.15:
        return rng.randbytes(rng.randrange(2000))
    if kind < 0.45:
        page = "".join(random_tree(rng) for _ in range(rng.randrange(1, 8)))
        prefix = rng.choice(["", "<!DOCTYPE html><html><body>", "<html><body><article>"])
        return prefix + page if rng.random() < 0.5 else (prefix + page).encode("utf-8", "replace")
    if kind < 0.65:
        return random_markdown(rng)
    return mutate(rng, rng.choice(seeds))


# -- the check -----------------------------------------------------------------------------


def check_one(data: bytes | str) -> str | None:
    """None when `clean` behaved; otherwise what went wrong."""
    from cleaner import clean
    from cleaner.errors import CleanerError, PageTimeoutError
    from cleaner.limits import time_limit

    try:
        with time_limit(INPUT_TIME_LIMIT_S):
            try:
                doc = clean(data)
            except PageTimeoutError:
                raise
            except CleanerError as exc:
                message = str(exc)
                if not message.strip() or "\n" in message.strip():
                    return f"error message is not one line: {message!r}"
                return None
    except PageTimeoutError:
        return f"took over {INPUT_TIME_LIMIT_S:g} s"
    except Exception:
        return traceback.format_exc(limit=-8)
    hazards = markdown_hazards(doc.markdown)
    if hazards:
        return "unsafe Markdown: " + "; ".join(hazards[:3])
    return None


def run_worker(args: tuple[int, int, int]) -> tuple[int, list[tuple[str, bytes]]]:
    seed, count, every_determinism = args
    rng = random.Random(seed)
    seeds = load_seeds()
    failures: list[tuple[str, bytes]] = []
    for index in range(count):
        data = make_input(rng, seeds)
        problem = check_one(data)
        if problem is None and every_determinism and index % every_determinism == 0:
            problem = determinism_problem(data)
        if problem is not None:
            raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
            failures.append((problem, raw))
    return count, failures


def determinism_problem(data: bytes | str) -> str | None:
    from cleaner import clean
    from cleaner.errors import CleanerError

    def once() -> object:
        try:
            doc = clean(data)
        except CleanerError as exc:
            return ("error", str(exc))
        return (doc.markdown, doc.text, doc.title)

    return None if once() == once() else "two runs gave different results"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--jobs", "-j", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--crashes", type=Path, default=REPO_ROOT / ".fuzz-crashes")
    parser.add_argument("--chunk", type=int, default=500, help="inputs per task")
    parser.add_argument(
        "--determinism-every", type=int, default=10, help="also run every Nth input twice"
    )
    args = parser.parse_args(argv)
    tasks = []
    remaining, task = args.examples, 0
    while remaining > 0:
        size = min(args.chunk, remaining)
        tasks.append((args.seed * 1_000_003 + task, size, args.determinism_every))
        remaining -= size
        task += 1
    started = time.monotonic()
    tried = crashes = 0
    report: Callable[[str], object] = sys.stderr.write
    with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
        for count, failures in pool.imap_unordered(run_worker, tasks):
            tried += count
            for problem, raw in failures:
                crashes += 1
                args.crashes.mkdir(parents=True, exist_ok=True)
                name = hashlib.sha1(raw).hexdigest()[:16]
                (args.crashes / f"{name}.input").write_bytes(raw)
                (args.crashes / f"{name}.txt").write_text(problem, encoding="utf-8")
                report(f"fuzz: crash {name}: {problem.strip().splitlines()[-1][:200]}\n")
            elapsed = time.monotonic() - started
            report(f"fuzz: {tried} inputs, {crashes} crashes, {tried / elapsed:.0f}/s\n")
    elapsed = time.monotonic() - started
    print(f"fuzz: {tried} inputs tried, {crashes} crashes, {elapsed:.0f} s (seed {args.seed})")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
