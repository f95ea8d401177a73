"""The feeds `newsbeam watch` monitors: `config/feeds.yaml`, validated on load.

A `feeds:` list (each entry at least `url` and `name`) and global settings for fetching
(`http`), politeness towards article sites (`politeness`) and polling (`polling`). Errors name
the entry (its index and name) and the field, never the value: a feed URL may carry a token.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import Field, field_validator, model_validator

from foundation.config_files import HttpUrlText, Location, StrictModel, dotted, read_yaml, validated

DEFAULT_FEEDS = Path("config") / "feeds.yaml"


class Feed(StrictModel):
    name: str = Field(min_length=1, max_length=200)
    url: HttpUrlText
    interval: float | None = Field(default=None, gt=0, le=7 * 86400)
    """Seconds between polls; the feed's own `ttl` / `sy:updatePeriod` is a lower bound."""
    tags: tuple[str, ...] = ()
    """Added to every article from this feed."""
    fetch_pages: bool = True
    """Fetch each entry's linked page; off: index what the feed gives (`feed-only`)."""


class HttpSettings(StrictModel):
    user_agent: str = Field(default="newsbeam/0.1 (news feed monitor)", min_length=1)
    connect_timeout: float = Field(default=10.0, gt=0, le=300)
    read_timeout: float = Field(default=20.0, gt=0, le=300)
    deadline: float = Field(default=60.0, gt=0, le=3600)
    """Total seconds one request may take, redirects and body included."""
    max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    max_redirects: int = Field(default=5, ge=0, le=20)
    allow_private_hosts: tuple[str, ...] = ()
    """Host names or IP addresses that may resolve to loopback, private or link-local addresses."""
    ca_certs: str | None = None
    """A PEM file of CA certificates to trust instead of the system's (TLS is always verified)."""

    @field_validator("ca_certs")
    @classmethod
    def _readable_pem(cls, value: str | None) -> str | None:
        if value is None:
            return None
        import ssl

        try:
            ssl.create_default_context(cafile=value)
        except FileNotFoundError:
            raise ValueError("file not found") from None
        except (OSError, ssl.SSLError):
            raise ValueError("not a readable PEM file of CA certificates") from None
        return value


class PolitenessSettings(StrictModel):
    max_concurrent_per_host: int = Field(default=2, ge=1, le=32)
    min_delay_per_host: float = Field(default=1.0, ge=0, le=600)
    """Seconds between the starts of two requests to the same host."""
    robots_txt: bool = True
    max_page_attempts: int = Field(default=5, ge=1, le=100)
    """Polls on which an unfetchable page is tried again before it becomes a dead letter."""


class PollingSettings(StrictModel):
    interval: float = Field(default=300.0, gt=0, le=7 * 86400)
    """Default seconds between polls of a feed."""
    tick: float = Field(default=5.0, gt=0, le=3600)
    """How often the pipeline checks which feeds are due."""
    max_backoff: float = Field(default=3600.0, gt=0, le=7 * 86400)
    """Cap of the exponential backoff after errors (a `Retry-After` may ask for longer, up to a day)."""
    remember_entries: int = Field(default=2000, ge=10, le=1_000_000)
    """Entries remembered per feed for de-duplication (oldest forgotten first)."""
    remember_days: float = Field(default=30.0, gt=0, le=3650)
    """An entry no longer in its feed is forgotten after this many days."""
    max_entries_per_poll: int = Field(default=500, ge=1, le=100_000)
    """Entries taken from one poll of a feed, the newest first; a feed listing more is trimmed (and logged)."""
    adaptive: bool = False
    """Poll each feed (without an `interval` of its own) as often as it publishes, within the bounds below."""
    min_interval: float = Field(default=300.0, gt=0, le=7 * 86400)
    max_interval: float = Field(default=86400.0, gt=0, le=30 * 86400)

    @model_validator(mode="after")
    def _bounds_in_order(self) -> PollingSettings:
        if self.min_interval > self.max_interval:
            raise ValueError("min_interval must not be above max_interval")
        return self


class FeedsConfig(StrictModel):
    feeds: tuple[Feed, ...] = Field(min_length=1)
    http: HttpSettings = HttpSettings()
    politeness: PolitenessSettings = PolitenessSettings()
    polling: PollingSettings = PollingSettings()

    @model_validator(mode="after")
    def _unique_names(self) -> FeedsConfig:
        seen: set[str] = set()
        for index, feed in enumerate(self.feeds):
            if feed.name in seen:
                # The name keys the feed's polling state, so two feeds cannot share it.
                raise ValueError(f"feeds.{index} ({feed.name!r}): name: used by an earlier feed")
            seen.add(feed.name)
        return self

    def interval_of(self, feed: Feed) -> float:
        return feed.interval if feed.interval is not None else self.polling.interval


def load_feeds(path: str | os.PathLike[str] = DEFAULT_FEEDS) -> FeedsConfig:
    """Read and validate the feeds file; raise `ConfigError` naming the entry and field."""
    source = Path(path)
    data = read_yaml(source, "feeds file")

    def place(loc: Location) -> str:
        # A feed is named by its index and its name: "feeds.3 ('Example News').url".
        if len(loc) >= 2 and loc[0] == "feeds" and isinstance(loc[1], int):
            return f"feeds.{loc[1]}{_name_of(data, loc[1])}" + "".join(f".{part}" for part in loc[2:])
        return dotted(loc)

    return validated(FeedsConfig, data, source=source, contents="feeds configuration", place=place)


def _name_of(data: Any, index: int) -> str:
    try:
        name = data["feeds"][index]["name"]
    except (KeyError, IndexError, TypeError):
        return ""
    return f" ({name!r})" if isinstance(name, str) else ""
