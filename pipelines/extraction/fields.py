"""What an extraction path found, before the shared assembly into an `Article`."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipelines.extraction.dates import PartialDate
from pipelines.extraction.datelines import DatelineMatch


@dataclass
class DatedValue:
    value: PartialDate
    source: str


@dataclass
class Fields:
    method: str
    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    subtitle: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    language: str | None = None
    description: str | None = None
    image_url: str | None = None
    published: list[DatedValue] = field(default_factory=list)
    """Candidates, best first; the assembler takes the first plausible one."""
    modified: list[DatedValue] = field(default_factory=list)
    dateline: DatelineMatch | None = None
    metadata_only: bool = False
    """No article text was found; the document is indexed for its title, description and dates."""
    warnings: list[str] = field(default_factory=list)
