"""Which story each article joins, and what the index must learn when a story grows (plain Python, no Beam).

`StoryAssigner` keeps, for a window of recent articles (one window and one cap for all of it):
- the `StoryIndex` of their signatures;
- the stories they belong to: id, first seen, first publisher, members and outlets;
- what was sent on under each id (`SentLog`, in columns beside the index), so that the same id
  again (an exact duplicate: the same page read twice, or the same text without a URL) is told
  apart from a new copy without holding the articles themselves.

Most articles stand alone, so their memory is kept small (the window holds up to 100,000 of
them): a story of one article is not kept as a story until a second one joins, its figures wait
in what was sent under its id; members and outlets are tuples while a story is small (a set
takes 216 bytes even for one); what was sent keeps 64-bit digests of the content hash and of the
source rather than the strings; publishers and outlets are interned.

An article joins, in this order: the story the index already has it in (a re-run keeps story ids
stable), the story of its best verified match in the window, or the story of its best verified
match among the indexed candidates given with it (older articles, other workers). Otherwise it
starts a story of its own. When a story gains a member, the other members it knows get a
`StoryUpdate` with the new figures (all of them up to 16 members, then the first article, and
all at each doubling: see `_to_update`); a story first met in the index has its members read once
(`load_members`) so that its figures count them all.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from connectors.elasticsearch.stories import IndexedArticle, IndexedMember
from foundation.records import Article, StoryUpdate
from pipelines.stories.index import DEFAULT_MAX_ENTRIES, DEFAULT_WINDOW, StoryIndex
from pipelines.stories.sent import Rank, Sent, SentLog
from pipelines.stories.signature import Signature
from pipelines.stories.stored import decode, signature_of

log = logging.getLogger(__name__)

MemberLoader = Callable[[str], list[IndexedMember] | None]
"""A story's indexed members, or None when they cannot be read now."""
_Few = tuple[str, ...] | set[str]
"""Members or outlets: a tuple while few, a set beyond `_TUPLE_UP_TO`."""
_TUPLE_UP_TO = 8
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
EVERY_MEMBER_UP_TO = 16
"""Stories up to this size update every member as they grow (see `_to_update`)."""


@dataclass(slots=True)
class _Story:
    id: str
    first_seen: str | None
    first_publisher: str | None
    members: _Few
    outlets: _Few
    touched: float
    indexed_size: int = 0
    """Figures the index gave, kept as floors until (or when it fails) reading its members."""
    indexed_outlets: int = 0
    complete: bool = True

    @property
    def size(self) -> int:
        return max(len(self.members), self.indexed_size)

    @property
    def outlet_count(self) -> int:
        return max(len(self.outlets), self.indexed_outlets, 1)

    @property
    def alone(self) -> bool:
        """Only its first article, nothing known from the index: kept in what was sent under that article's id alone."""
        return self.complete and not self.indexed_size and self.members == (self.id,)


@dataclass(frozen=True)
class Assignment:
    """The article with its story fields (None: an exact duplicate, not to be indexed again) and
    the partial updates for the other members of a story that grew."""

    article: Article | None
    updates: list[StoryUpdate]


