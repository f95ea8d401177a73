"""The publisher of a text dump: a line it repeats, taken only where the page's address spells it.
A dump repeats its menu's sections and its interface's labels more often than the site's name."""

from __future__ import annotations

from collections import Counter

import pytest

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dumps.publishers import repeated_name, spells_site
from tests.support.harbour_story import ARTICLE, HEADLINE, MENU

URL = "https://www.coastalherald.com/local/harbour-authority-approves-dredging"


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("Sputnik Africa", "https://en.sputniknews.africa/20231031/russia-to-react"),
        ("The Seattle Times", "https://www.seattletimes.com/business/story"),
        ("Süddeutsche Zeitung", "https://www.sueddeutsche.de/politik/story"),
        ("Página 12", "https://www.pagina12.com.ar/story"),
        ("BBC News", "https://www.bbc.co.uk/news/world-123"),
    ],
)
def test_a_sites_name_is_spelt_by_its_address(name: str, url: str) -> None:
    assert spells_site(name, url)


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("News", "https://news.yahoo.com/story"),
        ("News", "https://www.kaieteurnewsonline.com/2022/05/06/story"),
        ("Reply", "https://www.coastalherald.com/story"),
        ("Coastal Herald", "not an address"),
    ],
    ids=["subdomain", "small part of the domain", "another word", "no address"],
)
def test_a_section_or_a_label_is_not(name: str, url: str) -> None:
    assert not spells_site(name, url)


def test_the_most_repeated_line_the_address_spells_is_the_publisher() -> None:
    counts = Counter({"Reply": 9, "Advertisement": 5, "Coastal Herald": 3})
    assert repeated_name(counts, URL) == "Coastal Herald"
    assert repeated_name(counts, None) is None


def _dump(*, with_name: bool) -> str:
    # A thread's "Reply" links and the ad slots repeat far more often than the site's name.
    site = ["Coastal Herald"] if with_name else []
    return "\n\n".join(
        [*site, *MENU, "Advertisement", HEADLINE, *ARTICLE, *site, "Advertisement"]
        + [line for number in range(4) for line in (f"Reader {number} wrote: good news for the town at last.", "Reply")]
        + [*site, "Advertisement"]
    )


def test_a_dump_names_its_publisher_by_the_repeated_line_its_address_spells() -> None:
    article = extract(RawDocument(source="test", content=_dump(with_name=True).encode(), url=URL))
    assert article.publisher == "Coastal Herald"


def test_a_dump_whose_repeated_lines_are_its_interface_has_no_publisher() -> None:
    article = extract(RawDocument(source="test", content=_dump(with_name=False).encode(), url=URL))
    assert article.publisher is None
