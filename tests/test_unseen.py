"""HTML bodies leave out what readers never see as article text: hidden player menus, ARIA widgets, link teasers."""

from __future__ import annotations

from foundation.records import RawDocument
from pipelines.extraction import extract

PARAGRAPHS = "".join(
    f"<p>Paragraph {i}: the council voted on Tuesday to expand the city's bus network by twelve routes, "
    "the largest change to the timetable since the tram lines were closed.</p>"
    for i in range(6)
)
PLAYER = (
    '<div class="player"><div role="menu"><ul><li>Chapters</li><li>subtitles off, selected</li></ul></div>'
    "<div hidden><p>This is a modal window. It can be closed by pressing Escape.</p></div>"
    '<div style="display: none"><p>Your browser does not support the video player used on this page.</p></div></div>'
)
TEASER = (
    '<p>Lesen Sie auch: <a href="/andere-geschichte">Warum die Straßenbahn nicht zurückkommt und was die Stadt stattdessen plant</a></p>'
)


def _extract(html: str) -> str:
    return extract(RawDocument(source="test", content=html.encode(), url="https://news.example/bus")).body


def test_hidden_player_text_and_menus_are_left_out() -> None:
    body = _extract(f"<html><body><article><h1>Bus network grows</h1>{PARAGRAPHS[:400]}{PLAYER}{PARAGRAPHS[400:]}</article></body></html>")
    assert "Paragraph 5" in body
    for furniture in ("modal window", "Chapters", "subtitles off", "does not support the video"):
        assert furniture not in body


def test_link_teaser_inside_the_article_is_left_out() -> None:
    body = _extract(f"<html><body><article><h1>Bus network grows</h1>{PARAGRAPHS[:400]}{TEASER}{PARAGRAPHS[400:]}</article></body></html>")
    assert "Straßenbahn" not in body
    assert "Paragraph 5" in body


def test_paragraph_with_a_link_in_its_text_is_kept() -> None:
    linked = '<p>The plan, <a href="/plan.pdf">published on Monday</a>, adds night buses to the four busiest routes in the city.</p>'
    body = _extract(f"<html><body><article><h1>Bus network grows</h1>{linked}{PARAGRAPHS}</article></body></html>")
    assert "adds night buses" in body


def test_page_hidden_until_a_script_reveals_it_keeps_its_text() -> None:
    body = _extract(
        f'<html><body><div id="app" style="display:none"><article><h1>Bus network grows</h1>{PARAGRAPHS}</article></div></body></html>'
    )
    assert "Paragraph 5" in body


def _card(i: int) -> str:
    return (
        f'<div class="story-block"><h4><a href="/opinion/story-{i}">Opinion headline number {i}</a></h4>'
        f"<p>Standfirst {i}: a columnist argues that the new routes will do little for the outer suburbs, where buses are rare.</p></div>"
    )


def test_related_story_cards_after_the_article_text_are_left_out() -> None:
    # The cards share the article's container, as a "more stories" stream often does: trafilatura keeps their standfirsts.
    cards = '<div class="group">' + "".join(_card(i) for i in range(5)) + "</div>"
    body = _extract(f'<html><body><div class="story"><h1>Bus network grows</h1>{PARAGRAPHS}{cards}</div></body></html>')
    assert "Paragraph 5" in body
    assert "Standfirst" not in body and "Opinion headline" not in body


def test_linked_section_headings_and_long_sections_are_kept() -> None:
    shop = "".join(f'<div class="section"><h2><a href="/shop/item-{i}">Item {i}</a></h2>{PARAGRAPHS[:600]}</div>' for i in range(4))
    edit = "".join(
        f'<h2>Part {i} <a href="/edit/{i}">edit</a></h2><p>Part {i} text: the routes were chosen after a survey.</p>' for i in range(4)
    )
    body = _extract(f"<html><body><article><h1>Bus network grows</h1>{shop}{edit}</article></body></html>")
    assert "Item 3" in body and "Paragraph 0" in body
    assert "Part 3 text" in body


def test_labelled_link_teaser_is_left_out_and_a_labelled_value_kept() -> None:
    teaser = '<p>LE PUEDE INTERESAR: <a href="/otra">El alcalde inaugura la nueva biblioteca del barrio norte</a></p>'
    bold = '<p><strong>Czytaj też:</strong> <a href="/inna">Nowa bibliotekę w dzielnicy Północ</a></p>'
    value = '<p>Source files: <a href="/a.js">routes.js</a>, <a href="/b.js">stops.js</a></p>'
    body = _extract(
        f"<html><body><article><h1>Bus network grows</h1>{PARAGRAPHS[:400]}{teaser}{value}{bold}{PARAGRAPHS[400:]}</article></body></html>"
    )
    assert "biblioteca" not in body and "LE PUEDE INTERESAR" not in body
    assert "bibliotekę" not in body and "Czytaj" not in body
    assert "Source files: routes.js, stops.js" in body


def test_a_banner_landmark_around_the_whole_layout_keeps_the_article() -> None:
    menu = '<nav role="navigation"><ul>' + "".join(f"<li><a href='/{s}'>{s}</a></li>" for s in ("Sport", "Music", "World")) + "</ul></nav>"
    other_story = "".join(
        f"<p>Teaser {i}: a story from the archive about the harbour festival and its fireworks show.</p>" for i in range(30)
    )
    page = (
        f'<html><body><div role="banner"><div class="logo">City News</div>{menu}'
        f"<article><h1>Bus network grows</h1>{PARAGRAPHS}</article></div>"
        f"<section>{other_story}</section></body></html>"
    )
    body = _extract(page)
    assert "Paragraph 0" in body and "Paragraph 5" in body
    assert "Sport" not in body
