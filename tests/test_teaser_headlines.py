"""A link to another story between a page's paragraphs ("Read more: …", "Lea más: …"): on an HTML page
a paragraph of its own, left out of the body; on a flattened dump glued to the paragraph after it,
where the other story's headline is cut off where the paragraph visibly opens and left out too; a
headline that gives no such sign is left whole."""

from __future__ import annotations

import pytest

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dumps.stop_words import stoplist
from pipelines.extraction.dumps.teaser_headlines import cut_teaser_headlines
from pipelines.extraction.dumps.units import Unit
from pipelines.extraction.teaser_labels import is_labelled_teaser
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU
from tests.support.pages import article_page

TEASER = "Ferry fares to rise in spring as the operator counts its losses"


def _flat(*texts: str) -> list[Unit]:
    """Units as a flattened page's blocks: each glued to the one before it."""
    return [Unit(text, source=0, blank_before=False, flat=True, glued=index > 0) for index, text in enumerate(texts)]


def _texts(units: list[Unit], language: str) -> list[str]:
    return [unit.text for unit in cut_teaser_headlines(units, stoplist(language))]


@pytest.mark.parametrize(
    ("language", "unit", "paragraph"),
    [
        (
            "en",
            "Related: Chicago is America's most segregated city The report concluded that the safety net was ineffective.",
            "The report concluded that the safety net was ineffective.",
        ),
        (
            "es",
            "Lea más: Juan Carlos Ortega propone legalizar la comercialización de marihuana en Nicaragua "
            "Las principales actividades económicas fueron el comercio y la industria.",
            "Las principales actividades económicas fueron el comercio y la industria.",
        ),
        (
            "es",
            "Lea más: Carlos Alvarado sobre ataque de hackers: “Los salarios serán depositados sin contratiempos” "
            "Ayer, el gobierno anunció una directriz.",
            "Ayer, el gobierno anunció una directriz.",
        ),
        (
            "de",
            "Lesen Sie auch: Neue Fähren für die Insel sollen im Frühjahr kommen Das Land hat den Bau schon bezahlt.",
            "Das Land hat den Bau schon bezahlt.",
        ),
    ],
)
def test_a_teasers_headline_is_cut_from_the_paragraph_glued_after_it(language: str, unit: str, paragraph: str) -> None:
    assert _texts(_flat("Earlier text ends here.", unit), language) == ["Earlier text ends here.", paragraph]


def test_a_headline_after_its_label_cut_out_of_the_line_is_cut_too() -> None:
    units = _flat(
        "Lire aussi",
        "Les critiques de la CNIL contre le projet de loi sur le renseignement Le dispositif introduit une forme de pêche au chalut.",
    )
    assert _texts(units, "fr") == ["Lire aussi", "Le dispositif introduit une forme de pêche au chalut."]


@pytest.mark.parametrize(
    ("language", "unit"),
    [
        # Title case: no sign where the headline ends.
        ("en", "Related: What Plant Pests Or Bugs Attack Bougainvillea In The Garden"),
        # German capitalises its polite "you" inside a sentence.
        ("de", "Mehr zum Thema: Einen detaillierten Überblick über die Schnittstelle finden Sie im Hilfe-Center."),
        # A capital after a colon opens the headline's next part.
        ("en", "Read more: Looted colonial art in the museums: The collections are to be returned next year"),
        # A headline of two sentences gives no sign where it ends.
        ("pl", "Czytaj też: Atomowy straszak Putina. Czy Rosja go użyje?"),
        # A name's particle after a capital and before a function word.
        ("es", "Le puede interesar: Condenan a cuatro funcionarios, entre ellos Horacio De la Vega y otros tres"),
        # A sentence never ends on a short function word.
        ("de", "Mehr zum Thema: Sonja Wittig schildert, welche Rollen HR im New Learning hat und warum"),
        # No label: a sentence that names a newspaper is the article's.
        ("en", "The mayor told reporters in the harbour that The Times had the figures wrong."),
    ],
)
def test_a_unit_without_a_visible_sentence_opening_after_a_label_is_left_whole(language: str, unit: str) -> None:
    assert _texts(_flat("Earlier text ends here.", unit), language) == ["Earlier text ends here.", unit]


def test_a_headline_on_a_line_of_its_own_after_its_label_is_left_to_the_teasers_classification() -> None:
    units = [
        Unit("Read more", source=0, blank_before=True),
        Unit("Chicago is America's most segregated city The report concluded that it was so.", source=1, blank_before=True),
    ]
    assert _texts(units, "en") == [unit.text for unit in units]


def test_a_teaser_glued_between_two_paragraphs_of_a_flattened_page_is_not_in_the_body() -> None:
    blocks = [*MENU, HEADLINE, ARTICLE[0], ARTICLE[1], f"Read more: {TEASER} {ARTICLE[2]}", *ARTICLE[3:], *FOOTER]
    article = extract(RawDocument(source="test", content=" ".join(blocks).encode()))
    assert "Ferry fares" not in article.body
    assert all(paragraph.split(".")[0] in article.body for paragraph in ARTICLE)


@pytest.mark.parametrize(
    "teaser",
    [
        "Read more: Ferry fares to rise in spring",
        "MIRA: Madre se acerca a conocer los motivos de captura de su hijo",
        "PUEDES VER: ¿Qué es la Sunedu, cómo está conformada y para qué sirve?",
        "Lesen Sie auch: Neue Fähren für die Insel",
        "Mire: El cantante Juan Luis Guerra da positivo a COVID-19",
        "MÁS INFORMACIÓN: Silvia Núñez del Arco habla de su nuevo programa",
    ],
)
def test_a_paragraph_that_is_only_a_labelled_link_to_another_story_is_a_teaser(teaser: str) -> None:
    assert is_labelled_teaser(teaser)


@pytest.mark.parametrize(
    "paragraph",
    [
        # A sentence after the label, ended by a full stop: the article's own.
        "Related: the harbour authority also approved a new pier.",
        # No mark after the label.
        "Read more about the plan on the authority's website",
        "Next: Seeking Solitude.",
    ],
)
def test_a_paragraph_that_reads_on_after_a_label_is_no_teaser(paragraph: str) -> None:
    assert not is_labelled_teaser(paragraph)


def test_a_labelled_teaser_paragraph_of_an_html_page_is_not_in_the_body() -> None:
    paragraphs = [ARTICLE[0], ARTICLE[1], f"Read more: {TEASER}", *ARTICLE[2:]]
    article = extract(RawDocument(source="test", url="https://news.example/harbour", content=article_page(HEADLINE, paragraphs).encode()))
    assert "Ferry fares" not in article.body
    assert all(paragraph in article.body for paragraph in ARTICLE)
