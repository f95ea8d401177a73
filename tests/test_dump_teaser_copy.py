"""A dump that opens on the page's `<title>` and prints a stream of teasers above the article, the
article's own among them, starts the article under the `<title>`'s last copy, above its densest text."""

from __future__ import annotations

from pipelines.extraction.dumps.headlines.article_body import past_teaser_copy
from pipelines.extraction.dumps.lines import Line, LineKind
from pipelines.extraction.text_keys import text_key

HEADLINE = "Cargo ship breaks up over Siberia after launch"
PROSE = "The unmanned cargo craft broke up in the atmosphere minutes after its launch, the space agency said on Thursday."


def _lines(rows: list[tuple[str, float]]) -> tuple[list[Line], list[str]]:
    lines = [Line(text, index, True, content=content) for index, (text, content) in enumerate(rows)]
    return lines, [text_key(line.text) for line in lines]


def _stream() -> list[tuple[str, float]]:
    rows = [(HEADLINE, 0.2), ("Home", 0.0), ("Mail", 0.0), ("News", 0.0)]
    # The stream: the article's teaser and others', each a headline, a blurb and its comments' count.
    rows += [(HEADLINE, 0.4), (PROSE, 0.7), ("11 Comments", 0.1)]
    for number in range(6):
        rows += [(f"Another story number {number} in the stream", 0.4), (PROSE.replace("cargo", f"teaser {number}"), 0.8)]
    rows += [("Sponsored", 0.1), ("Weather", 0.0), ("Videos", 0.0)]
    return rows


def test_the_article_starts_under_the_titles_last_copy_above_its_densest_text() -> None:
    rows = [*_stream(), (HEADLINE, 0.5), *[(PROSE + f" Paragraph {n} adds more of the story's long text.", 0.95) for n in range(12)]]
    lines, keys = _lines(rows)
    copy = len(_stream())
    assert past_teaser_copy(lines, 5, keys) == copy + 1


def test_a_copy_far_from_the_densest_text_or_a_first_line_that_is_no_title_changes_nothing() -> None:
    # The headline printed again in the footer, after the article: the start stands.
    article = [(PROSE + f" Paragraph {n} adds more of the story's long text.", 0.95) for n in range(12)]
    rows = [(HEADLINE, 0.2), ("Home", 0.0), (HEADLINE, 0.5), *article, *[("Footer link", 0.0)] * 20, (HEADLINE, 0.3)]
    lines, keys = _lines(rows)
    assert past_teaser_copy(lines, 3, keys) == 3
    # A dump that opens on its menu, not the `<title>`.
    rows = [("Home", 0.0), *_stream()[1:], (HEADLINE, 0.5), *article]
    lines, keys = _lines(rows)
    lines[0].kind = LineKind.BOILERPLATE
    assert past_teaser_copy(lines, 5, keys) == 5
