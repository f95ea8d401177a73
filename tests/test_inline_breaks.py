"""Dumps that print every text node on a line of its own (BeautifulSoup's `get_text("\\n")`): a
sentence is broken at each link, with the space between its words left at one side of the break.
The article comes out whole; dumps printed by block keep their lines as they are."""

from __future__ import annotations

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dumps.inline_breaks import join_inline_breaks
from pipelines.extraction.dumps.units import split_units
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU, TEASERS

# The words the page links inside the article's sentences, as news pages link to earlier stories.
LINKED = ("harbour", "northern channel", "permit", "mussel beds", "freight")


def _text_nodes(paragraph: str) -> list[str]:
    """The paragraph as its text nodes: each linked phrase on a line of its own, the spaces around
    it left at the end of the line before and the start of the line after."""
    lines = [paragraph]
    for phrase in LINKED:
        last = lines[-1]
        at = last.find(f" {phrase} ")
        if at >= 0:
            lines[-1:] = [last[: at + 1], phrase, last[at + 1 + len(phrase) :]]
    return lines


def _node_dump() -> str:
    # Block elements leave lines of white space between them, as the page's indentation does.
    gap = ["      ", ""]
    menu = [line for item in MENU for line in (item, *gap)]
    article = [line for paragraph in ARTICLE for line in (*_text_nodes(paragraph), *gap)]
    related = [line for teaser in ["Related", *TEASERS] for line in (teaser, *gap)]
    footer = [line for item in FOOTER for line in (item, *gap)]
    return "\n".join([*menu, HEADLINE, *gap, "By ", "Anna Berg", *gap, *article, *related, *footer])


def test_a_dump_of_text_nodes_gives_the_whole_article() -> None:
    article = extract(RawDocument(source="test", content=_node_dump().encode()))
    assert article.title == HEADLINE
    for paragraph in ARTICLE:
        assert paragraph in article.body
    assert "Privacy policy" not in article.body and "Ferry fares" not in article.body


def test_lines_broken_at_a_link_are_joined_at_the_space_left_by_the_break() -> None:
    lines = ["Read the ", "full report", " before the vote.", "", "The ", "mayor", " said it was ready."]
    assert join_inline_breaks(lines) == ["Read the full report before the vote.", "", "The mayor said it was ready."]


def test_a_space_between_two_links_inside_a_sentence_is_no_paragraph_break() -> None:
    # The space between `likely</a> <a>to` is a text node of its own; between a menu's links, it stays.
    lines = ["The ", "mayor", " said it was ", "likely", " ", "to", " pass.", "", "Home", " ", "Sport"]
    assert join_inline_breaks(lines) == ["The mayor said it was likely to pass.", "", "Home", " ", "Sport"]


def test_a_mark_that_goes_on_a_sentence_joins_the_link_before_it_without_a_space() -> None:
    # `<a>Read more</a>: <a>…</a>` and `<b>Oslo</b>, the capital`: the mark stands right after the element.
    lines = ["The ", "mayor", " said it was ready.", "", "Read more", ": ", "Harbour permits", "", "Oslo", ", the capital, voted."]
    assert join_inline_breaks(lines) == ["The mayor said it was ready.", "", "Read more: Harbour permits", "", "Oslo, the capital, voted."]


def test_a_line_the_page_source_wrapped_inside_a_text_node_is_joined() -> None:
    # `<p>The people who own the\n        Barcelona lab …</p>`: the source's line break and indentation
    # stay in the text node; a blank line, the white space between two blocks, still parts paragraphs.
    lines = [
        "The ",
        "mayor",
        " said the ",
        "harbour",
        " was ready. The people who own the",
        "        Barcelona lab agreed.",
        "",
        "        Next block.",
    ]
    assert join_inline_breaks(lines) == [
        "The mayor said the harbour was ready. The people who own the Barcelona lab agreed.",
        "",
        "        Next block.",
    ]


def test_reference_marks_and_edit_links_are_glued_to_their_sentence_and_heading() -> None:
    # `standards</a>.<sup>[42]</sup> As of …`, `(codenamed <a>Fennec</a>) is`, `Firefox<span>[<a>edit</a>]</span>`.
    lines = [
        "Firefox",
        "[",
        "edit",
        "]",
        "",
        "Its ",
        "Gecko",
        " engine renders ",
        "web standards",
        ".",
        "[42]",
        " As of 2015 the ",
        "Fennec",
    ]
    lines += [" build (for ", "ARM", ") ships."]
    assert join_inline_breaks(lines) == [
        "Firefox[edit]",
        "",
        "Its Gecko engine renders web standards.[42] As of 2015 the Fennec build (for ARM) ships.",
    ]


def test_breaks_without_spaces_stay_apart_where_no_link_keeps_spaces_at_both_sides() -> None:
    # A block converter's stray spaces pass `MIN_SHARE`; its indented list items and lines opening
    # on a bracket are blocks of their own.
    lines = ["Read the ", "report", "Topics ", "Harbour", "  Ferry times", "Comments", "[3]", "Ferry fares", "."]
    assert join_inline_breaks(lines) == ["Read the report", "Topics Harbour", "  Ferry times", "Comments", "[3]", "Ferry fares", "."]


def test_a_dump_printed_by_block_keeps_its_lines() -> None:
    # One stray trailing space among many breaks between blocks is not a dump of text nodes.
    lines = [f"Paragraph {number} of the story ends here." for number in range(40)]
    lines[10] = "Most read "
    assert join_inline_breaks(lines) is lines


