"""A publisher's template: lines a site repeats are dropped from its articles, dumps and HTML alike, in the core and in Beam."""

from __future__ import annotations

from pathlib import Path

import apache_beam as beam
import pytest
from apache_beam.testing.util import assert_that

from foundation.records import Article, RawDocument
from foundation.vocabulary import ExtractionWarning
from pipelines.extraction import extract
from pipelines.extraction.site_template import SiteTemplate, SiteTemplates, TemplateLimits, site_of
from pipelines.transforms import ExtractArticles

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))

# Furniture shaped like prose, which no single page gives away as such.
NEWSLETTER = (
    "Subscribe to our morning newsletter to receive the most important stories of the day in your inbox, "
    "with analysis from our correspondents around the world."
)
DISCLAIMER = (
    "The views expressed by contributors do not necessarily reflect the editorial position of this publication, "
    "which accepts no responsibility for the accuracy of claims made by third parties."
)


def article_text(seed: Path) -> str:
    """A seed's article lines: its headline and its paragraphs of 20 words or more."""
    lines = seed.read_text(encoding="utf-8").splitlines()
    return "\n".join([lines[0], *(line for line in lines[1:] if len(line.split()) >= 20)])


def site_dump(seed: Path) -> str:
    return "\n".join(["Home", "World", "Business", NEWSLETTER, article_text(seed), DISCLAIMER, "Contact us"])


def site_page(seed: Path) -> str:
    lines = article_text(seed).splitlines()
    paragraphs = "".join(f"<p>{line}</p>" for line in lines[1:])
    return (
        f"<html><head><title>{lines[0]}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{lines[0]}</h1>{paragraphs}<p>{DISCLAIMER}</p></article><footer>Contact us</footer></body></html>"
    )


def raw(seed: Path, content: str, host: str = "news.example") -> RawDocument:
    return RawDocument(source=seed.name, content=content, url=f"https://www.{host}/world/{seed.stem}")


@pytest.mark.parametrize("make", [site_dump, site_page], ids=["dump", "html"])
def test_furniture_that_reads_like_prose_is_kept_alone_and_dropped_once_the_site_repeats_it(make) -> None:
    alone = [extract(raw(seed, make(seed))) for seed in SEEDS]
    assert all(DISCLAIMER in article.body for article in alone)

    template = SiteTemplate()
    learnt = [extract(raw(seed, make(seed)), template=template) for seed in SEEDS]
    for before, article in zip(alone, learnt[:2], strict=False):
        assert article.body == before.body
    for article, seed in zip(learnt[2:], SEEDS[2:], strict=True):
        assert DISCLAIMER not in article.body and NEWSLETTER not in article.body
        assert ExtractionWarning.SITE_TEMPLATE_LINES in article.extraction.warnings
        before = alone[SEEDS.index(seed)]
        # The headline and lede may move to title and subtitle once the furniture above them is
        # gone, and the line classifier may judge a closing credit line otherwise in the new context.
        paragraphs = article_text(seed).splitlines()[2:]
        assert sum(line in article.body for line in paragraphs) >= sum(line in before.body for line in paragraphs) - 1
        assert article.word_count < before.word_count


def test_a_document_seen_again_is_not_counted_twice() -> None:
    template = SiteTemplate()
    for _ in range(5):
        template.learn("https://news.example/same", [DISCLAIMER])
    assert not template.is_template(DISCLAIMER)
    template.learn("https://news.example/other", [DISCLAIMER])
    template.learn("https://news.example/third", [DISCLAIMER])
    assert template.is_template(DISCLAIMER)


def test_numbers_and_case_do_not_make_a_line_new() -> None:
    template = SiteTemplate()
    for day in (1, 2, 3):
        template.learn(f"doc-{day}", [f"© 20{20 + day} News Example. All Rights Reserved. Updated {day} hours ago"])
    assert template.is_template("© 2031 NEWS EXAMPLE. All rights reserved.  Updated 12 hours ago")


def test_a_page_made_only_of_the_template_keeps_its_text() -> None:
    seed = SEEDS[0]
    template = SiteTemplate()
    for number in range(3):
        extract(RawDocument(source=f"{number}", content=site_dump(seed), url=f"https://news.example/{number}"), template=template)
    # The same page under four URLs: every line of it is now the site's, so nothing is taken out.
    again = RawDocument(source="again", content=site_dump(seed), url="https://news.example/again")
    article = extract(again, template=template)
    assert article.body == extract(again).body
    assert ExtractionWarning.SITE_TEMPLATE_LINES not in article.extraction.warnings


def test_memory_is_bounded_and_the_rarest_lines_go_first() -> None:
    template = SiteTemplate(TemplateLimits(max_lines=100))
    for number in range(3):
        template.learn(f"doc-{number}", [DISCLAIMER])
    for number in range(50):
        template.learn(
            f"page-{number}", [f"line {chr(65 + number % 26)}{number // 26} of a page" * 2, f"another {number} unique line x{number}y"]
        )
    assert len(template) <= 100
    assert template.is_template(DISCLAIMER)


def test_the_site_is_the_host_without_www() -> None:
    assert site_of("https://www.News.example/a") == "news.example"
    assert site_of("https://news.example:8443/a") == "news.example"
    assert site_of(None) is None and site_of("seeds/000.txt") is None


def test_the_beam_transform_learns_per_site_and_leaves_other_documents_alone() -> None:
    documents = [raw(seed, site_dump(seed)) for seed in SEEDS]
    documents += [raw(seed, site_dump(seed), host="other.example") for seed in SEEDS[:2]]
    documents += [RawDocument(source=f"{seed.name}-file", content=site_dump(seed)) for seed in SEEDS]

    def check(articles: list[Article]) -> None:
        stripped = [article for article in articles if ExtractionWarning.SITE_TEMPLATE_LINES in article.extraction.warnings]
        assert len(articles) == len(documents)
        # Five pages of one site: from the third on, whatever order the runner brings them in.
        assert len(stripped) == 3
        assert {site_of(article.url) for article in stripped} == {"news.example"}
        assert all(DISCLAIMER not in article.body for article in stripped)

    with beam.Pipeline() as pipeline:
        extracted = pipeline | beam.Create(documents) | ExtractArticles(templates=TemplateLimits())
        assert_that(extracted.articles | beam.combiners.ToList(), lambda lists: check(lists[0]), label="Articles")
        assert_that(extracted.failed, lambda letters: not letters or pytest.fail(f"dead letters: {letters}"), label="NoFailures")


def test_sites_are_kept_apart_and_their_number_bounded() -> None:
    templates = SiteTemplates(TemplateLimits(max_sites=2))
    first = templates.for_url("https://www.one.example/a")
    assert templates.for_url("https://one.example/b") is first
    assert templates.for_url("https://two.example/a") is not first
    templates.for_url("https://three.example/a")
    assert len(templates) == 2 and templates.for_url("https://one.example/c") is not first
    assert templates.for_url(None) is None
