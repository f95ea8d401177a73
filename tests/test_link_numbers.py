"""Dumps of terminal browsers (`lynx -dump`, `elinks -dump`): links numbered in brackets and listed
under "References" at the end. The article comes out without the numbers and without the list;
footnote marks and a dump's own bracketed numbers are left as written."""

from __future__ import annotations

import textwrap

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dumps.link_numbers import MARKER, unlisted
from pipelines.extraction.dumps.units import split_units
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU, TEASERS


def unnumber(text: str) -> str:
    """The dump without its closing list and, where its links are numbered, their numbers: what
    `split_units` takes out around undoing the wrap, which the browsers wrapped with the numbers in."""
    listed, numbered = unlisted(text)
    return MARKER.sub("", listed) if numbered else listed


def _lynx_page() -> str:
    """The harbour story as lynx prints it: numbered links, indented wrapped paragraphs, the list of targets."""
    targets: list[str] = []

    def link(text: str) -> str:
        targets.append(f"https://example.org/{text.lower().replace(' ', '-')}")
        return f"[{len(targets)}]{text}"

    menu = "\n".join(f"     * {link(item)}" for item in MENU)
    # Links inside the article's sentences, as news pages link to earlier stories.
    linked = [paragraph.replace("harbour", link("harbour"), 1).replace("permit", link("permit")) for paragraph in ARTICLE]
    article = [textwrap.fill(paragraph, 76, initial_indent="   ", subsequent_indent="   ") for paragraph in linked]
    related = "\n".join(f"     * {link(teaser)}" for teaser in TEASERS)
    footer = "   " + " ".join(link(item) for item in FOOTER)
    listed = "\n".join(f"  {number:3d}. {target}" for number, target in enumerate(targets, 1))
    return "\n\n".join([menu, HEADLINE, "   By Anna Berg, 4 March 2024", *article, "Related", related, footer, "References", listed])


def test_lynx_dump_gives_the_article_without_link_numbers_or_targets() -> None:
    article = extract(RawDocument(source="test", content=_lynx_page().encode()))
    assert article.title == HEADLINE
    assert article.body.startswith(ARTICLE[0])
    for paragraph in ARTICLE:
        assert paragraph in article.body
    assert "https://" not in article.body and "[" not in article.body
    assert "Subscribe" not in article.body and "Privacy policy" not in article.body


def test_numbers_and_the_closing_list_are_removed() -> None:
    text = "   [1]Home [2]World\n\n   Read the [3]full report here.\n\nReferences\n\n   1. https://example.org/\n   2. https://example.org/world\n   3. https://example.org/report"
    assert unnumber(text) == "   Home World\n\n   Read the full report here.\n\n"


def test_a_closing_list_with_share_links_the_page_left_unencoded_is_removed() -> None:
    text = (
        "   [1]Home\n\n   Read the [2]full report here.\n\nReferences\n\n   1. https://example.org/\n"
        "   2. mailto:?subject=Harbour authority approves dredging&body=https://example.org/report\n"
        "   3. https://twitter.com/intent/tweet?text=Harbour authority approves dredging&url=https://example.org/report"
    )
    assert unnumber(text) == "   Home\n\n   Read the full report here.\n\n"
    # Numbered lines that are not link targets are an article's own list, left as written.
    own = "[1]Home [2]News\n\nReferences\n\n   1. Smith, J. (2020). Harbours of the north.\n   2. https://example.org/"
    assert "Smith" in unnumber(own)


def test_numbers_counting_up_without_the_list_are_removed() -> None:
    text = "[1]Home [2]World [3]Sport [4]Culture\n\nThe [5]mayor said the [6]plan was ready."
    assert unnumber(text) == "Home World Sport Culture\n\nThe mayor said the plan was ready."


def test_footnote_marks_a_text_node_dump_prints_on_lines_of_their_own_go_with_their_lines() -> None:
    # BeautifulSoup's `get_text("\\n")` prints a footnote's mark as a text node of its own, inside the
    # sentence: left as an empty line, it would end a paragraph there.
    clauses = ["The bay froze,", " the ships waited,", " the mayor spoke,", " the ice broke,", " and spring came."]
    text = "".join(f"{clause}\n[{number}]\n" for number, clause in enumerate(clauses, 1))
    assert unnumber(text) == "".join(f"{clause}\n" for clause in clauses)
    assert [unit.text for unit in split_units(text)] == [
        "The bay froze, the ships waited, the mayor spoke, the ice broke, and spring came."
    ]


def test_footnotes_and_a_few_bracketed_numbers_are_left_as_written() -> None:
    footnotes = "The bay froze in 1963.[1] Ships waited for weeks.[2] The harbour [3] reopened in March [4]."
    assert unnumber(footnotes) == footnotes
    # A "References" section of an article, written as prose, is the article's, not a list of links.
    scholarly = "[1]Home [2]News\n\nReferences\n\nSmith, J. (2020). Harbours of the north. Oxford."
    assert unnumber(scholarly) == scholarly


def _numbered(count: int) -> str:
    return " ".join(f"[{number}]Section {number}" for number in range(1, count + 1))


def test_lynx_list_under_its_visible_and_hidden_links_headings_is_removed() -> None:
    # lynx heads the list "Visible links:"; a share link's unencoded body runs over several lines.
    listed = "\n".join(f"   {number}. https://example.org/section-{number}" for number in range(1, 6))
    share = "   6. mailto:?subject=Harbour dredging&body=Harbour authority approves dredging\nRead it at:\nhttps://example.org/report"
    text = f"   {_numbered(6)}\n\n   The mayor spoke.\n\nReferences\n\n   Visible links:\n{listed}\n{share}\n\n   Hidden links:\n   7. https://ads.example.net/"
    assert unnumber(text) == "   " + " ".join(f"Section {number}" for number in range(1, 7)) + "\n\n   The mayor spoke.\n\n"


def test_elinks_list_with_link_titles_above_their_targets_is_removed() -> None:
    # elinks prints a link's title on the entry's line and its target, tab-indented, on the next.
    entries = "\n".join(f"  {number}. Go to section {number}\n\thttps://example.org/section-{number}" for number in range(1, 7))
    text = f"{_numbered(6)}\n\nThe mayor spoke.\n\nReferences\n\n   Visible links\n{entries}"
    assert unnumber(text) == " ".join(f"Section {number}" for number in range(1, 7)) + "\n\nThe mayor spoke.\n\n"


def test_an_articles_own_numbered_references_after_numbered_links_are_kept() -> None:
    works = "\n".join(f"   {number}. Smith, J. ({2000 + number}). Harbours of the north, part {number}." for number in range(1, 7))
    text = f"{_numbered(6)}\n\nReferences\n\n{works}"
    assert "Harbours of the north, part 6." in unnumber(text)
