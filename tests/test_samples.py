"""Golden sample pages, run three ways: the library, the CLI on a file path, the CLI on stdin.

Each `samples/<slug>/` holds one input page and `case.toml` (see tests/conftest.py for keys).
`expected.md` and `expected.txt` are recorded from the tool, never written by hand:

    CLEANER_RECORD=1 .venv/bin/pytest tests/test_samples.py

then read the diff of the expected files; that diff is the review.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from typing import Any

import pytest
from conftest import RECORD_HINT, Case

from bench.scoring import literal_syntax

REPLACEMENT_CHAR = "\ufffd"
# A must_not snippet that does not occur in the input is only useful when it guards the
# *form* of the output (Markdown syntax, stray spaces in CJK text), not a word to remove.
CJK = r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef\u3000-\u303f]"
OUTPUT_FORM_GUARD = re.compile(rf"[\[\]()!`]|{CJK} | {CJK}")


# -- helpers -------------------------------------------------------------------------------


def options_from_args(args: Sequence[str]) -> Any:
    """Translate a case's CLI `args` into the equivalent library `Options`."""
    from cleaner import Options

    fields: dict[str, Any] = {}
    keep: list[str] = []
    drop: list[str] = []
    it = iter(args)
    valued = {
        "--to": "output",
        "--from": "input_format",
        "--encoding": "encoding",
        "--base-url": "base_url",
    }
    for arg in it:
        if arg in valued:
            fields[valued[arg]] = next(it)
        elif arg == "--keep":
            keep.append(next(it))
        elif arg == "--drop":
            drop.append(next(it))
        elif arg == "--no-links":
            fields["links"] = False
        elif arg == "--no-images":
            fields["images"] = False
        elif arg == "--front-matter":
            fields["front_matter"] = True
        else:
            raise AssertionError(f"options_from_args does not know {arg!r}; teach it")
    return Options(**fields, keep=tuple(keep), drop=tuple(drop))


@functools.cache
def _clean_case(slug: str, data: bytes, args: tuple[str, ...]) -> Any:
    from cleaner import clean

    return clean(data, options_from_args(args))


def clean_case(case: Case) -> Any:
    """The library's Document for a content case (computed once per session)."""
    return _clean_case(case.slug, case.input_bytes(), case.args)


def as_file(text: str) -> str:
    """What the CLI writes for a rendering: the text, ending in exactly one newline."""
    return text if text.endswith("\n") else text + "\n"


def read_expected(path: Any) -> str:
    if not path.is_file():
        pytest.fail(
            f"{path.relative_to(path.parents[2])} is missing. Record it from the current "
            f"output with:\n    {RECORD_HINT}\nand review the diff before committing.",
            pytrace=False,
        )
    return path.read_text(encoding="utf-8")


def check_snippets(output: str, must: Sequence[str], must_not: Sequence[str], what: str) -> None:
    missing = [s for s in must if s not in output]
    present = [s for s in must_not if s in output]
    problems = []
    if missing:
        problems.append(
            f"{what} lacks required snippets:\n" + "\n".join(f"  {s!r}" for s in missing)
        )
    if present:
        problems.append(
            f"{what} has forbidden snippets:\n" + "\n".join(f"  {s!r}" for s in present)
        )
    assert not problems, "\n".join(problems) + f"\n--- {what} ---\n{output}"


def decoded_input(case: Case) -> str:
    data = case.input_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        assert best is not None, f"{case.slug}: cannot decode the input to check it"
        return str(best)


def md_tokens(markdown: str) -> list[Any]:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").parse(markdown)


def inline_children(tokens: list[Any]) -> list[Any]:
    return [child for tok in tokens if tok.type == "inline" for child in tok.children or []]


def image_srcs(markdown: str) -> list[str]:
    return [t.attrGet("src") for t in inline_children(md_tokens(markdown)) if t.type == "image"]


def link_hrefs(markdown: str) -> list[str]:
    children = inline_children(md_tokens(markdown))
    return [t.attrGet("href") for t in children if t.type == "link_open"]


