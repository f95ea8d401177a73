"""Dumps written as Markdown (html2text, markdownify, crawlers' reader endpoints): the article comes
out as the text a reader sees, without link targets, image syntax or emphasis marks; plain text
that merely holds a bracket, an asterisk or a hash keeps it."""

from __future__ import annotations

import textwrap

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dumps.markdown import unmark
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU


def test_links_images_and_emphasis_leave_their_text_only() -> None:
    markdown = "\n".join(
        [
            '[Home](/)[World](/world)[Sport](https://example.org/sport "Sport")',
            "![Logo](https://example.org/logo.png)",
            "# [Harbour authority](/news/harbour) approves **dredging**",
            "> A *quiet* bay, says the \\- mayor [1]",
            "* * *",
            "[See the map][map] and [Wikipedia](https://en.wikipedia.org/wiki/Bay_(geography))",
            "[map]: https://example.org/map",
        ]
    )
    assert unmark(markdown).splitlines() == [
        "Home World Sport",
        "",
        "Harbour authority approves dredging",
        "A quiet bay, says the - mayor [1]",
        "",
        "See the map and Wikipedia",
    ]


def test_plain_text_with_brackets_stars_and_hashes_is_left_as_written() -> None:
    text = "Shares fell 3% (see chart) [updated]\n* Prices rose 2*3 times #inflation\n# 1 in the charts\n__init__ is a name"
    assert unmark(text) == text


def test_markdown_dump_of_a_page_gives_the_article_without_urls() -> None:
    sections = ("News", "World", "Politics", "Business", "Sport", "Culture", "Subscribe", "Sign in")
    page = "\n\n".join(
        [
            "\n".join(f"  * [{item}](/{item.lower()})" for item in sections),
            f"# {HEADLINE}",
            "By [Anna Berg](/authors/anna-berg) | 4 March 2024",
            "![Dredgers in the bay](https://cdn.example.org/images/dredgers.jpg)",
            *[f"**{p}**" if i == 0 else p for i, p in enumerate(ARTICLE)],
            "## Related",
            "  * [Ferry fares to rise in spring](/news/ferry-fares)\n  * [New lighthouse museum opens](/news/museum)",
            "[About us](/about)[Privacy](/privacy)[Contact](/contact) © 2024 Coastal Herald",
        ]
    )
    article = extract(RawDocument(source="test", content=page.encode()))
    assert article.title == HEADLINE
    assert article.body.startswith(ARTICLE[0])
    for paragraph in ARTICLE:
        assert paragraph in article.body
    assert "](" not in article.body and "/news/" not in article.body and "**" not in article.body
    assert "Subscribe" not in article.body and "Privacy" not in article.body


def _html2text_page() -> str:
    """The harbour story as html2text prints it by default: paragraphs wrapped at 78 columns with
    their links' targets, which the wrap breaks at a hyphen; list items and long targets left whole."""
    menu = "\n".join(f"  * [{item}](https://example.org/section/{item.lower().replace(' ', '-')})" for item in MENU)
    share = "  * [Share](https://social.example/share?url=https%3A%2F%2Fexample.org%2F2024%2F03%2Fharbour-authority-approves-dredging-of-the-northern-channel)"
    target = "https://example.org/2023/11/fishing-cooperatives-say-dredging-would-cloud-the-water-over-the-mussel-beds"
    linked = [paragraph.replace("the fishing cooperatives", f"[the fishing cooperatives]({target})") for paragraph in ARTICLE]
    article = [textwrap.fill(paragraph, 78, break_long_words=False) for paragraph in linked]
    return "\n\n".join([menu, f"# {HEADLINE}", share, "By Anna Berg, 4 March 2024", *article, "## Related", *FOOTER])


def test_a_link_a_wrap_broke_is_reduced_to_its_text() -> None:
    wrapped = "Read [the full\nreport](https://example.org/2024/the-full-\nreport) now. [Home](/) [News](/news) [Sport](/sport)"
    assert unmark(wrapped) == "Read the full\nreport now. Home News Sport"


