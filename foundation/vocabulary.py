"""The closed sets of values newsbeam's records, counters and logs speak in.

String enums: each member is its own value (`Stage.READ == "read"`), so records serialise to the
same JSON, Elasticsearch documents and dead-letter lines as plain strings would.
"""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """Where a document failed, in a dead letter."""

    READ = "read"
    EXTRACT = "extract"
    INDEX = "index"
    NOTIFY = "notify"
    """An alert that a notifier could not deliver (after its retries)."""


class IndexResult(StrEnum):
    """What writing one article to Elasticsearch came to."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FAILED = "failed"


class EntryChange(StrEnum):
    """Why a feed entry is processed on this poll."""

    NEW = "new"
    UPDATED = "updated"
    """Edited since it was last seen."""
    RETRY = "retry"
    """Its page could not be fetched yet."""


class ExtractionMethod(StrEnum):
    HTML = "html"
    TEXT = "text"
    """A plain-text dump."""
    FEED_ONLY = "feed-only"
    """From a feed entry alone: its page could not be fetched (yet)."""


class DateSource(StrEnum):
    """Where a published or modified date was found."""

    JSON_LD = "json-ld"
    META = "meta"
    TIME_ELEMENT = "time-element"
    VISIBLE = "visible"
    """Shown on the page near the headline."""
    HTMLDATE = "htmldate"
    URL = "url"
    FEED = "feed"
    HTTP_LAST_MODIFIED = "http-last-modified"
    TEXT_TIMESTAMP = "text-timestamp"
    TEXT_DATELINE = "text-dateline"
    TEXT_WEEKDAY = "text-weekday"


class ExtractionWarning(StrEnum):
    """The fixed warnings of an extraction (others carry details: a rejected date, a charset)."""

    NO_TITLE = "no title found"
    METADATA_ONLY = "no article text found: indexed with metadata only"
    MODIFIED_BEFORE_PUBLISHED = "modified date before published date dropped"
    YEAR_NOT_GUESSED = "published date without year not guessed"
    UNDECODABLE_BYTES = "undecodable bytes replaced"
    MOJIBAKE_REPAIRED = "text decoded in the wrong charset repaired"
    SITE_TEMPLATE_LINES = "lines of the site's template removed"


class AlertStatus(StrEnum):
    """Where an alert stands, in the alerts index."""

    PENDING = "pending"
    """Claimed (so never sent twice), not yet delivered."""
    SENT = "sent"
    FAILED = "failed"
    """Given up on after retries: dead-lettered."""
