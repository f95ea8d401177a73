"""Paragraphs of prose the line model dropped between the article's kept lines are the article's."""

from __future__ import annotations

from pipelines.extraction.dumps.lines import Line, LineKind
from pipelines.extraction.dumps.prose_gaps import (
    BLOCK_END_CHANCE,
    GAP_UNITS,
    HEADING_CHANCE,
    ITEM_CHANCE,
    SENTENCE_CHANCE,
    STANDFIRST_UNITS,
    headings_between,
    items_between,
    openers_cut_off,
    prose_between,
    sentences_before,
    sentences_between,
    sentences_closing_block,
)

PROSE = (
    "Probes were launched across the universe, and the scientists scrutinised the data they sent back. "
    "The search took generations, while the planet's storms raged on below them."
)
CAPTION = "(Artist: Painter)"
ADVERT = "Advertisement"
TEASER = "The Spectacular Story Of Metroid, Part 2"


def _lines(spec: list[tuple[str, LineKind]]) -> list[Line]:
    return [Line(text, index, True, kind=kind) for index, (text, kind) in enumerate(spec)]


def _found(spec: list[tuple[str, LineKind]]) -> list[int]:
    lines = _lines(spec)
    dropped = [line for line in lines if line.kind == LineKind.BOILERPLATE]
    return [line.position for line in prose_between(lines, dropped)]


KEPT, DROPPED = LineKind.CONTENT, LineKind.BOILERPLATE


def test_a_paragraph_between_adverts_and_captions_amid_kept_paragraphs_is_the_articles() -> None:
    spec = [(PROSE, KEPT), (ADVERT, DROPPED), (CAPTION, DROPPED), (PROSE, DROPPED), (ADVERT, DROPPED), (CAPTION, DROPPED), (PROSE, KEPT)]
    assert _found(spec) == [3]


def test_short_lines_and_lines_that_end_no_sentence_stay_dropped() -> None:
    unfinished = PROSE.rstrip(".") + " and"
    spec = [(PROSE, KEPT), (TEASER, DROPPED), (CAPTION, DROPPED), (unfinished, DROPPED), (PROSE, KEPT)]
    assert _found(spec) == []


def test_prose_before_the_first_or_after_the_last_kept_line_stays_dropped() -> None:
    spec = [(PROSE, DROPPED), (PROSE, KEPT), (ADVERT, DROPPED), (PROSE, KEPT), (PROSE, DROPPED)]
    assert _found(spec) == []


def test_a_long_reads_paragraph_amid_runs_of_furniture_is_the_articles() -> None:
    # Between two paragraphs, each printed on its own line: the advertisement's label, a picture's
    # caption and credit, a share row, a teaser and a second advertisement, on each side.
    furniture = [(ADVERT, DROPPED), (CAPTION, DROPPED), (CAPTION, DROPPED), ("Share Tweet Email", DROPPED), (TEASER, DROPPED)] * 2
    spec = [(PROSE, KEPT), *furniture, (PROSE, DROPPED), *furniture, (PROSE, KEPT)]
    assert _found(spec) == [len(furniture) + 1]


def test_prose_farther_than_the_gap_from_a_kept_line_stays_dropped() -> None:
    far = [(PROSE, KEPT), *[(ADVERT, DROPPED)] * GAP_UNITS, (PROSE, DROPPED), (ADVERT, DROPPED), (PROSE, KEPT)]
    near = [(PROSE, KEPT), *[(ADVERT, DROPPED)] * (GAP_UNITS - 1), (PROSE, DROPPED), (ADVERT, DROPPED), (PROSE, KEPT)]
    assert _found(far) == []
    assert _found(near) == [GAP_UNITS]


def _sentences_found(spec: list[tuple[str, LineKind, float]]) -> list[int]:
    lines = [Line(text, index, False, kind=kind, content=chance) for index, (text, kind, chance) in enumerate(spec)]
    return [line.position for line in sentences_between(lines, [line for line in lines if line.kind == LineKind.BOILERPLATE])]


SENTENCE = "The search took generations."
DOUBTED = SENTENCE_CHANCE + 0.1


