"""A dump that opens on the page's `<title>` (the converter dumped the whole document) gets its
headline from it: through the `<h1>` that prints it again (less the site's name), or on its own where the ranker finds no
candidate likely; a first line the article does not echo, or one the rules took for furniture, is
no title."""

from __future__ import annotations

import pytest

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dumps.headlines.document_title import DOUBTFUL, titled_headline
from pipelines.extraction.dumps.headlines.search import WINDOW, find_headline
from pipelines.extraction.dumps.headlines.text import line_keys
from pipelines.extraction.dumps.lines import Line, LineKind
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU

# A site's navigation long enough to put the `<title>` out of the headline search's reach; the
# article shares none of its words.
EDITIONS = (
    "Local",
    "Regional",
    "National",
    "Global",
    "Weekend",
    "Morning",
    "Evening",
    "Sunday",
    "Holiday",
    "Student",
    "Senior",
    "Family",
    "Travel",
)
NAVIGATION = [f"{edition} {section}" for edition in EDITIONS for section in ("news", "weather", "events", "podcasts", "letters")]
assert len(NAVIGATION) > WINDOW
STOPS = frozenset({"the", "of", "a", "to", "on", "and", "in", "that", "for", "will", "be", "from", "over", "when", "at", "are"})


def _lines(blocks: list[str], kinds: dict[int, LineKind] | None = None) -> list[Line]:
    lines = [Line(text, index, False) for index, text in enumerate(blocks)]
    for index, kind in (kinds or {}).items():
        lines[index].kind = kind
    return lines


def test_a_dump_opening_on_the_title_without_a_heading_before_the_text_takes_it_for_headline() -> None:
    blocks = [HEADLINE, *MENU, *NAVIGATION, *ARTICLE, *FOOTER]
    article = extract(RawDocument(source="test", content="\n".join(blocks).encode()))
    assert article.title == HEADLINE
    assert article.body.startswith(ARTICLE[0])


def test_the_titles_copy_printed_as_a_heading_before_the_article_is_the_headline_however_likely_another() -> None:
    blocks = [HEADLINE, *NAVIGATION, "Ferry fares to rise in spring", HEADLINE, *ARTICLE]
    lines = _lines(blocks)
    start = blocks.index(ARTICLE[0])
    found = titled_headline(lines, start, line_keys(lines), STOPS, chance=0.9)
    assert found is not None
    assert (found.text, found.line, found.whole_line) == (HEADLINE, start - 1, True)


@pytest.mark.parametrize(
    "title",
    [f"{HEADLINE} - Coastal Herald", f"Coastal Herald | {HEADLINE}", f"{HEADLINE} – Harbour – Coastal Herald"],
    ids=["site after", "site before", "section and site after"],
)
def test_the_titles_copy_without_the_sites_name_is_the_headline_and_the_logo_is_not(title: str) -> None:
    # The `<title>` adds the site's name to the `<h1>`; the name is printed as a heading too, as the
    # page's logo above the menu, but it is the shorter side of the separator.
    blocks = [title, "Coastal Herald", *NAVIGATION, "Ferry fares to rise in spring", HEADLINE, *ARTICLE]
    lines = _lines(blocks)
    start = blocks.index(ARTICLE[0])
    found = titled_headline(lines, start, line_keys(lines), STOPS, chance=0.9)
    assert found is not None
    assert (found.text, found.line) == (HEADLINE, start - 1)


def test_a_likely_candidate_stands_where_the_title_is_not_printed_again() -> None:
    blocks = [HEADLINE, *NAVIGATION, *ARTICLE]
    lines = _lines(blocks)
    start = blocks.index(ARTICLE[0])
    assert titled_headline(lines, start, line_keys(lines), STOPS, chance=DOUBTFUL) is None
    assert titled_headline(lines, start, line_keys(lines), STOPS, chance=DOUBTFUL - 0.01) is not None


