"""Titles and bylines of HTML pages: the declared headline, else `<title>` without the site's name, never a
section's `<h1>`; author names without the date a byline runs on into."""

from __future__ import annotations

import pytest

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.html.reader import parse_html
from pipelines.extraction.html.titles import find_title, stripped_title

BODY = "<p>" + "The council voted on Tuesday to expand the city's bus network by twelve routes. " * 4 + "</p>"


def _page(head: str, body: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}<article>{BODY}</article></body></html>"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Council expands the city bus network | The Daily Planet", "Council expands the city bus network"),
        ("Council expands the city bus network - The Daily Planet", "Council expands the city bus network"),
        ("Daily Planet » Council expands the city bus network", "Council expands the city bus network"),
        # Too little would be left: the whole title stays.
        ("Mozilla - Wikipedia", "Mozilla - Wikipedia"),
        ("Analysis: the council expands the city bus network", "the council expands the city bus network"),
    ],
)
def test_site_name_is_stripped_from_the_title_element(title: str, expected: str) -> None:
    assert stripped_title(parse_html(_page(f"<title>{title}</title>"))) == expected


def test_section_heading_does_not_replace_the_title_element() -> None:
    html = _page("<title>Babies Who Eat Peanuts Early May Avoid Allergy</title>", "<h1>Allergies Health Center</h1>")
    article = extract(RawDocument(source="test", content=html.encode(), url="https://health.example/peanuts"))
    assert article.title == "Babies Who Eat Peanuts Early May Avoid Allergy"


def test_declared_headline_comes_first() -> None:
    html = _page('<title>Bus plan | Planet</title><meta property="og:title" content="Council expands the city bus network">')
    assert find_title(parse_html(html)) == "Council expands the city bus network"


def test_json_ld_name_or_headline_whichever_the_title_confirms() -> None:
    ld = '{"@type": "NewsArticle", "name": "The Daily Planet", "headline": "Council expands the city bus network"}'
    html = _page(f'<title>Council expands the city bus network - Planet</title><script type="application/ld+json">{ld}</script>')
    assert find_title(parse_html(html)) == "Council expands the city bus network"
    # Wikipedia's `headline` is a description; the `name` is the title.
    ld = '{"@type": "Article", "name": "New Zealand", "headline": "constitutional monarchy in Oceania"}'
    html = _page(f'<title>New Zealand - Wikipedia</title><script type="application/ld+json">{ld}</script>')
    assert find_title(parse_html(html)) == "New Zealand"


def test_headline_paragraph_is_not_repeated_in_the_body() -> None:
    html = _page("<title>Council expands the city bus network | Planet</title>").replace(
        "<article>", "<article><h1>Council expands the city bus network</h1>"
    )
    article = extract(RawDocument(source="test", content=html.encode(), url="https://planet.example/bus"))
    assert article.title == "Council expands the city bus network"
    assert not article.body.startswith("Council expands")


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ('<div class="byline">By Joshua Sokol May 3, 2019</div>', ["Joshua Sokol"]),
        ('<span class="author">Laura June Topolsky July 14, 2016 2:00 pm</span>', ["Laura June Topolsky"]),
        ('<p class="author">By April Ryan</p>', ["April Ryan"]),
        ('<span class="author">Aleš Vávra před 2 hodinami</span>', ["Aleš Vávra"]),
    ],
)
def test_author_names_leave_out_the_date_their_byline_runs_on_into(byline: str, expected: list[str]) -> None:
    html = _page("<title>Council expands the city bus network | Planet</title>").replace("<article>", f"<article><h1>Bus</h1>{byline}")
    assert extract(RawDocument(source="test", content=html.encode(), url="https://planet.example/bus")).authors == expected


@pytest.mark.parametrize("label", ['<span class="author">Username</span>', '<span class="author">Autor</span>'])
def test_a_field_label_named_as_the_author_is_no_author(label: str) -> None:
    html = _page("<title>Council expands the city bus network | Planet</title>").replace("<article>", f"<article><h1>Bus</h1>{label}")
    assert extract(RawDocument(source="test", content=html.encode(), url="https://planet.example/bus")).authors == []


def test_the_byline_after_a_sign_in_menus_label_and_a_follow_button_names_the_author() -> None:
    # The page's header holds the menu's "Username" before the article, whose author box has a
    # "Follow @handle" button: the byline is the third thing the markup calls an author.
    html = _page("<title>Council expands the city bus network | Planet</title>").replace(
        "<article>",
        '<nav><span class="username">Username</span></nav><article><h1>Bus</h1>'
        '<span class="tweet-authors">Follow @jroe</span><span class="pb-byline">By Jane Roe</span>',
    )
    assert extract(RawDocument(source="test", content=html.encode(), url="https://planet.example/bus")).authors == ["Jane Roe"]


def test_character_references_in_json_ld_are_decoded_in_the_title_and_authors() -> None:
    # CMSs escape JSON-LD strings as if they were HTML; once decoded, a quote must still leave the JSON
    # readable, also where trafilatura decodes a block that holds a backslash (`\/`) a second time.
    data = (
        '{"@context": "https://schema.org", "@type": "NewsArticle", "url": "https:\\/\\/planet.example\\/bus",'
        ' "headline": "Council adds &#8216;twelve&#8217; routes &amp;#34;at once&amp;#34;",'
        ' "author": {"@type": "Person", "name": "Redacci&oacute;n Diario Planeta"}}'
    )
    html = _page(f"<script type='application/ld+json'>{data}</script>")
    article = extract(RawDocument(source="test", content=html.encode(), url="https://planet.example/bus"))
    assert article.title == 'Council adds ‘twelve’ routes "at once"'
    assert article.authors == ["Redacción Diario Planeta"]
