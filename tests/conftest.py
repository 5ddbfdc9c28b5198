"""Shared fixtures: where the repo and the samples are, the sample cases, and a CLI runner.

`cleaner` itself is imported only inside tests, so the suite collects even while the
library is half written.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = REPO_ROOT / "samples"
INPUT_NAMES = ("input.html", "input.md")
CASE_KEYS = {
    "description",
    "must",
    "must_not",
    "text_must",
    "text_must_not",
    "args",
    "exit_code",
}
RECORD_ENV = "CLEANER_RECORD"
RECORD_HINT = f"{RECORD_ENV}=1 .venv/bin/pytest tests/test_samples.py"
CLI_TIMEOUT_S = 120


@dataclass(frozen=True)
class Case:
    """One `samples/<slug>/` folder: its input and what `case.toml` says about the output."""

    slug: str
    folder: Path
    input_path: Path
    description: str
    must: tuple[str, ...]
    must_not: tuple[str, ...]
    text_must: tuple[str, ...]
    text_must_not: tuple[str, ...]
    args: tuple[str, ...]
    exit_code: int

    @property
    def expected_md(self) -> Path:
        return self.folder / "expected.md"

    @property
    def expected_txt(self) -> Path:
        return self.folder / "expected.txt"

    @property
    def has_content(self) -> bool:
        return self.exit_code == 0

    def input_bytes(self) -> bytes:
        return self.input_path.read_bytes()


def _strings(config: dict[str, object], key: str, path: Path) -> tuple[str, ...]:
    value = config.get(key, [])
    if not isinstance(value, list) or not all(isinstance(s, str) and s for s in value):
        raise pytest.UsageError(f"{path}: {key} must be a list of non-empty strings")
    return tuple(value)


def load_case(folder: Path) -> Case:
    path = folder / "case.toml"
    if not path.is_file():
        raise pytest.UsageError(f"{folder}: no case.toml")
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(config) - CASE_KEYS
    if unknown:
        raise pytest.UsageError(f"{path}: unknown keys {sorted(unknown)}")
    inputs = [folder / name for name in INPUT_NAMES if (folder / name).is_file()]
    if len(inputs) != 1:
        raise pytest.UsageError(f"{folder}: needs exactly one of {INPUT_NAMES}")
    description = config.get("description")
    if not isinstance(description, str) or not description.strip():
        raise pytest.UsageError(f"{path}: description is required")
    exit_code = config.get("exit_code", 0)
    if exit_code not in (0, 1, 3):
        raise pytest.UsageError(f"{path}: exit_code must be 0, 1 or 3")
    case = Case(
        slug=folder.name,
        folder=folder,
        input_path=inputs[0],
        description=description,
        must=_strings(config, "must", path),
        must_not=_strings(config, "must_not", path),
        text_must=_strings(config, "text_must", path),
        text_must_not=_strings(config, "text_must_not", path),
        args=_strings(config, "args", path),
        exit_code=int(exit_code),
    )
    if case.has_content and not case.must:
        raise pytest.UsageError(f"{path}: a content case needs at least one `must` snippet")
    if not case.has_content and (case.must or case.text_must):
        raise pytest.UsageError(f"{path}: an exit_code case cannot have `must` snippets")
    clash = (set(case.must) & set(case.must_not)) | (set(case.text_must) & set(case.text_must_not))
    if clash:
        raise pytest.UsageError(f"{path}: snippets both required and forbidden: {sorted(clash)}")
    return case


def load_cases() -> list[Case]:
    if not SAMPLES_DIR.is_dir():
        return []
    return [load_case(d) for d in sorted(SAMPLES_DIR.iterdir()) if d.is_dir()]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize `case` (every sample), `content_case` (exit 0) and `empty_case` (exit != 0)."""
    wanted = {
        "case": lambda c: True,
        "content_case": lambda c: c.has_content,
        "empty_case": lambda c: not c.has_content,
    }
    for name, keep in wanted.items():
        if name in metafunc.fixturenames:
            cases = [c for c in load_cases() if keep(c)]
            metafunc.parametrize(name, cases, ids=[c.slug for c in cases])


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES_DIR


@pytest.fixture(scope="session")
def recording() -> bool:
    """True when CLEANER_RECORD=1: sample tests write expected files instead of failing."""
    return os.environ.get(RECORD_ENV, "") not in ("", "0")


def cli_env() -> dict[str, str]:
    """The environment for a CLI subprocess: the repo importable, output not decorated."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "120"
    env.pop("FORCE_COLOR", None)
    env.pop(RECORD_ENV, None)
    return env


RunCli = Callable[..., "subprocess.CompletedProcess[bytes]"]


@pytest.fixture(scope="session")
def run_cli() -> RunCli:
    """Run `python -m cleaner ARGS` in a real subprocess; stdout and stderr come back as bytes."""

    def run(
        args: Sequence[str | os.PathLike[str]] = (),
        *,
        input: bytes | None = None,
        cwd: Path | None = None,
    ) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "cleaner", *map(str, args)],
            input=b"" if input is None else input,
            capture_output=True,
            cwd=cwd or REPO_ROOT,
            env=cli_env(),
            timeout=CLI_TIMEOUT_S,
            check=False,
        )

    return run


def stderr_lines(proc: subprocess.CompletedProcess[bytes]) -> list[str]:
    """The non-blank lines a process wrote to stderr."""
    return [line for line in proc.stderr.decode("utf-8", "replace").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def one_line_error() -> Callable[[subprocess.CompletedProcess[bytes], int], str]:
    """Assert the CLI failed with `code`, empty stdout and exactly one stderr line; return it."""

    def check(proc: subprocess.CompletedProcess[bytes], code: int) -> str:
        err = proc.stderr.decode("utf-8", "replace")
        assert "Traceback" not in err, err
        assert proc.returncode == code, (proc.returncode, err)
        assert proc.stdout == b"", proc.stdout[:500]
        lines = stderr_lines(proc)
        assert len(lines) == 1, f"expected one stderr line, got {len(lines)}:\n{err}"
        return lines[0]

    return check