class StoryAssigner:
    """`assign` each article in arrival order; `prefer_complete` (replay) keeps the longest copy of
    an id, otherwise (watch) a changed text under the same id is sent on as an update."""

    def __init__(
        self, *, window: timedelta = DEFAULT_WINDOW, max_entries: int = DEFAULT_MAX_ENTRIES, prefer_complete: bool = False
    ) -> None:
        self._index = StoryIndex(window=window, max_entries=max_entries)
        self._prefer_complete = prefer_complete
        self._sent = SentLog(self._index)
        self._stories: OrderedDict[str, _Story] = OrderedDict()

    def __len__(self) -> int:
        """Articles in the window."""
        return len(self._sent)

    def assign(
        self,
        article: Article,
        indexed: Sequence[IndexedArticle] = (),
        now: datetime | None = None,
        load_members: MemberLoader | None = None,
    ) -> Assignment:
        now = now or datetime.now(UTC)
        self._evict(now)
        sent = self._sent.get(article.id)
        if sent is not None and (kept := self._story(sent.story_id)) is not None:
            return self._again(article, sent, kept, now)
        signature = signature_of(article)
        story, near = self._find(article, signature, indexed, now)
        self._index.add(article.id, signature, now, story.id)
        updates = self._join(story, article, now, load_members)
        sent_on = self._send(article, story, near, now)
        self._evict(now)
        return Assignment(sent_on, updates)

    def _story(self, story_id: str) -> _Story | None:
        """The story in the window, made from what was sent under its first article's id if it stood alone until now."""
        story = self._stories.get(story_id)
        if story is not None:
            return story
        first = self._sent.get(story_id)
        if first is None or first.outlet is None:
            return None
        story = _Story(story_id, first.first_seen, first.first_publisher, (story_id,), (first.outlet,), first.at)
        self._stories[story_id] = story
        self._sent.no_longer_alone(story_id)
        return story

    def _again(self, article: Article, sent: Sent, story: _Story, now: datetime) -> Assignment:
        """The same id within the window: a duplicate, or a text that replaces the one sent."""
        if _digest(article.content_hash) == sent.content or (sent.rank is not None and _rank(article) <= sent.rank):
            return Assignment(None, [])
        self._index.add(article.id, signature_of(article), now, story.id)
        self._join(story, article, now, None)
        return Assignment(self._send(article, story, sent.near_duplicate_of, now), [])

    def _find(self, article: Article, signature: Signature, indexed: Sequence[IndexedArticle], now: datetime) -> tuple[_Story, str | None]:
        own = next((candidate for candidate in indexed if candidate.id == article.id and candidate.story_id), None)
        if own is not None:
            return self._adopt(own, now), own.near_duplicate_of
        found = self._index.match(signature)
        if found is not None and (story := self._story(found.story_id)) is not None:
            return story, found.near_duplicate_of
        best = self._best_indexed(signature, indexed)
        if best is not None:
            candidate, near = best
            return self._adopt(candidate, now), near
        return _Story(article.id, _first_seen(article, now), _publisher(article), (), (), now.timestamp()), None

    def _best_indexed(self, signature: Signature, indexed: Sequence[IndexedArticle]) -> tuple[IndexedArticle, str] | None:
        """The indexed candidate the window's own rules would match (a small index of the candidates alone)."""
        usable: list[tuple[IndexedArticle, Signature]] = []
        for candidate in indexed:
            if not (candidate.minhash and candidate.shingles and candidate.story_id):
                continue
            try:
                usable.append((candidate, decode(candidate.minhash, candidate.shingles)))
            except ValueError as exc:
                log.debug("indexed article %s: unusable stored signature (%s)", candidate.id, exc)
        if not usable:
            return None
        window = self._index
        probe = StoryIndex(
            window=window.window,
            max_entries=len(usable),
            jaccard_threshold=window.jaccard_threshold,
            containment_threshold=window.containment_threshold,
            min_shingles=window.min_shingles,
        )
        for candidate, stored in usable:
            probe.add(candidate.id, stored, _EPOCH, candidate.story_id)
        found = probe.match(signature)
        if found is None:
            return None
        return next(candidate for candidate, _ in usable if candidate.id == found.near_duplicate_of), found.near_duplicate_of

    def _adopt(self, candidate: IndexedArticle, now: datetime) -> _Story:
        """The candidate's story: the one in memory, or one made from the figures the index holds."""
        assert candidate.story_id is not None
        story = self._story(candidate.story_id)
        if story is None:
            story = _Story(
                candidate.story_id,
                candidate.first_seen,
                _interned(candidate.first_publisher),
                (),
                (),
                now.timestamp(),
                indexed_size=candidate.story_size,
                indexed_outlets=candidate.story_outlets,
                complete=False,
            )
            self._stories[story.id] = story
        story.members = _with(story.members, candidate.id)
        return story

    def _join(self, story: _Story, article: Article, now: datetime, load_members: MemberLoader | None) -> list[StoryUpdate]:
        story.touched = now.timestamp()
        if story.id in self._stories:
            self._stories.move_to_end(story.id)
        if article.id in story.members:
            return []
        if not story.complete:
            story.complete = self._read_members(story, load_members)
        story.members = _with(story.members, article.id)
        story.outlets = _with(story.outlets, _outlet(article.publisher, article.url, article.id))
        if not story.complete:
            story.indexed_size += 1
        if not story.alone and story.id not in self._stories:
            self._stories[story.id] = story
        return [StoryUpdate(member, story.size, story.outlet_count) for member in _to_update(story, article.id)]

    def _read_members(self, story: _Story, load_members: MemberLoader | None) -> bool:
        members = load_members(story.id) if load_members is not None else None
        if members is None:
            return False
        for member in members:
            story.members = _with(story.members, member.id)
            story.outlets = _with(story.outlets, _outlet(member.publisher, member.url, member.id))
        return True

    def _send(self, article: Article, story: _Story, near: str | None, now: datetime) -> Article:
        rank = _rank(article) if self._prefer_complete else None
        alone = (story.first_seen, story.first_publisher, story.outlets[0]) if story.alone and isinstance(story.outlets, tuple) else ()
        self._sent.put(article.id, Sent(story.id, near, _digest(article.content_hash), rank, now.timestamp(), *alone))
        return replace(
            article,
            story_id=story.id,
            story_size=story.size,
            story_outlets=story.outlet_count,
            first_seen=story.first_seen,
            first_publisher=story.first_publisher,
            near_duplicate_of=near if near != article.id else None,
        )

    def _evict(self, now: datetime) -> None:
        """The window's limits for what is kept besides the signatures: a story lives as long as its last joiner."""
        oldest = (now - self._index.window).timestamp()
        cap = self._index.max_entries
        self._index.evict(now)
        self._sent.evict(oldest, cap)
        while self._stories:
            first_story = next(iter(self._stories.values()))
            if first_story.touched >= oldest and len(self._stories) <= cap:
                break
            self._stories.popitem(last=False)


