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
