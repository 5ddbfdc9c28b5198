"""The options a caller gives and the document `clean` returns: plain data, safe to pickle."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from .limits import DEFAULT_MAX_BYTES

OutputFormat = Literal["markdown", "text", "json"]
# What to do when nothing on the page looks like content: fail (NoContentError, exit 3),
# keep whatever the strip pass left, or return an empty document.
Fallback = Literal["fail", "keep", "empty"]
InputFormat = Literal["auto", "html", "markdown"]
# Which renderings `clean` makes: the Document field of one that is not made stays "".
Render = Literal["both", "markdown", "text"]


@dataclass(frozen=True)
class Options:
    """What to produce; every field has the CLI's default."""

    output: OutputFormat = "markdown"
    input_format: InputFormat = "auto"
    encoding: str | None = None  # overrides detection when set
    links: bool = True
    images: bool = True
    # The page's address, for relative links and images; None: the address the page gives
    # as its own (canonical link, og:url), if any. Nothing is fetched.
    base_url: str | None = None
    keep: tuple[str, ...] = ()  # CSS selectors that beat every built-in rule
    drop: tuple[str, ...] = ()  # CSS selectors removed before anything else
    front_matter: bool = False
    title: bool = True  # start the document with the title as its one `# ` heading
    fallback: Fallback = "fail"
    # Larger input (bytes, or characters for a str; after gzip is undone) is refused with
    # TooLargeError rather than parsed into gigabytes of tree.
    max_bytes: int = DEFAULT_MAX_BYTES
    # "markdown" or "text" when only that rendering is read (the command line knows which):
    # rendering the other one too is time spent for nothing.
    render: Render = "both"


@dataclass(frozen=True)
class Removal:
    """One block taken out of the page, and the rule that took it."""

    rule: str
    category: str
    excerpt: str


@dataclass
class Document:
    """The cleaned page: metadata, both renderings, and what was removed."""

    markdown: str
    text: str
    title: str | None = None
    url: str | None = None
    lang: str | None = None
    date: str | None = None
    removed: list[Removal] = field(default_factory=list)
    # How sure the extraction is that this is the page's content, 0..1 (see
    # pipeline.confidence), how it was chosen, and the top-level blocks it kept.
    confidence: float = 0.0
    method: str = ""
    kept: list[str] = field(default_factory=list)

    def removed_counts(self) -> dict[str, int]:
        return dict(sorted(Counter(r.category for r in self.removed).items()))

    def to_json(self, output: OutputFormat = "markdown") -> dict[str, Any]:
        record: dict[str, Any] = {"title": self.title, "url": self.url}
        if self.lang:
            record["lang"] = self.lang
        if self.date:
            record["date"] = self.date
        if output == "text":
            record["text"] = self.text
        else:
            record["markdown"] = self.markdown
        record["confidence"] = self.confidence
        record["method"] = self.method
        record["removed"] = self.removed_counts()
        return record