def tables(markdown: str) -> list[list[list[str]]]:
    """Every GFM table as rows of cell texts, the header row first."""
    found: list[list[list[str]]] = []
    rows: list[list[str]] = []
    cells: list[str] | None = None
    for tok in md_tokens(markdown):
        if tok.type == "table_open":
            rows = []
        elif tok.type == "tr_open":
            cells = []
        elif tok.type == "inline" and cells is not None:
            cells.append(tok.content)
        elif tok.type == "tr_close" and cells is not None:
            rows.append(cells)
            cells = None
        elif tok.type == "table_close":
            found.append(rows)
    return found


def list_path(markdown: str, needle: str) -> list[str]:
    """The kinds of the lists ('bullet'/'ordered') around the first paragraph containing needle."""
    stack: list[str] = []
    for tok in md_tokens(markdown):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            stack.append(tok.type.split("_")[0])
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            stack.pop()
        elif tok.type == "inline" and needle in tok.content:
            return list(stack)
    raise AssertionError(f"{needle!r} is not in any paragraph")


def blockquote_texts(markdown: str) -> list[str]:
    depth = 0
    texts: list[str] = []
    for tok in md_tokens(markdown):
        if tok.type == "blockquote_open":
            depth += 1
        elif tok.type == "blockquote_close":
            depth -= 1
        elif tok.type == "inline" and depth:
            texts.append(tok.content)
    return texts


# -- library -------------------------------------------------------------------------------


def test_library_matches_expected(content_case: Case, recording: bool) -> None:
    doc = clean_case(content_case)
    assert isinstance(doc.markdown, str) and isinstance(doc.text, str)
    if recording:
        content_case.expected_md.write_text(doc.markdown, encoding="utf-8")
        content_case.expected_txt.write_text(doc.text, encoding="utf-8")
    assert doc.markdown == read_expected(content_case.expected_md)
    assert doc.text == read_expected(content_case.expected_txt)


def test_library_snippets(content_case: Case) -> None:
    doc = clean_case(content_case)
    check_snippets(doc.markdown, content_case.must, content_case.must_not, "markdown")
    check_snippets(doc.text, content_case.text_must, content_case.text_must_not, "text")


def test_library_markdown_shape(content_case: Case) -> None:
    """Every kept page: the title is the one `# ` heading and comes first; no raw HTML left."""
    markdown = clean_case(content_case).markdown
    assert markdown.strip(), "empty markdown for a content case"
    assert REPLACEMENT_CHAR not in markdown, "U+FFFD in output: the input was mis-decoded"
    tokens = md_tokens(markdown)
    h1 = [t for t in tokens if t.type == "heading_open" and t.tag == "h1"]
    assert len(h1) == 1, f"expected exactly one h1, got {len(h1)}:\n{markdown}"
    assert tokens[0].type == "heading_open" and tokens[0].tag == "h1", "the title must come first"
    assert tokens[0].markup == "#", "the title must be an ATX `# ` heading, not setext"
    raw = [t.content for t in tokens if t.type == "html_block"]
    raw += [t.content for t in inline_children(tokens) if t.type == "html_inline"]
    assert not raw, f"raw HTML left in the markdown: {raw[:5]}"
    # Every marker and bracket is read as markup: none prints as a literal character.
    assert literal_syntax(markdown) == 0, markdown


def test_library_text_shape(content_case: Case) -> None:
    text = clean_case(content_case).text
    assert text.strip(), "empty text for a content case"
    assert REPLACEMENT_CHAR not in text, "U+FFFD in output: the input was mis-decoded"
    for syntax in ("](", "```", "!["):
        assert syntax not in text, f"Markdown syntax {syntax!r} in text output"


def test_library_reports_removals(content_case: Case) -> None:
    """A case that forbids something present in the input removed something, and says so."""
    source = decoded_input(content_case)
    if not any(s in source or s in html.unescape(source) for s in content_case.must_not):
        pytest.skip("nothing in must_not occurs in the input")
    removed = clean_case(content_case).removed
    assert removed, "boilerplate was dropped but Document.removed is empty"
    for item in removed:
        assert item.rule and item.category, item


def test_library_no_content(empty_case: Case) -> None:
    from cleaner import clean
    from cleaner.errors import CleanerError

    with pytest.raises(CleanerError) as info:
        clean(empty_case.input_bytes(), options_from_args(empty_case.args))
    assert int(info.value.exit_code) == empty_case.exit_code
    message = str(info.value).strip()
    assert message and "\n" not in message, repr(message)