def test_a_flattened_dumps_sentence_dropped_between_two_kept_ones_is_the_articles() -> None:
    spec = [(PROSE, KEPT, 0.9), (SENTENCE, DROPPED, DOUBTED), (PROSE, KEPT, 0.9), (SENTENCE, DROPPED, DOUBTED), (ADVERT, DROPPED, 0.1)]
    assert _sentences_found(spec) == [1]


def test_a_run_of_doubted_sentences_inside_one_block_between_two_kept_ones_is_the_articles() -> None:
    spec = [(PROSE, KEPT, 0.9), (SENTENCE, DROPPED, DOUBTED), (SENTENCE, DROPPED, DOUBTED), (PROSE, KEPT, 0.9)]
    lines = [Line(text, index, False, kind=kind, content=chance, source=0) for index, (text, kind, chance) in enumerate(spec)]
    found = sentences_between(lines, [line for line in lines if line.kind == LineKind.BOILERPLATE])
    assert [line.position for line in found] == [1, 2]
    # Across blocks, a run the model doubts is a box between two of the article's paragraphs.
    for line, source in zip(lines, (0, 1, 1, 2), strict=True):
        line.source = source
    assert sentences_between(lines, [line for line in lines if line.kind == LineKind.BOILERPLATE]) == []


def test_a_sentence_stays_dropped_beside_furniture_or_when_short_unfinished_or_unlikely() -> None:
    beside_advert = [(PROSE, KEPT, 0.9), (ADVERT, DROPPED, 0.1), (SENTENCE, DROPPED, DOUBTED), (PROSE, KEPT, 0.9)]
    short = [(PROSE, KEPT, 0.9), ("Read on.", DROPPED, DOUBTED), (PROSE, KEPT, 0.9)]
    unfinished = [(PROSE, KEPT, 0.9), (TEASER, DROPPED, DOUBTED), (PROSE, KEPT, 0.9)]
    unlikely = [(PROSE, KEPT, 0.9), (SENTENCE, DROPPED, SENTENCE_CHANCE - 0.1), (PROSE, KEPT, 0.9)]
    for spec in (beside_advert, short, unfinished, unlikely):
        assert _sentences_found(spec) == []


def _closing_found(spec: list[tuple[str, LineKind, float, int]]) -> list[int]:
    lines = [Line(text, index, False, kind=kind, content=chance, source=source) for index, (text, kind, chance, source) in enumerate(spec)]
    return [line.position for line in sentences_closing_block(lines, [line for line in lines if line.kind == LineKind.BOILERPLATE])]


CLOSING = BLOCK_END_CHANCE + 0.1


def test_statements_the_model_doubts_that_close_a_block_after_a_kept_sentence_are_the_articles() -> None:
    # The paragraph's last sentences, read beside the byline and the footer after them.
    spec = [
        (PROSE, KEPT, 0.9, 0),
        (SENTENCE, DROPPED, CLOSING, 0),
        ("It supports his version.", DROPPED, CLOSING, 0),
        ("By Anna Berg", DROPPED, 0.2, 1),
        (PROSE, DROPPED, CLOSING, 2),
    ]
    assert _closing_found(spec) == [1, 2]


def test_a_blocks_closing_run_stays_dropped_unless_it_closes_the_block_after_a_kept_sentence_of_it() -> None:
    after_other_block = [(PROSE, KEPT, 0.9, 0), (SENTENCE, DROPPED, CLOSING, 1), (ADVERT, DROPPED, 0.1, 2)]
    not_closing = [(PROSE, KEPT, 0.9, 0), (SENTENCE, DROPPED, CLOSING, 0), (ADVERT, DROPPED, 0.1, 0)]
    after_dropped = [(PROSE, DROPPED, 0.1, 0), (SENTENCE, DROPPED, CLOSING, 0), (ADVERT, DROPPED, 0.1, 1)]
    for spec in (after_other_block, not_closing, after_dropped):
        assert _closing_found(spec) == []


def test_a_blocks_closing_question_teaser_or_unlikely_sentence_stays_dropped() -> None:
    for text, chance in (
        ("Have you found your own way yet?", CLOSING),
        ("Only when I was forty did I learn...", CLOSING),
        ("Read on.", CLOSING),
        (SENTENCE, BLOCK_END_CHANCE - 0.1),
    ):
        assert _closing_found([(PROSE, KEPT, 0.9, 0), (text, DROPPED, chance, 0), (ADVERT, DROPPED, 0.1, 1)]) == []


