"""What an extraction path found, before the shared assembly into an `Article`."""

from __future__ import annotations

from dataclasses import dataclass, field

from foundation.records import PageMetadata
from foundation.vocabulary import DateSource, ExtractionMethod
from pipelines.extraction.dates.datelines import DatelineMatch
from pipelines.extraction.dates.parsing import PartialDate


@dataclass
class DatedValue:
    value: PartialDate
    source: DateSource


@dataclass(kw_only=True)
class Fields(PageMetadata):
    method: ExtractionMethod
    paragraphs: list[str] = field(default_factory=list)
    url: str | None = None
    published: list[DatedValue] = field(default_factory=list)
    """Candidates, best first; the assembler takes the first plausible one."""
    modified: list[DatedValue] = field(default_factory=list)
    dateline: DatelineMatch | None = None
    metadata_only: bool = False
    """No article text was found; the document is indexed for its title, description and dates."""
    warnings: list[str] = field(default_factory=list)
