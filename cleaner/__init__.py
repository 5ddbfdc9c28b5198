"""cleaner: strip boilerplate from a web page and keep its content as Markdown or text."""

from __future__ import annotations

from .errors import CleanerError, ExitCode, InputError, NoContentError, UsageError
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
