"""Hand-written realistic documents (tests/devset/) covering what the seeds do not: HTML pages with
navigation, cookie banners, footers and related links, JSON-LD (@graph and lists), meta and <time>
dates, German and French pages, a blog, and text dumps from other outlets in the seeds' styles."""

from __future__ import annotations

from pathlib import Path

import pytest

from foundation.records import Article, RawDocument
from pipelines.extraction import extract

DEVSET = Path(__file__).resolve().parent / "devset"


def _extract(name: str) -> Article:
    path = DEVSET / name
    return extract(RawDocument(source=str(path), content=path.read_bytes()))


def place_and_agency(article: Article) -> tuple[str | None, str | None]:
    assert article.dateline is not None, "no dateline found"
    return article.dateline.place, article.dateline.agency


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return {path.name: _extract(path.name) for path in sorted(DEVSET.iterdir())}


def test_every_document_extracts_with_unique_paragraphs(articles: dict[str, Article]) -> None:
    assert len(articles) >= 12
    for name, article in articles.items():
        paragraphs = article.body.split("\n\n")
        assert len(paragraphs) == len(set(paragraphs)), name
        assert article.title is None or article.title not in paragraphs, name
        assert article.extraction.method == ("html" if name.endswith(".html") else "text")


def test_json_ld_graph_page(articles: dict[str, Article]) -> None:
    article = articles["html_jsonld_graph.html"]
    assert article.title == "Central bank raises rates for third time this year"
    assert article.published_at == "2024-03-21T12:05+00:00"
    assert article.modified_at == "2024-03-21T15:40:30+00:00"
    assert article.date_sources == {"published_at": "json-ld", "modified_at": "json-ld"}
    assert article.authors == ["Jane Porter", "Omar Reyes"]
    assert article.publisher == "The Daily Ledger"
    assert article.language == "en"
    assert article.canonical_url == "https://www.dailyledger.example/business/2024/03/21/central-bank-raises-rates"
    assert article.image_url == "https://img.dailyledger.example/rates.jpg"
    assert place_and_agency(article) == ("London", "Reuters")
    for junk in ("cookies", "Housing market slows", "All rights reserved", "Politics"):
        assert junk not in article.body


def test_id_ignores_tracking_parameters_and_fragments(articles: dict[str, Article]) -> None:
    path = DEVSET / "html_jsonld_graph.html"
    tracked = extract(
        RawDocument(
            source="x",
            content=path.read_bytes(),
            url="HTTPS://WWW.DailyLedger.example/business/2024/03/21/central-bank-raises-rates?utm_campaign=x&fbclid=1#top",
        )
    )
    assert tracked.id == articles["html_jsonld_graph.html"].id


def test_meta_dates_and_tags(articles: dict[str, Article]) -> None:
    article = articles["html_meta_dates.html"]
    assert article.published_at == "2023-11-02T06:45-05:00"
    assert article.modified_at == "2023-11-02T09:10-05:00"
    assert article.date_sources == {"published_at": "meta", "modified_at": "meta"}
    assert {"weather", "schools"} <= set(article.tags)
    assert "newsletter" not in article.body and "desk@" not in article.body


def test_time_elements_and_comments_left_out(articles: dict[str, Article]) -> None:
    article = articles["html_time_element.html"]
    assert article.published_at == "2023-03-14T09:30+05:30"
    assert article.modified_at == "2023-03-14T18:02+05:30"
    assert article.date_sources["published_at"] == "time-element"
    assert place_and_agency(article) == ("New Delhi", "PTI")
    assert "Great news for farmers" not in article.body


def test_german_page_with_json_ld_list(articles: dict[str, Article]) -> None:
    article = articles["html_german.html"]
    assert article.language == "de"
    assert article.published_at == "2023-10-11T14:20+02:00"
    assert article.date_sources["published_at"] == "json-ld"
    assert place_and_agency(article) == ("Berlin", "dpa")
    assert "Cookies" not in article.body and "Impressum" not in article.body


