"""The standfirst an HTML page prints between its headline and its article is the article's first
paragraph when the page's description is that text; a description the page does not show, shows only
in its scripts, or shows below the article (a teaser's) is not."""

from __future__ import annotations

import json

import pytest

from foundation.records import RawDocument
from pipelines.extraction import extract
from tests.support.harbour_story import ARTICLE, HEADLINE, TEASERS

STANDFIRST = "Two years of disputes end as port operators and fishing cooperatives accept a plan for the bay."


def _page(*, header: str = "", footer: str = "", script: str = "", description: str = STANDFIRST) -> str:
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in ARTICLE)
    teasers = "".join(f"<li><a href='/t{number}'>{teaser}</a></li>" for number, teaser in enumerate(TEASERS))
    return (
        f"<html><head><title>{HEADLINE}</title><meta name='description' content='{description}'></head><body>"
        f"<header><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><h1>{HEADLINE}</h1>{header}</header>"
        f"{script}<main><article>{paragraphs}</article></main>"
        f"<aside><ul>{teasers}</ul>{footer}</aside><footer>About us · Contact</footer></body></html>"
    )


def _body(html: str) -> str:
    return extract(RawDocument(source="test", content=html.encode(), url="https://news.example/2024/05/harbour")).body


def test_a_standfirst_printed_in_the_header_opens_the_body() -> None:
    body = _body(_page(header=f"<div class='standfirst'>{STANDFIRST}</div>"))
    assert body.startswith(STANDFIRST + "\n\n" + ARTICLE[0])


@pytest.mark.parametrize(
    ("where", "page"),
    [
        ("only in the meta tags", _page()),
        ("only in a script's data", _page(script=f"<script type='application/ld+json'>{json.dumps({'description': STANDFIRST})}</script>")),
        ("below the article, as a teaser", _page(footer=f"<div class='teaser'>{STANDFIRST}</div>")),
        ("a short tagline", _page(header="<div class='standfirst'>Port news</div>", description="Port news")),
    ],
)
def test_a_description_that_is_no_standfirst_stays_out(where: str, page: str) -> None:
    body = _body(page)
    assert body.startswith(ARTICLE[0]), where
    assert STANDFIRST not in body


def test_a_standfirst_the_article_holds_is_not_repeated() -> None:
    body = _body(_page(header=f"<div class='standfirst'>{ARTICLE[0]}</div>", description=ARTICLE[0]))
    assert body.count(ARTICLE[0]) == 1


def test_a_script_holding_the_article_before_the_page_prints_it_does_not_hide_the_standfirst() -> None:
    # A JSON-LD block above the standfirst with the article's text: where the standfirst and the
    # article's first paragraph stand is read in the printed text only.
    data = json.dumps({"@type": "NewsArticle", "articleBody": " ".join(ARTICLE), "description": STANDFIRST})
    body = _body(_page(header=f"<script type='application/ld+json'>{data}</script><div class='standfirst'>{STANDFIRST}</div>"))
    assert body.startswith(STANDFIRST + "\n\n" + ARTICLE[0])


def test_a_description_that_is_the_articles_opening_run_on_is_not_added() -> None:
    # The description is the first paragraph glued to the second's first word, as a CMS cut it.
    opening = ARTICLE[0] + ARTICLE[1].split()[0]
    body = _body(_page(description=opening))
    assert body.startswith(ARTICLE[0]) and opening not in body