def _standfirst_found(spec: list[tuple[str, LineKind, float]], title: int, start: int, *, rest_of_headline: bool = False) -> list[int]:
    lines = [Line(text, index, False, kind=kind, content=chance) for index, (text, kind, chance) in enumerate(spec)]
    dropped = [line for line in lines if line.kind == LineKind.BOILERPLATE]
    return [line.position for line in sentences_before(dropped, title, start, rest_of_headline=rest_of_headline)]


HEADLINE = "Storms Rage On Below The Probes"
BYLINE = "By Anna Berg 10.12.2022 18:27"


def test_a_standfirst_the_model_doubts_between_the_headline_and_the_articles_start_is_the_articles() -> None:
    spec = [
        (HEADLINE, LineKind.TITLE, 0.2),
        (SENTENCE, DROPPED, DOUBTED),
        (SENTENCE, DROPPED, DOUBTED),
        (BYLINE, DROPPED, 0.1),
        (PROSE, KEPT, 0.9),
    ]
    assert _standfirst_found(spec, title=0, start=4) == [1, 2]


def test_sentences_far_from_the_headline_questions_and_unlikely_ones_stay_dropped() -> None:
    far = [(HEADLINE, LineKind.TITLE, 0.2), *[(BYLINE, DROPPED, 0.1)] * STANDFIRST_UNITS, (SENTENCE, DROPPED, DOUBTED), (PROSE, KEPT, 0.9)]
    assert _standfirst_found(far, title=0, start=STANDFIRST_UNITS + 2) == []
    question = [(HEADLINE, LineKind.TITLE, 0.2), ("OnePlus 3T vs OnePlus 3: what's the difference?", DROPPED, DOUBTED), (PROSE, KEPT, 0.9)]
    unlikely = [(HEADLINE, LineKind.TITLE, 0.2), (SENTENCE, DROPPED, SENTENCE_CHANCE - 0.1), (PROSE, KEPT, 0.9)]
    for spec in (question, unlikely):
        assert _standfirst_found(spec, title=0, start=2) == []


def test_the_rest_of_the_unit_the_headline_was_cut_from_is_the_standfirst_where_it_is_a_statement() -> None:
    # The headline cut from the front of unit 0: what followed it there is left in the unit.
    spec = [(SENTENCE, DROPPED, DOUBTED), (SENTENCE, DROPPED, DOUBTED), (BYLINE, DROPPED, 0.1), (PROSE, KEPT, 0.9)]
    assert _standfirst_found(spec, title=0, start=3, rest_of_headline=True) == [0, 1]
    # A unit the headline was not cut from (it holds the headline, or is the menu before it) is not.
    assert _standfirst_found(spec, title=0, start=3) == [1]
    dated = [("15. Juni 2022 *Werbung.", DROPPED, DOUBTED), (PROSE, KEPT, 0.9)]
    assert _standfirst_found(dated, title=0, start=1, rest_of_headline=True) == []


def test_sentences_before_the_headline_or_after_the_start_are_not_its_standfirst() -> None:
    spec = [(SENTENCE, DROPPED, DOUBTED), (HEADLINE, LineKind.TITLE, 0.2), (PROSE, KEPT, 0.9), (SENTENCE, DROPPED, DOUBTED)]
    assert _standfirst_found(spec, title=1, start=2) == []


def _items_found(spec: list[tuple[str, LineKind, float]], start: int) -> list[int]:
    lines = [Line(text, index, False, kind=kind, content=chance) for index, (text, kind, chance) in enumerate(spec)]
    items = [index for index, (text, _, _) in enumerate(spec) if text.startswith("* ")]
    return [line.position for line in items_between(lines, items, start)]


LIKELY = ITEM_CHANCE + 0.1


def test_a_run_of_short_items_between_two_kept_lines_after_the_start_is_the_articles_list() -> None:
    spec = [(PROSE, KEPT, 0.9), ("* three winters", DROPPED, LIKELY), ("* weekly readings", DROPPED, ITEM_CHANCE), (PROSE, KEPT, 0.9)]
    assert _items_found(spec, start=0) == [1, 2]


