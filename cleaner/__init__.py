"""cleaner: strip boilerplate from a web page and keep its content as Markdown or text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import CleanerError, ExitCode, InputError, NoContentError, UsageError

if TYPE_CHECKING:
    from .model import Document, Options, Removal
    from .pipeline import clean

__version__ = "0.1.0"

__all__ = [
    "CleanerError",
    "Document",
    "ExitCode",
    "InputError",
    "NoContentError",
    "Options",
    "Removal",
    "UsageError",
    "__version__",
    "clean",
]

# Loaded on first use (PEP 562): `cleaner --help` and `--version` import this package too,
# and the pipeline brings lxml, readability and the rule tables (most of a start-up).
_LAZY = {"clean": "pipeline", "Document": "model", "Options": "model", "Removal": "model"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
