"""Every error a user can cause, and the exit code each one maps to."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit codes; the README's table is generated from the same meanings."""

    OK = 0  # content written
    INPUT_ERROR = 1  # unreadable, binary, not HTML or Markdown, too large, timed out
    USAGE = 2  # bad options or arguments
    NO_CONTENT = 3  # nothing left that looks like content; stdout stays empty
    PARTIAL = 4  # batch: some inputs failed, the others were written
    INTERRUPTED = 130  # Ctrl-C


class CleanerError(Exception):
    """Base of every error a user can cause; its message is one line, fit for stderr."""

    exit_code: ExitCode = ExitCode.INPUT_ERROR


class InputError(CleanerError):
    """The input cannot be read as a web page (binary, undecodable, empty, unparseable)."""

    exit_code = ExitCode.INPUT_ERROR


class UsageError(CleanerError):
    """Options that contradict each other or name something that does not exist."""

    exit_code = ExitCode.USAGE


class NoContentError(CleanerError):
    """The page parsed, but nothing in it looks like content."""

    exit_code = ExitCode.NO_CONTENT


class TooLargeError(InputError):
    """The input is larger than the --max-bytes limit (after gzip is undone)."""


class PageTimeoutError(InputError):
    """Cleaning one page took longer than the --timeout limit."""