def test_bullets_sentence_ends_and_markdown_line_breaks_stay_apart() -> None:
    broken = ["The ", "mayor", " said"] * 4
    kept = ["* ", "* Home", "It was ready. ", " Then it rained.", "Harbour Road 1  ", " 4100 Northtown"]
    assert join_inline_breaks(broken + kept)[-len(kept) :] == kept


def _stripped_node_dump() -> str:
    """The page as `get_text("\\n", strip=True)` prints it: each text node stripped, no blank lines."""
    nodes = [node.strip() for paragraph in ARTICLE for node in _text_nodes(paragraph)]
    return "\n".join([*MENU, HEADLINE, "By", "Anna Berg", *nodes, "Related", *TEASERS, *FOOTER])


def test_a_dump_of_stripped_text_nodes_gives_the_whole_article() -> None:
    article = extract(RawDocument(source="test", content=_stripped_node_dump().encode()))
    for paragraph in ARTICLE:
        assert paragraph in article.body
    assert "Privacy policy" not in article.body and "Ferry fares" not in article.body


def test_a_sentence_broken_without_spaces_is_joined_up_to_its_end() -> None:
    lines = [
        "Python lets an argument be",
        "optional",
        "by giving it a",
        "Default Value",
        "in its definition. Then",
        "it is set once by",
        "def()",
        "alone.",
    ]
    assert [unit.text for unit in split_units("\n".join(lines))] == [
        "Python lets an argument be optional by giving it a Default Value in its definition. Then it is set once by def() alone."
    ]


def test_a_menu_of_lower_case_items_is_not_joined() -> None:
    menu = ["heise online", "heise Autos", "heise Developer", "heise Foto", "c't"]
    assert [unit.text for unit in split_units("\n".join(menu))] == menu


def test_a_link_inside_brackets_or_quotes_and_a_possessive_after_a_link_are_joined() -> None:
    # `weatherman Phil Connors (<a>Bill Murray</a>) relives …`, `<a>Claire Denis</a>'s graduation work`:
    # the break stands after the opening mark, or before the apostrophe, with no space at either side.
    lines = [
        "The weatherman Phil Connors (",
        "Bill Murray) relives the same day over and over.",
        "It was",
        "Claire Denis",
        "'s graduation work, based on the story \"",
        "12:01 PM",
        '" by Richard Lupoff.',
        "(",
        "Photo",
        "Home",
    ]
    assert [unit.text for unit in split_units("\n".join(lines))] == [
        "The weatherman Phil Connors (Bill Murray) relives the same day over and over.",
        "It was",
        'Claire Denis\'s graduation work, based on the story "12:01 PM" by Richard Lupoff.',
        "(Photo",
        "Home",
    ]


def test_a_straight_quote_that_closes_its_pair_opens_no_link() -> None:
    lines = ['"Bartleby the Scrivener: A Story of Wall-Street "', "(1853)", "Herman Melville"]
    assert [unit.text for unit in split_units("\n".join(lines))] == lines


# Two sentences' marks printed after their links at a line's start, with no blank line anywhere:
# how a dump of stripped text nodes reads (see `units.BARE_SHARE`).
_MARKS_AFTER_LINKS = ["It follows the", "web standards", ".", "It was built by", "Mozilla", "."]


def _stripped_units(lines: list[str]) -> list[str]:
    """The units of `lines` in a dump that ends on `_MARKS_AFTER_LINKS` (two sentences)."""
    texts = [unit.text for unit in split_units("\n".join(lines + _MARKS_AFTER_LINKS))]
    assert texts[-2:] == ["It follows the web standards.", "It was built by Mozilla."]
    return texts[:-2]


def test_a_stripped_sentence_goes_on_after_an_article_or_a_preposition_whatever_follows() -> None:
    lines = ["The review came from", "Dr. Anna Berg", "and praised the", "4th generation", "of the chips."]
    assert _stripped_units(lines) == ["The review came from Dr. Anna Berg and praised the 4th generation of the chips."]


def test_a_stripped_sentence_goes_on_inside_an_opening_bracket() -> None:
    # The run reaches its sentence's end only past the bracket: cut there, its links stay apart.
    lines = [
        "Last week,",
        "Le Monde",
        "published",
        "a portrait of the author, known for his comics (",
        "V for Vendetta, Watchmen",
        "), on his novel.",
    ]
    assert _stripped_units(lines) == [
        "Last week, Le Monde published a portrait of the author, known for his comics (V for Vendetta, Watchmen), on his novel."
    ]


def test_a_stripped_run_left_open_in_lower_case_ends_on_a_capitalised_sentence() -> None:
    lines = ["You can trust that long", "experience", "and", "human skill", "Go hand in hand. Put differently:", "Our services."]
    assert _stripped_units(lines) == [
        "You can trust that long experience and human skill Go hand in hand. Put differently:",
        "Our services.",
    ]


def test_a_stripped_run_of_a_few_words_stays_apart_from_the_heading_after_it() -> None:
    lines = ["Register", "take the tour", "How does the brain turn information into thought?"]
    assert _stripped_units(lines) == lines


def test_a_dump_with_blank_lines_keeps_its_breaks_after_articles_and_brackets() -> None:
    lines = ["Chapter 2 of the", "", "Annual Report.", "", "See the list (", "", "Members below."]
    assert [unit.text for unit in split_units("\n".join(lines + _MARKS_AFTER_LINKS))][:4] == [  # the same breaks
        "Chapter 2 of the",
        "Annual Report.",
        "See the list (",
        "Members below.",
    ]
