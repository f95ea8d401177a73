"""What the line model keeps far before the article, cut off from it by a long run of furniture, is not the article."""

from __future__ import annotations

from pipelines.extraction.dumps.detached_text import DETACHING_RUN, detached_before
from pipelines.extraction.dumps.lines import Line, LineKind

SUMMARY = "A California sheriff says a woman who was held captive for three weeks is unable to describe her abductors."


def _lines(kinds: list[LineKind]) -> list[Line]:
    return [Line(SUMMARY if kind == LineKind.CONTENT else "Settings", index, True, kind=kind) for index, kind in enumerate(kinds)]


KEPT, DROPPED = LineKind.CONTENT, LineKind.BOILERPLATE


def test_a_stream_of_summaries_cut_off_by_a_long_run_of_furniture_is_detached() -> None:
    kinds = [DROPPED, KEPT, DROPPED, KEPT, *[DROPPED] * DETACHING_RUN, KEPT, KEPT]
    lines = _lines(kinds)
    start = len(kinds) - 2
    assert [line.position for line in detached_before(lines, start)] == [1, 3]


def test_a_standfirst_a_shorter_run_before_the_article_stays() -> None:
    kinds = [KEPT, *[DROPPED] * (DETACHING_RUN - 1), KEPT, KEPT]
    assert detached_before(_lines(kinds), len(kinds) - 2) == []


def test_only_what_lies_before_the_last_long_run_is_detached() -> None:
    kinds = [KEPT, *[DROPPED] * DETACHING_RUN, KEPT, *[DROPPED] * DETACHING_RUN, KEPT, DROPPED, KEPT]
    lines = _lines(kinds)
    start = len(kinds) - 1
    assert [line.position for line in detached_before(lines, start)] == [0, DETACHING_RUN + 1]


def test_nothing_after_the_articles_start_is_detached() -> None:
    kinds = [KEPT, *[DROPPED] * DETACHING_RUN, KEPT]
    lines = _lines(kinds)
    assert detached_before(lines, 0) == []
    assert detached_before(lines, len(kinds) - 1) == [lines[0]]
