"""Block boundaries in a dump that flattened the whole page onto one line: how the training data
marks them, how well the shipped model finds them on pages it never saw, and what the dump reader
does with the blocks (paragraphs of their own, the headline read across a wrong cut)."""

from __future__ import annotations

import numpy as np
import pytest
import trafilatura

from bench.corpus import generate
from bench.train_block_breaks import flattened
from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dumps import block_breaks
from pipelines.extraction.dumps.headlines import search as dump_headline
from pipelines.extraction.dumps.lines import Line
from pipelines.extraction.dumps.units import split_units
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU


def test_training_marks_a_boundary_at_every_block_edge_and_nowhere_else() -> None:
    html = "<html><body><ul><li>Home</li><li>World news</li></ul><h1>Big <b>storm</b> hits</h1><p>It rained. A lot.</p></body></html>"
    tokens, breaks = flattened(html)
    assert tokens == ["Home", "World", "news", "Big", "storm", "hits", "It", "rained.", "A", "lot."]
    assert breaks.tolist() == [True, False, True, False, False, True, False, False, False]


def test_the_model_finds_block_edges_on_pages_it_never_saw() -> None:
    # Generated pages of another seed than the training's: menus, headline, byline, paragraphs, teasers, footer.
    found = true = hits = 0
    for doc in generate(12, seed=23, kind="html", html_kb=(8, 20)):
        tokens, breaks = flattened(doc.content)
        gaps, x = block_breaks.gap_features(tokens)
        cuts = np.zeros(len(breaks), dtype=bool)
        cuts[gaps] = block_breaks.load().probabilities(x) > block_breaks.THRESHOLD
        found += int(cuts.sum())
        true += int(breaks.sum())
        hits += int((cuts & breaks).sum())
    assert hits / found >= 0.8, "most cuts are block edges"
    assert hits / true >= 0.5, "most block edges are found"


def test_a_line_holding_the_whole_page_is_cut_into_blocks_a_long_paragraph_is_not() -> None:
    flat = split_units(" ".join([*MENU, HEADLINE, *ARTICLE, *FOOTER]))
    assert all(unit.flat for unit in flat)
    # The menu does not open the lede's unit, and the blocks are paragraphs of their own.
    assert any(unit.text.startswith("The harbour authority on Tuesday") for unit in flat)
    assert len({unit.source for unit in flat}) > 3

    paragraph = " ".join(ARTICLE * 2)
    layout = split_units("\n".join([*MENU, HEADLINE, paragraph, paragraph, paragraph, *FOOTER]))
    assert not any(unit.flat or unit.glued for unit in layout)
    assert len({unit.source for unit in layout}) == len(MENU) + 1 + 3 + len(FOOTER)


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("Archives 25 December 2015 Share", "December"),
        ("over gun laws 23 July 2015 Video", "23"),
        ("Hazel Sheffield Friday 25 December 2015", "Friday"),
        ("filed on Nov. 25 in court", "Nov."),
        ("By Anna Berg April 5, 2018 | 6:00 PM ET Tags", "6:00"),
        ("von Anna Berg 26.04.2022 13:04 Uhr Die Polizei", "13:04"),
        ("Updated Dec. 7, 2024, 12:43 PM UTC By Stella Kim", "PM"),
    ],
)
def test_a_dates_month_keeps_its_day_and_year_and_a_clock_its_unit_and_zone(text: str, left: str) -> None:
    # The model reads a digit after a word, or a capital after a digit, as a likely boundary; no gap is offered there.
    tokens = text.split()
    gaps, _ = block_breaks.gap_features(tokens)
    assert tokens.index(left) not in gaps.tolist()


def test_headline_split_by_a_wrong_cut_is_read_whole_and_its_blocks_leave_the_body() -> None:
    # The cuts fall inside the headline ("…dredging" | "of the northern channel"), as a model may cut a
    # title-case run; the headline is read on the sentence as printed and mapped back onto the blocks.
    pieces = ["Home World Politics", "Harbour authority approves dredging", "of the northern channel By Anna Berg", ARTICLE[0]]
    lines = [Line(text, i, False, glued=i > 0, content=0.95 if i == 3 else 0.1) for i, text in enumerate(pieces)]
    lines += [Line(text, len(pieces) + i, False, content=0.95) for i, text in enumerate(ARTICLE[1:])]
    start, found = dump_headline.locate_headline(lines, None)
    assert start is not None
    assert found is not None and found.text == HEADLINE
    assert (found.first, found.line) == (0, 2)
    assert pieces[2][found.end :].strip() == "By Anna Berg"


def test_flattened_page_gives_its_headline_and_its_article_without_menu_or_footer() -> None:
    dump = trafilatura.html2txt(
        "<html><body><nav>" + "".join(f"<a href='/{m}'>{m}</a> " for m in MENU) + f"</nav><h1>{HEADLINE}</h1>"
        "<p>By Anna Berg</p>" + "".join(f"<p>{p}</p>" for p in ARTICLE * 2) + "<footer>" + " ".join(FOOTER) + "</footer></body></html>"
    )
    assert "\n" not in dump
    article = extract(RawDocument(source="test", content=dump.encode()))
    assert article.title == HEADLINE
    assert article.body.startswith("The harbour authority on Tuesday")
    assert "Subscribe" not in article.body and "Privacy policy" not in article.body
