"""Mojibake undone: a dump saved, or a page served, with its UTF-8 read in a single-byte charset
comes out in the words the article wrote, with a warning; real text that only looks like mojibake
(accents before quotes, a registered sign, soft hyphens) is left alone."""

from __future__ import annotations

import pytest

from foundation.records import RawDocument, SourceHints
from foundation.vocabulary import ExtractionWarning
from pipelines.extraction import extract
from pipelines.extraction.feed_only import feed_only_article
from pipelines.extraction.mojibake import repair_mojibake, repaired_hints
from tests.support.pages import article_page

HEADLINE = "Sprzeciw wobec ataków na Fundację Lux Veritatis"
PARAGRAPHS = [
    "Kolejne organizacje sprzeciwiają się skandalicznym i bezpodstawnym atakom wymierzonym w fundację, nadawcę telewizji.",
    "Specjalną uchwałę w obronie fundacji oraz dziennikarzy przyjęła w środę rada stowarzyszenia, która zebrała się w Toruniu.",
    "Nie możemy pozwolić na takie działania – napisali sygnatariusze listu, wzywając władze do reakcji na kolejne przypadki nękania.",
    "Fundacja zapowiedziała, że odpowie na zarzuty w sądzie, a jej prawnicy przygotowują już pozew przeciwko autorom publikacji.",
]

# Text a Central European code page holds (no en dash, no "„"), for a page served in ISO-8859-2.
CODE_PAGE_HEADLINE = "Sejm zagłosował za zwiększeniem środków własnych Unii"
CODE_PAGE_PARAGRAPHS = [
    "Koalicji nie udało się przełożyć głosowania, a rząd zapowiedział, że pieniądze trafią do samorządów jeszcze w tym roku.",
    "Ostra debata w Sejmie przybliżyła Polskę do zatwierdzenia decyzji o zasobach własnych Unii Europejskiej.",
]


def mojibake(text: str, charset: str = "cp1252") -> str:
    """The text's UTF-8 bytes read in `charset`, as a misconfigured scraper saves them."""
    return text.encode("utf-8").decode(charset, errors="ignore")


def test_a_dump_saved_as_mojibake_reads_as_the_article_wrote_it():
    dump = "\n\n".join(["Strona główna | Polska | Świat", HEADLINE, *PARAGRAPHS, "© 2021 Wszelkie prawa zastrzeżone"])
    broken = mojibake(dump)
    assert "FundacjÄ™" in broken

    article = extract(RawDocument(source="dump.txt", content=broken, content_type="text/plain"))

    assert article.title == HEADLINE
    for paragraph in PARAGRAPHS:
        assert paragraph in article.body
    assert "Ä" not in article.body
    assert ExtractionWarning.MOJIBAKE_REPAIRED in article.extraction.warnings


@pytest.mark.parametrize(
    ("headline", "paragraphs", "charset"),
    [
        (HEADLINE, PARAGRAPHS, "utf-8"),
        # A Central European code page's letters come out as signs, which ftfy leaves (see `code_pages`).
        (CODE_PAGE_HEADLINE, CODE_PAGE_PARAGRAPHS, "iso-8859-2"),
    ],
    ids=["utf-8", "iso-8859-2"],
)
def test_a_page_served_with_the_wrong_charset_is_repaired(headline: str, paragraphs: list[str], charset: str):
    page = article_page(headline, paragraphs)
    # The bytes the server declares as Latin-1: decoding as declared cannot fail, and leaves mojibake.
    article = extract(RawDocument(source="page.html", content=page.encode(charset), content_type="text/html; charset=iso-8859-1"))

    assert article.title == headline
    assert paragraphs[0] in article.body
    assert ExtractionWarning.MOJIBAKE_REPAIRED in article.extraction.warnings


def test_only_the_broken_lines_change():
    sound = "Raphaël Garrigos, « calme et déterminé », NESCAFÉ® — déjà vu…"
    assert repair_mojibake(f"{sound}\n{mojibake('Mäscot das Schaf')}") == f"{sound}\nMäscot das Schaf"


@pytest.mark.parametrize(
    "text",
    [
        "Ein Kommentar von Raphaël Garrigos: „calme et déterminé“ ».",
        "NESCAFÉ® NESQUIK® NESTLÉ®",
        "Tomáš Souček, West Ham United FC",
        "die Zeit unse\xadrer Groß\xadvä\xadter",
        "la Caisse de solidarité… 11 décembre",
        "puntualizó el oficial: «estamos aquí»",
        "plain ASCII text, nothing to repair",
    ],
)
def test_real_text_that_looks_like_mojibake_is_left_alone(text):
    assert repair_mojibake(text) is None


def test_a_feed_entrys_title_summary_and_author_read_as_the_feed_wrote_them():
    hints = SourceHints(
        title=mojibake(HEADLINE), summary=mojibake(PARAGRAPHS[0]), authors=(mojibake("Paweł Świątek"),), tags=(mojibake("Fundacja"),)
    )
    raw = RawDocument(source="feed", content=b"", url="https://news.example/pl/fundacja", hints=hints)

    article = feed_only_article(raw)

    assert article.title == HEADLINE
    assert article.body == PARAGRAPHS[0]
    assert article.authors == ["Paweł Świątek"]
    assert ExtractionWarning.MOJIBAKE_REPAIRED in article.extraction.warnings


def test_a_pages_title_taken_from_its_feed_entry_reads_as_written():
    page = "<html><body><article>" + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS) + "</article></body></html>"
    hints = SourceHints(title=mojibake(HEADLINE))

    article = extract(RawDocument(source="feed", content=page.encode(), url="https://news.example/pl/fundacja", hints=hints))

    assert article.title == HEADLINE


def test_sound_hints_are_left_as_they_are():
    hints = SourceHints(title=HEADLINE, summary="NESCAFÉ® NESQUIK® NESTLÉ®", authors=("Tomáš Souček",))
    assert repaired_hints(hints) is hints
