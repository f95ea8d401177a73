"""Other stories' headlines in a numbered list above the article are no candidates for its headline."""

from __future__ import annotations

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dumps.headlines.teaser_lists import numbered_teasers
from pipelines.extraction.dumps.lines import Line
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU

# A "most read" box: each item printed with its number, then again as its heading, as text browsers print
# a numbered list of linked headings. Its last item uses the article's words, as a related story does.
MOST_READ = [
    "1. Ferry Fares To Rise In Spring",
    "Ferry Fares To Rise In Spring",
    "2. New Lighthouse Museum Opens Its Doors",
    "New Lighthouse Museum Opens Its Doors",
    "3. Fishing Cooperatives Fear Dredgers In The Bay",
    "Fishing Cooperatives Fear Dredgers In The Bay",
]

# What stands between the box and the article on such a page: an advertisement, the share buttons, the byline.
GAP = ["Advertisement", "Share", "Tweet", "Email", "Print", "Written by Anna Berg", "March 4, 2024"]


def _lines(texts: list[str]) -> list[Line]:
    return [Line(text, index, True) for index, text in enumerate(texts)]


def test_a_teaser_of_a_numbered_most_read_list_is_not_the_headline() -> None:
    dump = "\n\n".join([*MENU, "Most read", *MOST_READ, *GAP, HEADLINE, *ARTICLE, *FOOTER])
    assert extract(RawDocument(source="test", content=dump.encode(), content_type="text/plain")).title == HEADLINE


def test_items_of_a_numbered_list_of_headlines_are_teasers() -> None:
    assert numbered_teasers(_lines(MOST_READ), 0, len(MOST_READ)) == {
        "ferry fares to rise in spring",
        "new lighthouse museum opens its doors",
        "fishing cooperatives fear dredgers in the bay",
    }


def test_a_breadcrumb_printed_as_a_numbered_list_keeps_its_last_item() -> None:
    # "1. Home 2. News 3. <headline>": the section names are no headline's length, and the page's headline ends the list.
    crumbs = ["1. Home", "2. News", f"3. {HEADLINE}"]
    assert numbered_teasers(_lines(crumbs), 0, len(crumbs)) == set()


def test_numbers_that_do_not_follow_each_other_make_no_list() -> None:
    items = ["1. Ferry fares to rise in spring across the region", "5. New lighthouse museum opens its doors to visitors"]
    assert numbered_teasers(_lines(items), 0, len(items)) == set()


def test_a_list_is_read_to_its_end_past_the_articles_start_but_none_opening_after_it() -> None:
    # The second item was taken for the article's start (index 3): its list runs on. The "most read"
    # box below the article lists the article's own headline.
    lines = _lines(["Most read", *MOST_READ, *ARTICLE, "Most read", "1. Ferry Fares To Rise In Spring", f"2. {HEADLINE}"])
    assert numbered_teasers(lines, 0, 3) == {
        "ferry fares to rise in spring",
        "new lighthouse museum opens its doors",
        "fishing cooperatives fear dredgers in the bay",
    }
