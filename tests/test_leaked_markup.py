"""HTML tags a converter printed as text (`<noscript>` pixels, ad links): dropped, and their places
taken for block ends; tags an article quotes as its own text are kept."""

from __future__ import annotations

import pytest

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dumps.leaked_markup import join_cut_tags, mend_cut_tags, split_at_leaked_tags
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU

PIXEL = '<div><img src="https://pixel.example/p.gif?id=8812&amp;ev=PageView" height="1" width="1" style="display:none" /></div>'
AD_LINK = '<a href="//ads.example/jump/site/section;sz=300x250;ord=12345?"><img src="//ads.example/ad/site;sz=300x250" border="0" /></a>'


def test_leaked_tags_cut_the_line_and_go() -> None:
    line = f"Coastal Herald {PIXEL} Home World Sport {AD_LINK} The harbour authority met."
    assert split_at_leaked_tags(line) == ["Coastal Herald", "Home World Sport", "The harbour authority met."]


def test_bare_tags_around_leaked_ones_go_with_them() -> None:
    line = 'Enable JavaScript.<br>How: <a href="https://help.example/js">here</a>.</p> </div> Harbour news'
    assert split_at_leaked_tags(line) == ["Enable JavaScript. How:", "here . Harbour news"]


@pytest.mark.parametrize(
    "line",
    [
        'Add <script src="vendor/app.js" data-cover="vendor/cover.js"> to the page, then <html lang="en">.',
        "Single <img> and <figure> elements, and a <br> between them.",
        "Prices rose 3 < 5 > 2 for the year.",
    ],
    ids=["relative addresses", "bare tags", "comparisons"],
)
def test_tags_an_article_quotes_are_its_text(line: str) -> None:
    assert split_at_leaked_tags(line) == [line]


@pytest.mark.parametrize("separator", ["\n", " "], ids=["one block a line", "one line"])
def test_dump_with_leaked_pixels_keeps_the_article_without_their_addresses(separator: str) -> None:
    # A converter prints a `<noscript>` where the page has it: here inside the article, by a figure.
    paragraphs = [*ARTICLE[:2], f"{ARTICLE[2]} {PIXEL}", *ARTICLE[3:]]
    blocks = ["Coastal Herald", PIXEL, *MENU, HEADLINE, "By Anna Berg", *paragraphs, AD_LINK, *FOOTER]
    article = extract(RawDocument(source="test", content=separator.join(blocks).encode(), url=None, content_type="text/plain"))
    for paragraph in ARTICLE:
        assert paragraph in article.body
    for markup in ("<img", "<a ", "pixel.example", "ads.example", "display:none"):
        assert markup not in article.body


def test_a_block_cut_inside_a_leaked_tag_is_mended_and_a_quoted_tag_left_alone() -> None:
    cut = ['Coastal Herald <img src="https://pixel.example/p.gif" height="1"', "/> Home World", "Sport"]
    assert mend_cut_tags(cut) == ['Coastal Herald <img src="https://pixel.example/p.gif" height="1" /> Home World', "Sport"]
    quoted = ['Add <script src="vendor/app.js"', "> to the page.", "Then reload."]
    assert mend_cut_tags(quoted) == quoted


def test_a_tag_a_line_break_fell_inside_is_joined_and_a_quoted_tag_left_alone() -> None:
    broken = [
        '<div><a href="//ads.example/jump/site;sz=300x250"',
        'target="_blank"><img src="//ads.example/ad/site" /></a></div>',
        "",
        "Harbour news",
    ]
    assert join_cut_tags(broken) == [f"{broken[0]} {broken[1]}", "", "Harbour news"]
    quoted = ['Add <script src="vendor/app.js"', "> to the page.", "Then reload."]
    assert join_cut_tags(quoted) == quoted


def test_dump_wrapped_inside_leaked_tags_keeps_the_article_without_their_addresses() -> None:
    # A converter that wraps its lines (html2text at 78 columns) breaks an ad's long tag between its
    # attributes: each half is no tag on its own line, and was kept as a line of words.
    halves = [AD_LINK[: AD_LINK.index(" border")], AD_LINK[AD_LINK.index(" border") + 1 :]]
    blocks = ["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE[:3], "\n".join(halves), *ARTICLE[3:], "\n".join(halves), *FOOTER]
    article = extract(RawDocument(source="test", content="\n\n".join(blocks).encode(), url=None, content_type="text/plain"))
    for paragraph in ARTICLE:
        assert paragraph in article.body
    for markup in ("<img", "ads.example", "border="):
        assert markup not in article.body
