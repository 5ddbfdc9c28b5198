"""The pattern cache: what it hands back is what re.compile would, a bad file costs only
time, and a run of the command with the cache written compiles no pattern afresh."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT, SAMPLES_DIR, cli_env

from cleaner import regexcache
from cleaner.regexcache import PatternCache

# Shapes that reach different parts of re's compiler: named groups, flags set inside the
# pattern and passed in, look-arounds, back-references, wide character ranges.
PATTERNS: list[tuple[str, int]] = [
    (r"^\W*(?:read more|see also|continue reading)\W*$", re.IGNORECASE),
    (r"(?P<body>https?://(?P<host>[a-z0-9._-]+))(?:/\S*)?", 0),
    (r"(?i)(?<![a-z])qr(?:code)?(?![a-z])", 0),
    (r"(\w+)\s+\1", 0),
    (r"[\u3040-\u30ff\u4e00-\u9fff]+", 0),
    (r"^\s*$", re.MULTILINE | re.DOTALL),
]
TEXTS = ["Read more »", "https://example.com/a b", "the the end", "QRcode", "漢字かな", "a\n\nb"]


def behaviour(pattern: re.Pattern[str]) -> list[object]:
    return [
        (m.span(), m.groups(), m.groupdict()) if (m := pattern.search(text)) else None
        for text in TEXTS
    ]


def test_a_second_process_gets_what_re_compiles(tmp_path: Path) -> None:
    path = tmp_path / "patterns.bin"
    first = PatternCache(path, write_at_exit=False)
    for pattern, flags in PATTERNS:
        assert first.compile(pattern, flags) == re.compile(pattern, flags)
    assert (first.hits, first.misses) == (0, len(PATTERNS))
    assert first.save()
    second = PatternCache(path, write_at_exit=False)
    for pattern, flags in PATTERNS:
        cached = second.compile(pattern, flags)
        fresh = re.compile(pattern, flags)
        # Equal patterns have the same flags, text and engine code.
        assert cached == fresh
        assert cached.groupindex == fresh.groupindex and cached.groups == fresh.groups
        assert behaviour(cached) == behaviour(fresh)
    assert (second.hits, second.misses) == (len(PATTERNS), 0)


def test_nothing_new_nothing_written(tmp_path: Path) -> None:
    path = tmp_path / "patterns.bin"
    cache = PatternCache(path, write_at_exit=False)
    cache.compile(*PATTERNS[0])
    assert cache.save() and path.exists()
    path.unlink()
    assert not cache.save()  # nothing compiled afresh since
    assert cache.save(force=True) and path.exists()
    # Written whole through a temporary name: none is left behind.
    assert [p.name for p in tmp_path.iterdir()] == ["patterns.bin"]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00garbage that is no marshal data",
        marshal.dumps(((0, "another python", 0, 0), {})),  # written by another Python
        marshal.dumps("a string, not a header and a table"),
    ],
    ids=["empty", "garbage", "other-python", "other-shape"],
)
def test_an_unusable_file_is_compiled_around(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "patterns.bin"
    path.write_bytes(content)
    cache = PatternCache(path, write_at_exit=False)
    for pattern, flags in PATTERNS:
        assert cache.compile(pattern, flags) == re.compile(pattern, flags)
    assert cache.misses == len(PATTERNS)
    assert cache.save()
    assert PatternCache(path, write_at_exit=False).compile(*PATTERNS[1]) == re.compile(
        *PATTERNS[1]
    )


def test_code_the_engine_refuses_is_compiled_afresh(tmp_path: Path) -> None:
    path = tmp_path / "patterns.bin"
    good = PatternCache(path, write_at_exit=False)
    pattern, flags = PATTERNS[0]
    good.compile(pattern, flags)
    good.save()
    header, entries = marshal.loads(path.read_bytes())
    final_flags, code, *rest = entries[(pattern, flags)]
    entries[(pattern, flags)] = (final_flags, [999_999, *code[1:]], *rest)
    path.write_bytes(marshal.dumps((header, entries)))
    cache = PatternCache(path, write_at_exit=False)
    assert cache.compile(pattern, flags) == re.compile(pattern, flags)
    assert (cache.hits, cache.misses) == (0, 1)


def test_an_unwritable_place_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    cache = PatternCache(blocker / "patterns.bin", write_at_exit=False)
    assert cache.compile(*PATTERNS[0]) == re.compile(*PATTERNS[0])
    assert not cache.save()


def run_with_cache(path: Path, code: str, *flags: str) -> str:
    probe = (
        "from pathlib import Path\nfrom cleaner import regexcache\n"
        f"regexcache.default.path = Path({str(path)!r})\n" + code
    )
    env = cli_env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(
        [sys.executable, *flags, "-c", probe],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


ONE_PAGE = (
    "import sys\nfrom cleaner.cli import main\n"
    f"sys.argv = ['cleaner', {str(SAMPLES_DIR / 'news-with-chrome' / 'input.html')!r}]\n"
    "try:\n    main()\nexcept SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
    "print('counts', regexcache.default.hits, regexcache.default.misses, file=sys.stderr)\n"
)


def test_the_command_writes_the_file_at_exit_and_then_compiles_nothing(tmp_path: Path) -> None:
    path = tmp_path / "patterns.bin"
    first = run_with_cache(path, ONE_PAGE)
    assert path.exists()
    second = run_with_cache(path, ONE_PAGE)
    assert first == second  # the same document either way
    code = (
        "import re\nimport cleaner.pipeline, cleaner.cli\n"
        "d = regexcache.default\n"
        "print(d.hits, d.misses)\n"
        # Every pattern the start-up compiled is re's own.
        "bad = [k for k in d._used if d.compile(*k) != re.compile(*k)]\n"
        "print(len(bad))\n"
    )
    hits, misses, *bad = run_with_cache(path, code).split()
    assert int(misses) == 0 and int(hits) >= 50
    assert bad == ["0"]


def test_not_written_when_byte_code_is_not(tmp_path: Path) -> None:
    path = tmp_path / "patterns.bin"
    run_with_cache(path, ONE_PAGE, "-B")
    assert not path.exists()


def test_prime_writes_the_file_whatever_the_byte_code_setting(tmp_path: Path) -> None:
    path = tmp_path / "patterns.bin"
    run_with_cache(path, "assert regexcache.prime()\n", "-B")
    assert path.exists()
    _header, entries = marshal.loads(path.read_bytes())
    assert len(entries) >= 50


def test_the_package_compiles_its_patterns_through_the_cache() -> None:
    import cleaner.pipeline  # noqa: F401 - for the patterns it compiles

    assert len(regexcache.default._used) >= 50