def _to_update(story: _Story, joiner: str) -> list[str]:
    """The members whose figures a new member changes: all of a small story; of a big one, its
    first article always and all at each doubling. Updating every member at every growth costs
    the square of the story's size (a wire story carried by a thousand sites would cost half a
    million updates); this way the total stays within about three per member, the first article
    and the newest copy always hold the exact figures and the others are at most half behind."""
    if story.size <= EVERY_MEMBER_UP_TO or story.size & (story.size - 1) == 0:
        return [member for member in sorted(story.members) if member != joiner]
    return [story.id] if story.id in story.members and story.id != joiner else []


def _rank(article: Article) -> Rank:
    """The most complete copy of an id wins, whatever order the copies come in (as replay always did):
    the longest body, then the latest fetch, then a digest of the source (any fixed order is as good)."""
    return min(len(article.body), 2**32 - 1) << 32 | _fetched_seconds(article.fetched_at), _digest(article.source)


def _fetched_seconds(fetched_at: str | None) -> int:
    """POSIX seconds of a fetch time, 0 when there is none or it cannot be read, within 32 bits."""
    try:
        fetched = datetime.fromisoformat(fetched_at) if fetched_at else None
    except ValueError:
        return 0
    if fetched is None:
        return 0
    seconds = int((fetched if fetched.tzinfo else fetched.replace(tzinfo=UTC)).timestamp())
    return min(max(seconds, 0), 2**32 - 1)


def _digest(text: str) -> int:
    """64 bits of BLAKE2b: not Python's `hash`, which differs from process to process."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def _with(few: _Few, item: str) -> _Few:
    if item in few:
        return few
    if isinstance(few, set):
        few.add(item)
        return few
    return (*few, item) if len(few) < _TUPLE_UP_TO else {*few, item}


def _interned(text: str | None) -> str | None:
    return sys.intern(text) if text else text


def _first_seen(article: Article, now: datetime) -> str:
    return article.published_at or article.fetched_at or _seconds_iso(now.replace(microsecond=0))


@lru_cache(maxsize=4)
def _seconds_iso(now: datetime) -> str:
    """One string for the articles of the same second: a window of undated articles keeps it once, not each."""
    return now.isoformat(timespec="seconds")


def _host(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _publisher(article: Article) -> str | None:
    return _interned(article.publisher or _host(article.url))


def _outlet(publisher: str | None, url: str | None, article_id: str) -> str:
    """What tells outlets apart: the publisher's name, else the site; an article with neither counts as an outlet of its own."""
    if publisher and publisher.strip():
        return sys.intern(publisher.strip().casefold())
    host = _host(url)
    return sys.intern(host) if host else f"#{article_id}"