@pytest.mark.parametrize(
    ("first", "kind"),
    [
        ("This Blog", LineKind.CONTENT),
        ("Top categories and trending topics", LineKind.CONTENT),
        ("Home | News | Sport | Harbour", LineKind.CONTENT),
        ("[Coastal Herald harbour news]", LineKind.CONTENT),
        ("#Coastal Herald harbour news - RSS", LineKind.CONTENT),
        ("Harbour authority approves dredging", LineKind.BOILERPLATE),
        ("The harbour authority approved a plan to dredge the channel.", LineKind.CONTENT),
    ],
    ids=[
        "site's name",
        "words the article does not use",
        "row of links",
        "a link in brackets",
        "head links marked",
        "furniture by the rules",
        "a sentence",
    ],
)
def test_a_first_line_that_does_not_read_as_the_pages_title_is_none(first: str, kind: LineKind) -> None:
    blocks = [first, *NAVIGATION, *ARTICLE]
    lines = _lines(blocks, {0: kind})
    start = blocks.index(ARTICLE[0])
    assert titled_headline(lines, start, line_keys(lines), STOPS, chance=0.0) is None


def test_a_flattened_dumps_first_printed_sentence_is_not_read_as_the_title() -> None:
    # The same text as a dump of lines, then as the sentences a flattened dump printed (`blocks`
    # given): there the first is the menu glued up to the first sentence end, no line of its own.
    blocks = [HEADLINE, *NAVIGATION, *ARTICLE]
    lines = _lines(blocks)
    start = blocks.index(ARTICLE[0])
    found = find_headline(lines, start, None, STOPS)
    assert found is not None and found.text == HEADLINE
    flattened = find_headline(lines, start, None, STOPS, blocks=[[0]] * len(lines))
    assert flattened is None or flattened.line != 0


def test_the_copy_nearest_the_article_is_the_headline_not_a_teasers_above_it() -> None:
    # A teaser list above the article prints the headline too, as a heading of its own.
    blocks = [f"{HEADLINE} - Coastal Herald", *NAVIGATION[:10], HEADLINE, *NAVIGATION[10:], HEADLINE, *ARTICLE]
    lines = _lines(blocks)
    start = blocks.index(ARTICLE[0])
    found = titled_headline(lines, start, line_keys(lines), STOPS, chance=0.9)
    assert found is not None and found.line == start - 1


def test_a_headline_spelling_the_urls_slug_stands_over_a_first_line_the_page_prints_again() -> None:
    # A converter that prints no `<title>` opens on the site's label, which the page prints again above the headline.
    blocks = ["Harbour Town Radio", *MENU, "Harbour Town Radio", HEADLINE, "By Anna Berg", *ARTICLE, *FOOTER]
    dump = "\n".join(blocks).encode()
    slug = "https://radio.example/news/" + HEADLINE.lower().replace(" ", "-")
    assert extract(RawDocument(source="test", content=dump, url=slug)).title == HEADLINE
    assert extract(RawDocument(source="test", content=dump, url="https://radio.example/news/48213")).title == "Harbour Town Radio"


def test_a_first_line_printed_again_in_place_is_the_headers_doubling_not_the_title_and_its_copy() -> None:
    # The site's logo printed as its picture's text and its name, a sign-in link between them: the
    # `<h1>` under a `<title>` has the page's menus between them, and the ranker's pick stands.
    blocks = ["Harbour Engineering", "Sign in", "Harbour Engineering", *NAVIGATION, HEADLINE, *ARTICLE]
    lines = _lines(blocks)
    start = blocks.index(ARTICLE[0])
    assert titled_headline(lines, start, line_keys(lines), STOPS, chance=0.9) is None
    # Where the ranker picks that text too, the header holds little else: the `<title>` and the `<h1>`.
    found = titled_headline(lines, start, line_keys(lines), STOPS, chance=0.9, picked="harbour engineering")
    assert found is not None and found.line == 2
    # Further apart, the copy is the `<h1>` that prints the `<title>` again.
    blocks = [HEADLINE, "Sign in", *NAVIGATION[:3], HEADLINE, *ARTICLE]
    lines = _lines(blocks)
    found = titled_headline(lines, blocks.index(ARTICLE[0]), line_keys(lines), STOPS, chance=0.9)
    assert found is not None and found.line == 5