def test_a_teaser_card_printed_as_one_link_is_reduced_to_its_text() -> None:
    # markdownify prints a teaser's card, its heading and excerpt, as one link over several lines,
    # with a "Read more" link inside it; a data URI image and a target with spaces are links too.
    card = "\n".join(
        [
            "[",
            "",
            "### Ferry fares to rise in spring",
            "",
            "The operator blames fuel. [Read more…](/news/ferry-fares)](/news/ferry-fares)",
            "[![ ](data:image/svg+xml;utf8,<svg viewBox='0 0 3 2'></svg>",
            ")](/news/museum) New lighthouse museum opens",
            "[Share by mail](mailto:?subject=Ferry fares rise) [Home](/) [[1]](#note-1)",
            "[ ![\\[Map of the\nchannel\\]](/images/map.png) ](/news/map)",
            "Ferry fares",
            "===========",
            "**A fare rise",
            "for every crossing**",
        ]
    )
    words = "Ferry fares to rise in spring The operator blames fuel. Read more… New lighthouse museum opens"
    assert " ".join(unmark(card).split()) == f"{words} Share by mail Home [1] Ferry fares A fare rise for every crossing"


def test_a_dump_wrapped_with_its_links_targets_gives_the_article_whole() -> None:
    page = _html2text_page()
    assert "-\n" in page and "](https://example.org/2023/11/fishing-" in page
    article = extract(RawDocument(source="test", content=page.encode()))
    assert article.title == HEADLINE
    assert article.body.split("\n\n") == ARTICLE


def test_a_heading_opening_the_dump_is_markdown_where_no_other_mark_is() -> None:
    page = f"# {HEADLINE}\n\n" + "\n\n".join(textwrap.fill(paragraph, 78) for paragraph in ARTICLE)
    assert unmark(page).splitlines()[0] == HEADLINE
    assert extract(RawDocument(source="test", content=page.encode())).title == HEADLINE


def test_a_hash_opening_a_line_run_stays_in_plain_text() -> None:
    text = "# 1 in the charts\nfor the third week running, says the label"
    assert unmark(text) == text


def test_underlined_headings_make_a_dump_markdown() -> None:
    # markdownify underlines its headings with `=` and `-` and writes no `#`: two of them mark the
    # dump as Markdown, so that their underlines and the emphasis go as a `#` heading's would.
    page = f"{HEADLINE}\n{'=' * len(HEADLINE)}\n\nThe **ferry** runs.\n\nFares\n-----\n\nThey rise."
    assert unmark(page) == f"{HEADLINE}\n\n\nThe ferry runs.\n\nFares\n\n\nThey rise."


def test_a_single_underlined_line_in_plain_text_keeps_its_marks() -> None:
    text = "Results\n-------\nThe **final** score"
    assert unmark(text) == text


def test_a_tables_edge_bars_and_trailing_empty_cells_go() -> None:
    # A picture's cell (a check mark) prints nothing once the picture goes: the row is its words.
    table = "Platform | x86_64 | arm64\n---|---|---\n[Desktop for Windows](/win/) | [![yes](/check.svg)](/win/) |  \n| RHEL |  |  |\n"
    lines = [line.strip() for line in unmark(table + "[a](/a) [b](/b) [c](/c)").splitlines()]
    assert lines == ["Platform | x86_64 | arm64", "", "Desktop for Windows", "RHEL", "a b c"]


def test_bars_outside_a_table_stay() -> None:
    text = "[a](/a) [b](/b) [c](/c)\nNews | Sport |"
    assert unmark(text).splitlines()[1] == "News | Sport |"


def test_a_space_a_converter_put_between_a_closing_mark_and_punctuation_goes() -> None:
    # html2text spaces a closing mark from a comma or colon after it; the page printed none.
    page = f"# {HEADLINE}\n\n**_By Ann Lee_** : The **pier** opens.\n\n_Harbour News_ , _Bay Times_ and **Tide** ; *quiet* : yes"
    assert unmark(page).splitlines()[2:] == ["By Ann Lee: The pier opens.", "", "Harbour News, Bay Times and Tide; quiet: yes"]
    # In plain text a star before a spaced comma is the page's.
    assert unmark("Prices rose 2* , then fell") == "Prices rose 2* , then fell"