def test_french_page_language_from_og_locale(articles: dict[str, Article]) -> None:
    article = articles["html_french.html"]
    assert article.language == "fr"
    assert article.published_at == "2022-09-05"
    assert article.date_sources["published_at"] == "meta"
    assert article.publisher == "Le Courrier du Rhône"


def test_blog_without_structured_dates_falls_back_to_htmldate(articles: dict[str, Article]) -> None:
    article = articles["html_blog.html"]
    assert article.published_at == "2021-07-15"
    assert article.date_sources["published_at"] == "htmldate"
    assert "Archives" not in article.body and "Powered by" not in article.body


def test_wire_dump_with_labelled_stamps_and_teaser(articles: dict[str, Article]) -> None:
    article = articles["text_wire_labelled.txt"]
    assert article.title == "Farmers protest new fuel tax outside parliament"
    assert (article.subtitle or "").startswith("Thousands of tractors blocked")
    assert (article.published_at, article.modified_at) == ("2024-03-03T14:20", "2024-03-03T16:05")
    assert place_and_agency(article) == ("Paris", "AFP")
    assert "for most of the afternoon and forced" in article.body
    for junk in ("- World", "Posted", "Read also", "Wine exports", "Copyright"):
        assert junk not in article.body


def test_site_dump_with_two_copies(articles: dict[str, Article]) -> None:
    article = articles["text_site_copies.txt"]
    assert (article.url or "").startswith("https://news.northwind.example/2023/05/17/")
    assert article.published_at == "2023-05-17T10:15+00:00"
    assert article.modified_at == "2023-05-17T11:30+00:00"
    assert article.publisher == "Northwind News"
    assert article.tags == ["shipping", "ports", "netherlands", "trade", "environment"]
    assert article.image_url == "https://img.northwind.example/photos/2023/port-cranes.jpeg"
    assert article.body.count("Environmental groups said") == 1
    assert "logistics and construction." in article.body
    for junk in ("press@", "+31", "Northwind Media Group", "nl_NL", "after..."):
        assert junk not in article.body


def test_dateline_without_year_is_not_guessed(articles: dict[str, Article]) -> None:
    article = articles["text_no_year.txt"]
    assert article.published_at is None
    assert "published date without year not guessed" in article.extraction.warnings
    assert place_and_agency(article) == ("Kyiv", "Ukrinform")
    assert (article.subtitle or "").startswith("The energy ministry said")


def test_compact_date_and_trailing_agency_credit(articles: dict[str, Article]) -> None:
    article = articles["text_compact_date.txt"]
    assert article.published_at == "2023-08-15"
    assert place_and_agency(article) == ("Hanoi Vietnam", "IANS")
    assert "drinking water to the worst-hit districts.\n\n" in article.body


def test_blank_separated_dump(articles: dict[str, Article]) -> None:
    article = articles["text_blank_separated.txt"]
    assert article.title == "City council approves plan for car-free centre"
    assert article.body.startswith("The city council voted on Tuesday")
    assert "suburbs would go elsewhere if they could no longer drive into the centre, and several" in article.body
    for junk in ("Share this article", "Listen to this article", "Previous Article", "Mayor opens new library", "Ferry timetable"):
        assert junk not in article.body
    assert article.published_at is None


def test_dump_without_headline(articles: dict[str, Article]) -> None:
    article = articles["text_no_title.txt"]
    assert article.title is None
    assert "no title found" in article.extraction.warnings
    assert article.body.startswith("The regional hospital opened")


def test_hints_fill_gaps_and_are_labelled_feed() -> None:
    from foundation.records import SourceHints

    path = DEVSET / "text_no_title.txt"
    article = extract(
        RawDocument(
            source="x",
            content=path.read_bytes(),
            hints=SourceHints(title="Hospital opens wing", published_at="2024-02-05T08:00:00+01:00", tags=("Health", "health")),
        )
    )
    assert article.title == "Hospital opens wing"
    assert article.published_at == "2024-02-05T08:00+01:00"
    assert article.date_sources == {"published_at": "feed"}
    assert article.tags == ["health"]
    assert "no title found" not in article.extraction.warnings