def test_must_not_snippets_occur_in_input(content_case: Case) -> None:
    """Guard against vacuous must_not: a word to be removed must really be in the input."""
    source = decoded_input(content_case)
    unescaped = html.unescape(source)
    vacuous = [
        s
        for s in content_case.must_not
        if s not in source and s not in unescaped and not OUTPUT_FORM_GUARD.search(s)
    ]
    assert not vacuous, f"must_not snippets absent from the input (typo?): {vacuous}"


def test_no_stale_expected_files(empty_case: Case) -> None:
    stale = [p.name for p in (empty_case.expected_md, empty_case.expected_txt) if p.exists()]
    assert not stale, f"{empty_case.slug} expects exit {empty_case.exit_code}; delete {stale}"


# -- structure of particular samples -------------------------------------------------------


def sample_markdown(cases: dict[str, Case], slug: str) -> str:
    if slug not in cases:
        pytest.skip(f"no sample {slug}")
    return str(clean_case(cases[slug]).markdown)


@pytest.fixture(scope="module")
def cases_by_slug() -> dict[str, Case]:
    from conftest import load_cases

    return {c.slug: c for c in load_cases()}


def test_docs_code_blocks_and_table(cases_by_slug: dict[str, Case]) -> None:
    markdown = sample_markdown(cases_by_slug, "docs-code-tables")
    fences = [t.info.strip() for t in md_tokens(markdown) if t.type == "fence"]
    assert fences == ["toml", "python", "bash"]
    [table] = tables(markdown)
    assert table[0] == ["Key", "Type", "Default", "Description"]
    assert len(table) == 5
    assert table[4][3] == "strict | lenient"


def test_markdown_mirror_code_and_table(cases_by_slug: dict[str, Case]) -> None:
    markdown = sample_markdown(cases_by_slug, "markdown-mirror-code-table")
    fences = [t for t in md_tokens(markdown) if t.type == "fence"]
    assert [f.info.strip() for f in fences] == ["python"]
    assert "\n\n\ndef daily_extremes(path):\n" in fences[0].content
    [table] = tables(markdown)
    assert table[0] == ["Station", "Lowest (cm)", "Highest (cm)"]
    assert [row[0] for row in table[1:]] == ["north-03", "weir-11", "estuary-2"]
    assert image_srcs(markdown) == []


def test_table_only_rows(cases_by_slug: dict[str, Case]) -> None:
    markdown = sample_markdown(cases_by_slug, "table-only")
    [table] = tables(markdown)
    assert len(table) == 8
    assert all(len(row) == 5 for row in table)
    assert table[7] == ["Sun 24 Mar", "12:18", "4.3", "18:40", "1.2"]


def test_nested_list_structure(cases_by_slug: dict[str, Case]) -> None:
    markdown = sample_markdown(cases_by_slug, "nested-lists")
    assert list_path(markdown, "Stone or reclaimed bricks") == ["bullet"]
    assert list_path(markdown, "Sharp sand mixed with topsoil") == ["bullet", "bullet"]
    assert list_path(markdown, "Mark out a circle") == ["ordered"]
    assert list_path(markdown, "Leave the lowest end open") == ["ordered", "ordered"]
    assert list_path(markdown, "Add rubble to the middle") == ["ordered", "bullet"]
    assert list_path(markdown, "Pour a bucket of water") == ["ordered", "bullet", "bullet"]
    assert list_path(markdown, "Plant from the top down") == ["ordered"]
    assert link_hrefs(markdown) == ["https://smallplot.example/guides/drainage/"]


def test_lazy_images_resolved_once(cases_by_slug: dict[str, Case]) -> None:
    markdown = sample_markdown(cases_by_slug, "lazy-images")
    assert image_srcs(markdown) == [
        "https://fieldnotes.example/images/2024/07/elephant-hawk-moth.jpg",
        "https://fieldnotes.example/images/2024/07/buff-tip.jpg",
        "https://photos.fieldnotes.example/2024/07/trap-at-dawn.jpg",
    ]


def test_seed_keeps_only_the_lead_image(cases_by_slug: dict[str, Case]) -> None:
    markdown = sample_markdown(cases_by_slug, "seed-markdown-mirror")
    assert image_srcs(markdown) == [
        "https://i.ntdtv.com/assets/uploads/2022/02/GettyImages-1238175215-800x450.jpg"
    ]


