"""Turn what a path found into an `Article`: hint fallbacks, date checks, ids and hashes."""

from __future__ import annotations

from datetime import datetime, timedelta

from foundation.records import Article, Dateline, Extraction, RawDocument
from foundation.vocabulary import DateSource, ExtractionWarning
from pipelines.extraction.author_names import split_authors
from pipelines.extraction.dates.parsing import PartialDate, parse_date, plausible
from pipelines.extraction.errors import ExtractionError
from pipelines.extraction.fields import DatedValue, Fields
from pipelines.extraction.ids import article_id, content_hash
from pipelines.extraction.mojibake import repaired_hints
from pipelines.extraction.normalize import clean_line, for_hashing, join_paragraphs, word_count


def _choose(kind: str, candidates: list[DatedValue], warnings: list[str], now: datetime | None) -> DatedValue | None:
    for candidate in candidates:
        if plausible(candidate.value, now):
            return candidate
        warnings.append(f"{kind} date {candidate.value.iso()} rejected as implausible")
    return None


def _before(earlier: PartialDate, later: PartialDate) -> bool:
    """Whether `earlier` is surely before `later`; a day without a time may be a day off either way."""
    if earlier.hour is not None and later.hour is not None and earlier.is_instant == later.is_instant:
        return earlier.as_utc() < later.as_utc()
    return earlier.as_utc() + timedelta(days=1) < later.as_utc()


def _hint_date(value: str | None, source: DateSource) -> list[DatedValue]:
    parsed = parse_date(value)
    return [DatedValue(parsed, source)] if parsed else []


def _unique(values: list[str], fold: bool = False) -> list[str]:
    seen: set[str] = set()
    out = []
    for value in values:
        value = clean_line(value)
        value = value.casefold() if fold else value
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            out.append(value)
    return out


def assemble(raw: RawDocument, fields: Fields, now: datetime | None = None) -> Article:
    hints = repaired_hints(raw.hints)
    warnings = fields.warnings
    if hints is not raw.hints and ExtractionWarning.MOJIBAKE_REPAIRED not in warnings:
        warnings.append(ExtractionWarning.MOJIBAKE_REPAIRED)
    body = join_paragraphs(fields.paragraphs)
    if not body and not fields.metadata_only:
        raise ExtractionError("no article text found")

    title = fields.title or (clean_line(hints.title) if hints.title else None)
    if title is None:
        warnings.append(ExtractionWarning.NO_TITLE)
    published = _choose("published", fields.published + _hint_date(hints.published_at, DateSource.FEED), warnings, now)
    modified = _choose(
        "modified",
        fields.modified
        + _hint_date(hints.modified_at, DateSource.FEED)
        + _hint_date(hints.http_last_modified, DateSource.HTTP_LAST_MODIFIED),
        warnings,
        now,
    )
    if published and modified and _before(modified.value, published.value):
        warnings.append(ExtractionWarning.MODIFIED_BEFORE_PUBLISHED)
        modified = None
    date_sources = {}
    if published:
        date_sources["published_at"] = published.source
    if modified:
        date_sources["modified_at"] = modified.source

    url = raw.url or fields.url
    canonical = fields.canonical_url
    dateline = fields.dateline
    hashed_body = for_hashing(body)
    return Article(
        id=article_id(canonical or url, hashed_body),
        body=body,
        source=raw.source,
        content_hash=content_hash(for_hashing(title or ""), hashed_body),
        extraction=Extraction(method=fields.method, warnings=_unique(warnings)),
        url=url,
        canonical_url=canonical,
        title=title,
        subtitle=fields.subtitle,
        # A feed's author field is read as a page's byline is ("By Anna Berg", "Anna Berg und Jan Roe").
        authors=_unique(fields.authors or [name for field in hints.authors for name in split_authors(field)]),
        publisher=fields.publisher,
        tags=_unique(fields.tags + list(hints.tags), fold=True),
        categories=_unique(fields.categories),
        language=fields.language,
        description=fields.description or (clean_line(hints.summary) if hints.summary else None),
        image_url=fields.image_url,
        published_at=published.value.iso() if published else None,
        modified_at=modified.value.iso() if modified else None,
        date_sources=date_sources,
        dateline=Dateline(place=dateline.place, agency=dateline.agency) if dateline else None,
        fetched_at=raw.fetched_at,
        word_count=word_count(body),
    )