def test_items_stay_dropped_before_the_start_beside_furniture_or_when_unlikely() -> None:
    before_start = [("* Home", DROPPED, LIKELY), ("* World", DROPPED, LIKELY), (PROSE, KEPT, 0.9), (PROSE, KEPT, 0.9)]
    assert _items_found([(PROSE, KEPT, 0.9), *before_start], start=3) == []
    beside_advert = [(PROSE, KEPT, 0.9), ("* three winters", DROPPED, LIKELY), (ADVERT, DROPPED, 0.1), (PROSE, KEPT, 0.9)]
    assert _items_found(beside_advert, start=0) == []
    unlikely = [(PROSE, KEPT, 0.9), ("* Home", DROPPED, 0.1), ("* World", DROPPED, ITEM_CHANCE), (PROSE, KEPT, 0.9)]
    assert _items_found(unlikely, start=0) == []


def _headings_found(spec: list[tuple[str, LineKind, float]], start: int) -> list[int]:
    lines = [Line(text, index, False, kind=kind, content=chance) for index, (text, kind, chance) in enumerate(spec)]
    short = [index for index, (text, _, _) in enumerate(spec) if len(text.split()) < 5]
    return [line.position for line in headings_between(lines, short, start)]


def test_a_likely_capitalised_word_between_two_kept_paragraphs_after_the_start_is_a_subheading() -> None:
    assert _headings_found([(PROSE, KEPT, 0.9), ("Background", DROPPED, HEADING_CHANCE), (PROSE, KEPT, 0.9)], start=0) == [1]
    assert _headings_found([(PROSE, KEPT, 0.9), ("How the dredging works", DROPPED, HEADING_CHANCE), (PROSE, KEPT, 0.9)], start=0) == [1]


def test_a_word_stays_dropped_before_the_start_beside_furniture_unlikely_or_not_a_plain_word() -> None:
    likely = HEADING_CHANCE + 0.1
    assert _headings_found([(PROSE, KEPT, 0.9), ("Home", DROPPED, likely), (PROSE, KEPT, 0.9), (PROSE, KEPT, 0.9)], start=2) == []
    assert _headings_found([(PROSE, KEPT, 0.9), ("Background", DROPPED, likely), (ADVERT, DROPPED, 0.1), (PROSE, KEPT, 0.9)], start=0) == []
    assert _headings_found([(PROSE, KEPT, 0.9), ("Background", DROPPED, HEADING_CHANCE - 0.1), (PROSE, KEPT, 0.9)], start=0) == []
    for word in ("GIS", "532", "BVINEWS.COM", "aja/PAP", "and the cooperatives"):
        assert _headings_found([(PROSE, KEPT, 0.9), (word, DROPPED, likely), (PROSE, KEPT, 0.9)], start=0) == []


def _openers(spec: list[tuple[str, LineKind, bool]]) -> list[tuple[int, int]]:
    lines = [Line(text, index, False, kind=kind, glued=glued) for index, (text, kind, glued) in enumerate(spec)]
    dropped = [line for line in lines if line.kind == LineKind.BOILERPLATE]
    return [(word.position, opened.position) for word, opened in openers_cut_off(lines, dropped, frozenset({"the", "in"}))]


def test_a_names_first_word_cut_off_the_sentence_it_opens_goes_back_to_it() -> None:
    spec = [("Print", DROPPED, True), ("Harbourside", DROPPED, True), ("Holdings said on Monday it will close the bridge.", KEPT, True)]
    assert _openers(spec) == [(1, 2)]


def test_a_word_before_a_sentence_that_opens_on_its_own_stays_dropped() -> None:
    # A stop word opens the sentence; a word in capitals is a label; a sentence end or a block the
    # converter printed apart (not glued) parts them; a dropped line after the word is no sentence of the article's.
    assert _openers([("Harbourside", DROPPED, True), ("The bridge will close on Monday.", KEPT, True)]) == []
    assert _openers([("ADVERTISEMENT", DROPPED, True), ("Holdings said on Monday it will close.", KEPT, True)]) == []
    assert _openers([("Harbourside", DROPPED, True), ("Holdings said on Monday it will close.", KEPT, False)]) == []
    assert _openers([("Harbourside", DROPPED, True), ("Holdings said on Monday it will close.", DROPPED, True)]) == []
    assert _openers([("Harbourside", DROPPED, True), ("Holdings Ltd said it will close.", KEPT, True)]) == []
