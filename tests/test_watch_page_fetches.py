"""A page fetch in flight answers as its feed's entry log would, and the log learns what it did."""

from __future__ import annotations

import itertools

import pytest

from connectors.feeds.entry_log import EntryLog
from connectors.feeds.parsing import FeedEntry
from foundation.records import SourceHints
from pipelines.page_fetches import Outcome, keep_outcomes, record_outcomes, take_outcomes
from pipelines.worker_state import new_token

ENTRY = FeedEntry("guid-1", "http://127.0.0.1/story", SourceHints(title="A story"))


def _log(max_attempts: int) -> EntryLog:
    log = EntryLog(max_entries=10, max_age=3600, max_attempts=max_attempts)
    log.select([ENTRY], 0)
    return log


@pytest.mark.parametrize("max_attempts", [1, 2, 3])
@pytest.mark.parametrize("fetches", list(itertools.product([False, True], repeat=3)))
def test_an_outcome_gives_up_exactly_when_the_entry_log_would(max_attempts: int, fetches: tuple[bool, ...]) -> None:
    log = _log(max_attempts)
    for done in fetches:
        outcome = Outcome(log.attempts(ENTRY.key), log.gives_up)
        in_flight = outcome.page_attempted(ENTRY.key, done=done)
        assert outcome.attempts(ENTRY.key) == log.attempts(ENTRY.key) + 1
        assert in_flight == log.page_attempted(ENTRY.key, done=done), (max_attempts, fetches)
        if in_flight:
            return


def test_the_retry_limit_is_the_entry_logs_own() -> None:
    generous, strict = _log(5), _log(1)
    assert Outcome(0, strict.gives_up).page_attempted(ENTRY.key, done=False) is True
    assert Outcome(0, generous.gives_up).page_attempted(ENTRY.key, done=False) is False
    outcome = Outcome(0, generous.gives_up)
    generous.max_attempts = 1
    assert outcome.page_attempted(ENTRY.key, done=False) is True, "the outcome asks the log, it keeps no copy of the limit"


def test_the_outcomes_reach_the_entry_log_at_the_next_tick_only_under_the_fetches_token() -> None:
    log = _log(3)
    token = new_token()
    keep_outcomes("news", "harbour.xml", token, {ENTRY.key: False})
    assert take_outcomes("news", "other.xml", token) is None, "another feed's outcomes are not these"
    assert take_outcomes("news", "harbour.xml", new_token()) is None, "a retried bundle's token: refetched, not trusted"
    keep_outcomes("news", "harbour.xml", token, {ENTRY.key: True})
    outcomes = take_outcomes("news", "harbour.xml", token)
    assert outcomes == {ENTRY.key: True}
    record_outcomes(log, outcomes)
    assert log.attempts(ENTRY.key) == 1 and log.select([], 1) == [], "fetched: no longer pending"
