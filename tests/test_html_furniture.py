"""The furniture an HTML page prints as paragraphs: a teasers' heading and the headlines under it, a
labelled link to another story, and the interface's lines are left out of the body; the article's
paragraphs, and a section the article heads with one word ("Next"), stay."""

from __future__ import annotations

import pytest

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.html.furniture import without_furniture
from tests.support.harbour_story import ARTICLE, HEADLINE, TEASERS
from tests.support.pages import article_page


@pytest.mark.parametrize("heading", ["Noticias relacionadas", "Contenido Relacionado", "You might also like", "Auch interessant"])
def test_a_teasers_heading_goes_with_the_headlines_it_lists(heading: str) -> None:
    paragraphs = [ARTICLE[0], heading, *TEASERS, ARTICLE[1]]
    assert without_furniture(paragraphs) == [ARTICLE[0], ARTICLE[1]]


def test_a_heading_that_announces_a_list_with_a_colon_goes_with_it() -> None:
    paragraphs = [ARTICLE[0], "Lesen Sie auch die folgenden Beiträge:", *TEASERS, ARTICLE[1]]
    assert without_furniture(paragraphs) == [ARTICLE[0], ARTICLE[1]]


def test_the_list_under_a_teasers_heading_ends_at_a_sentence() -> None:
    paragraphs = ["Related Stories", TEASERS[0], ARTICLE[0], TEASERS[1]]
    assert without_furniture(paragraphs) == [ARTICLE[0], TEASERS[1]]


def test_a_one_word_heading_may_be_the_articles_own() -> None:
    paragraphs = [ARTICLE[0], "Next", "Dredging starts in November", ARTICLE[4]]
    assert without_furniture(paragraphs) == paragraphs


@pytest.mark.parametrize(
    "line", ["Anzeige", "Partager sur Facebook", "Mehr lesen...", "Share by E-Mail", "Reklama", "ESCUCHA ESTA NOTA AQUÍ"]
)
def test_the_interfaces_lines_go(line: str) -> None:
    assert without_furniture([ARTICLE[0], line, ARTICLE[1]]) == [ARTICLE[0], ARTICLE[1]]


def test_a_read_on_link_goes_alone() -> None:
    paragraphs = [ARTICLE[0], "Read more", "5. The cooperatives' objections", ARTICLE[2]]
    assert without_furniture(paragraphs) == [ARTICLE[0], "5. The cooperatives' objections", ARTICLE[2]]


def test_the_related_stories_of_an_html_page_are_not_in_the_body() -> None:
    paragraphs = [*ARTICLE[:3], "You might also like", *TEASERS, *ARTICLE[3:]]
    page = article_page(HEADLINE, paragraphs)
    article = extract(RawDocument(source="test", url="https://news.example/harbour", content=page.encode()))
    assert not any(teaser in article.body for teaser in TEASERS)
    assert all(paragraph in article.body for paragraph in ARTICLE)
