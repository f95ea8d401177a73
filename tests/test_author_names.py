"""Author names as an author field holds them (trafilatura's is ";"-joined): names only, without
the date, the word for "by", a degree, a link's "all posts by", or what the markup names as an author by
mistake (a label, a web address, a lone letter, a month's name)."""

from __future__ import annotations

import pytest

from foundation.records import RawDocument, SourceHints
from pipelines.extraction import extract
from pipelines.extraction.author_names import split_authors


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("Por María Alejandra Carrasquilla Reina", ["María Alejandra Carrasquilla Reina"]),
        ("Par Sébastien Farcis", ["Sébastien Farcis"]),
        ("Zeige alle Beiträge von Petra Ruland", ["Petra Ruland"]),
        ("View all posts by Jane Roe", ["Jane Roe"]),
        ("Joe Wee Monday; February", ["Joe Wee"]),
        ("Brenda Goodman; MA", ["Brenda Goodman"]),
        ("Rfc Kooman; F; Jong", ["Rfc Kooman", "Jong"]),
        ("Www Haufe De; Anna Berg", ["Anna Berg"]),
        ("haufe.de", []),
        ("Username", []),
        ("Text; Anna Berg", ["Anna Berg"]),
        ("Rocío Latorre y José Wilson", ["Rocío Latorre", "José Wilson"]),
        ("Anna Berg und Jan Roe", ["Anna Berg", "Jan Roe"]),
        ("Rob Ewaschuk Edited by Betsy Beyer", ["Rob Ewaschuk", "Betsy Beyer"]),
        ("Copyright Haufe-Lexware GmbH; Co KG", []),
        ("Smith & Co Publishing", ["Smith & Co Publishing"]),
        ("Ben Silverman Games Editor", ["Ben Silverman"]),
        ("Anna Berg Chief Political Correspondent; Jan Roe", ["Anna Berg", "Jan Roe"]),
        ("Staff Writer", []),
    ],
)
def test_what_a_byline_holds_besides_the_names_is_left_out(field: str, expected: list[str]) -> None:
    assert split_authors(field) == expected


@pytest.mark.parametrize(
    "name",
    [
        "AP",
        "Andrea Y Gomez",
        "Parker Smith",
        "Byron Jones",
        "Dora Door",
        "April Ryan",
        "Laura June Topolsky",
        "John C. Welch",
        "Ludwig van Beethoven",
        "Jennifer Senior",
    ],
)
def test_names_that_start_like_a_byline_word_or_hold_a_month_stay_whole(name: str) -> None:
    assert split_authors(name) == [name]


def test_a_feed_entrys_author_is_read_as_a_byline_where_the_page_names_none() -> None:
    page = "<html><head><title>Council adds bus routes</title></head><body><article><h1>Council adds bus routes</h1>"
    page += "<p>" + "The council voted on Tuesday to expand the city's bus network by twelve routes. " * 4 + "</p></article></body></html>"
    article = extract(
        RawDocument(
            source="feed", content=page.encode(), url="https://planet.example/bus", hints=SourceHints(authors=("By Anna Berg und Jan Roe",))
        )
    )
    assert article.authors == ["Anna Berg", "Jan Roe"]