def test_blog_keeps_content_image_not_pixels(cases_by_slug: dict[str, Case]) -> None:
    markdown = sample_markdown(cases_by_slug, "blog-share-pixels")
    srcs = image_srcs(markdown)
    assert srcs[0].endswith("/two-loaves-1024x683.jpg")
    assert all("crumbandcrust.example/" in s for s in srcs), srcs


def test_quotes_stay_blockquotes(cases_by_slug: dict[str, Case]) -> None:
    news = blockquote_texts(sample_markdown(cases_by_slug, "news-with-chrome"))
    assert any("We cannot keep filling sandbags" in t for t in news), news
    forum = blockquote_texts(sample_markdown(cases_by_slug, "forum-thread"))
    assert any("The garage is the safest option." in t for t in forum), forum


def test_cjk_link_is_one_link(cases_by_slug: dict[str, Case]) -> None:
    markdown = sample_markdown(cases_by_slug, "cjk-line-breaks")
    assert link_hrefs(markdown) == ["https://eco.binhai.example/species/black-faced-spoonbill"]


METADATA = {
    "news-with-chrome": {
        "title": "Council approves tidal barrier for the old harbour",
        "url": "https://harbourledger.example/news/2024/03/council-approves-tidal-barrier",
        "lang": "en-GB",
    },
    "blog-share-pixels": {"title": "Sourdough at altitude: three adjustments that worked"},
    "docs-code-tables": {"title": "Configuration", "lang": "en"},
    "seed-markdown-mirror": {"title": "日媒：习近平婉拒普京访俄邀请"},
    "cjk-line-breaks": {"title": "河口湿地迎来近十年最多的黑脸琵鹭", "lang": "zh-CN"},
    "shift-jis": {"title": "商店街の銭湯、改装を経て三年ぶりに営業再開", "lang": "ja"},
    "shift-jis-no-charset": {"title": "無人駅の待合室がカフェに\u3000高校生が週末に運営"},
    "table-only": {"title": "Port Arden tide table, 18–24 March 2024"},
}


@pytest.mark.parametrize("slug", sorted(METADATA))
def test_metadata(cases_by_slug: dict[str, Case], slug: str) -> None:
    if slug not in cases_by_slug:
        pytest.skip(f"no sample {slug}")
    doc = clean_case(cases_by_slug[slug])
    for field, value in METADATA[slug].items():
        assert getattr(doc, field) == value, field


def test_seed_url_is_clean(cases_by_slug: dict[str, Case]) -> None:
    """The mirror's 原文地址 line may give the URL; if so, not with the next line glued on."""
    if "seed-markdown-mirror" not in cases_by_slug:
        pytest.skip("no seed sample")
    url = clean_case(cases_by_slug["seed-markdown-mirror"]).url
    assert url in (None, "https://www.ntdtv.com/gb/2022/07/05/a103471995.html"), url


# -- CLI in a real subprocess --------------------------------------------------------------


def _assert_cli_ok(proc: Any, expected: str) -> None:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, err
    assert err == "", f"stderr must stay quiet on success:\n{err}"
    assert proc.stdout.decode("utf-8") == as_file(expected)


def test_cli_file_path(content_case: Case, run_cli: Any) -> None:
    expected = read_expected(content_case.expected_md)
    proc = run_cli([*content_case.args, content_case.input_path])
    _assert_cli_ok(proc, expected)


def test_cli_stdin(content_case: Case, run_cli: Any) -> None:
    expected = read_expected(content_case.expected_md)
    proc = run_cli(list(content_case.args), input=content_case.input_bytes())
    _assert_cli_ok(proc, expected)


def test_cli_text(content_case: Case, run_cli: Any) -> None:
    expected = read_expected(content_case.expected_txt)
    proc = run_cli([*content_case.args, "--to", "text", content_case.input_path])
    _assert_cli_ok(proc, expected)


def test_cli_no_content(empty_case: Case, run_cli: Any, one_line_error: Any) -> None:
    one_line_error(run_cli([*empty_case.args, empty_case.input_path]), empty_case.exit_code)
    proc = run_cli(list(empty_case.args), input=empty_case.input_bytes())
    one_line_error(proc, empty_case.exit_code)
