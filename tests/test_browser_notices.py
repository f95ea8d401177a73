"""Notices about the reader's browser, in text dumps and in HTML pages' text: cut in the languages the
furniture lists cover; an article about JavaScript or browsers keeps its sentences."""

from __future__ import annotations

import pytest

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.browser_notices import browser_notices
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU

NOTICE = "Please enable JavaScript to view the comments powered by Disqus."


@pytest.mark.parametrize(
    "text",
    [
        NOTICE,
        "For full functionality, it is necessary to enable JavaScript.",
        "Javascript is required for proper functioning of these web pages.",
        "Your browser does not support the audio element.",
        "Using an ad blocker? We depend on ad revenue to craft our stories.",
        "Bitte aktivieren Sie JavaScript in Ihrem Browser, damit unsere Seite vollständig dargestellt wird.",
        "Ihr Browser unterstützt Inlineframes nicht oder zeigt sie in der derzeitigen Konfiguration nicht an.",
        "Veuillez activer JavaScript pour voir cette vidéo.",
        "Tu navegador no soporta los elementos de audio",
        "Odtwarzacz wideo wymaga uruchomienia obsługi JavaScript w przeglądarce.",
        "Schakel JavaScript in om deze pagina te bekijken.",
    ],
)
def test_notices_in_each_language_are_found(text: str) -> None:
    assert browser_notices(["Coastal Herald", text]) == [1]


@pytest.mark.parametrize(
    "text",
    [
        "Rhino is an open source JavaScript engine managed by the Mozilla Foundation.",
        "Get to know the features that make it the most complete browser for building the Web.",
        "If the site looks goofy in your browser, you are likely using a browser that ignores web standards.",
        "Ad blockers cost publishers an estimated twelve billion dollars last year, the report found.",
    ],
)
def test_articles_about_javascript_and_browsers_are_not_notices(text: str) -> None:
    assert browser_notices([text]) == []


@pytest.mark.parametrize("separator", ["\n", " "], ids=["one block a line", "one line"])
def test_dump_loses_the_notice_between_its_paragraphs(separator: str) -> None:
    blocks = ["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE[:2], NOTICE, *ARTICLE[2:], *FOOTER]
    article = extract(RawDocument(source="test", content=separator.join(blocks).encode(), url=None, content_type="text/plain"))
    for paragraph in ARTICLE:
        assert paragraph in article.body
    assert "JavaScript" not in article.body


def test_html_page_loses_a_notice_its_article_text_holds() -> None:
    paragraphs = [f"<p>{paragraph}</p>" for paragraph in ARTICLE]
    body = "".join([*paragraphs[:2], f"<p>{NOTICE}</p>", *paragraphs[2:]])
    html = f"<html><body><article><h1>{HEADLINE}</h1>{body}</article></body></html>"
    article = extract(RawDocument(source="test", content=html.encode(), url="https://news.example/harbour", content_type="text/html"))
    assert ARTICLE[0] in article.body
    assert "JavaScript" not in article.body
