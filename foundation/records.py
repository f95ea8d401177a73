"""The typed records that flow through newsbeam: `RawDocument` in, `Article` out.

Both are plain dataclasses (picklable, so Beam's default coders carry them on any runner).
`Article.to_dict()` is the one serialized form: it is what `newsbeam extract` prints, what the
Elasticsearch sink indexes and what `config/elasticsearch/` maps.
"""

from __future__ import annotations

import base64
from dataclasses import asdict, dataclass, field
from typing import Any

from foundation.vocabulary import DateSource, ExtractionMethod, Stage


@dataclass(frozen=True)
class SourceHints:
    """Metadata a source already knows about a document (a feed entry, a JSON Lines record).

    Dates are ISO 8601 strings. The extraction core prefers what it finds in the document and
    falls back to these; a date taken from here is recorded with the source `feed`.
    """

    title: str | None = None
    summary: str | None = None
    published_at: str | None = None
    modified_at: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    guid: str | None = None
    http_last_modified: str | None = None


@dataclass(frozen=True)
class RawDocument:
    """One document as a source delivered it, before extraction."""

    source: str
    """Where it came from: a file path (with `#line` / `#record` for multi-document files), a feed name or a URL."""
    content: bytes | str
    url: str | None = None
    content_type: str | None = None
    """MIME type when the source knows it (an HTTP header); the core still sniffs the content."""
    fetched_at: str | None = None
    hints: SourceHints = field(default_factory=SourceHints)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form; bytes that are not UTF-8 travel as base64."""
        data = asdict(self)
        if isinstance(self.content, bytes):
            try:
                data["content"] = self.content.decode("utf-8")
                data["content_encoding"] = "utf-8"
            except UnicodeDecodeError:
                data["content"] = base64.b64encode(self.content).decode("ascii")
                data["content_encoding"] = "base64"
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RawDocument:
        values = dict(data)
        encoding = values.pop("content_encoding", None)
        if encoding == "base64":
            values["content"] = base64.b64decode(values["content"])
        elif encoding == "utf-8":
            values["content"] = values["content"].encode("utf-8")
        hints = values.get("hints") or {}
        fields: dict[str, Any] = {key: tuple(value) if isinstance(value, list) else value for key, value in hints.items()}
        values["hints"] = SourceHints(**fields)
        return cls(**values)


@dataclass
class Dateline:
    place: str | None = None
    agency: str | None = None


@dataclass
class Extraction:
    """How the article was extracted, and what to know about the result."""

    method: ExtractionMethod
    warnings: list[str] = field(default_factory=list)
    """`ExtractionWarning`s, and messages that carry details (a rejected date, a charset)."""


@dataclass(kw_only=True)
class PageMetadata:
    """What a page says about itself: found by an extraction path, kept by the `Article`."""

    canonical_url: str | None = None
    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    language: str | None = None
    description: str | None = None
    image_url: str | None = None


@dataclass(kw_only=True)
class Article(PageMetadata):
    """A cleaned, dated article: the single schema that is indexed.

    Dates are ISO 8601 strings that keep only the precision the source had:
    `2022-01-22`, `2024-06-22T05:07`, `2023-10-31T08:34+01:00`. Unknown dates are None, never guessed.
    `date_sources` maps `published_at` / `modified_at` to where that date came from.
    """

    id: str
    body: str
    source: str
    content_hash: str
    extraction: Extraction
    url: str | None = None
    published_at: str | None = None
    modified_at: str | None = None
    date_sources: dict[str, DateSource] = field(default_factory=dict)
    dateline: Dateline | None = None
    fetched_at: str | None = None
    word_count: int = 0
    story_id: str = ""
    """The id of the story's first article; the article's own id while it stands alone (set when empty)."""
    story_size: int = 1
    """Articles in the story, the first included."""
    story_outlets: int = 1
    """Distinct publishers in the story."""
    first_seen: str | None = None
    """When the story's first article was seen (its published date, else when it was fetched)."""
    first_publisher: str | None = None
    near_duplicate_of: str | None = None
    """Set on copies: the article this one was found to copy (the closest match, not always the first)."""
    # What a later run needs to compare a new article with indexed ones. The band keys are indexed
    # (keyword, no doc values: they are only ever matched, never sorted or aggregated), so one `terms`
    # query finds the same candidates the in-memory LSH would have. The MinHash itself is kept in
    # `_source` only (binary: neither indexed nor in doc values): verification needs its values, and
    # reading 128 stored values is cheaper than fetching and re-signing a body several KB long.
    story_bands: list[str] = field(default_factory=list)
    """The LSH band keys of the body's MinHash: a later run or another worker finds candidates with one `terms` query."""
    story_minhash: str | None = None
    """The body's MinHash (base64 of its 32-bit values), kept to verify a candidate found by its bands."""
    story_shingles: int = 0
    """How many distinct shingles the body had (verification by containment needs set sizes)."""

    def __post_init__(self) -> None:
        if not self.story_id:
            self.story_id = self.id

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form, with every field present (None where unknown)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        values = dict(data)
        extraction = values["extraction"]
        values["extraction"] = Extraction(ExtractionMethod(extraction["method"]), list(extraction["warnings"]))
        values["date_sources"] = {key: DateSource(source) for key, source in (values.get("date_sources") or {}).items()}
        if values.get("dateline") is not None:
            values["dateline"] = Dateline(**values["dateline"])
        return cls(**values)


@dataclass(frozen=True)
class StoryUpdate:
    """New figures for an article already sent to the index whose story grew: a partial update, not a rewrite."""

    article_id: str
    story_size: int
    story_outlets: int

    def fields(self) -> dict[str, int]:
        return {"story_size": self.story_size, "story_outlets": self.story_outlets}


@dataclass(frozen=True)
class DeadLetter:
    """Something that could not be indexed, with the reason and what is needed to try again.

    `stage` says where it failed. `document` (a `RawDocument.to_dict()`) is kept when
    extraction should run again; `article` (an `Article.to_dict()`) when only indexing failed.
    """

    stage: Stage
    source: str
    reason: str
    document: dict[str, Any] | None = None
    article: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DeadLetter:
        return cls(**{**data, "stage": Stage(data["stage"])})
