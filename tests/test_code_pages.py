"""Text in a Central European code page read in a Western one comes out in the words the article
wrote, whichever of the two Central European code pages it was written in and whichever Western
one read it; real text with such signs outside words, and a script's strings, are left alone."""

from __future__ import annotations

import pytest

from foundation.records import RawDocument
from foundation.vocabulary import ExtractionWarning
from pipelines.extraction import extract
from pipelines.extraction.code_pages import repair_code_page

HEADLINE = "Sejm zagłosował za zwiększeniem środków własnych Unii"
PARAGRAPHS = [
    "Ostra debata w Sejmie przybliżyła Polskę do zatwierdzenia decyzji o zasobach własnych Unii Europejskiej.",
    "Koalicji nie udało się przełożyć głosowania, a rząd zapowiedział, że pieniądze trafią do samorządów jeszcze w tym roku.",
    "Wyzwaniem dla opozycji będzie teraz monitorowanie prawidłowości wydawania pieniędzy z funduszy odbudowy.",
]
CZECH = "Vláda schválila návrh zákona o školách a životním prostředí, řekl ministr. Příště se sejde ve středu."


def misread(text: str, written: str, read: str) -> str:
    """The text's bytes in the code page it was `written` in, read in another."""
    return text.encode(written).decode(read)


def test_a_dump_in_windows_1250_read_as_windows_1252_reads_as_written():
    dump = "\n\n".join(["Strona główna | Kraj | Świat", HEADLINE, *PARAGRAPHS])
    broken = misread(dump, "windows-1250", "windows-1252")
    assert "zag³osowa³" in broken

    article = extract(RawDocument(source="dump.txt", content=broken, content_type="text/plain"))

    assert article.title == HEADLINE
    for paragraph in PARAGRAPHS:
        assert paragraph in article.body
    assert ExtractionWarning.MOJIBAKE_REPAIRED in article.extraction.warnings


@pytest.mark.parametrize(
    ("text", "written", "read"),
    [
        (CZECH, "iso-8859-2", "latin-1"),
        (CZECH, "windows-1250", "latin-1"),
        (PARAGRAPHS[1], "iso-8859-2", "latin-1"),
        (PARAGRAPHS[1], "windows-1250", "windows-1252"),
    ],
)
def test_the_code_page_the_text_was_written_in_is_found(text, written, read):
    # The two code pages put "š" and "ą" at each other's bytes: read back in the wrong one, Czech reads as Polish.
    assert repair_code_page(misread(text, written, read)) == text


def test_characters_no_western_code_page_has_are_kept_beside_the_repaired_text():
    text = f"℗ Wydawnictwo — {misread(PARAGRAPHS[1], 'windows-1250', 'windows-1252')} Łódź"
    assert repair_code_page(text) == f"℗ Wydawnictwo — {PARAGRAPHS[1]} Łódź"


@pytest.mark.parametrize(
    "text",
    [
        "Le cœur et la sœur de Raphaël, « calme et déterminé », ont payé £20 pour 10 m³ et ¹ note.",
        "¿por qué? ¿qué pasa? ¿cómo estás? — dijo en la mañana, con ñ y ü.",
        'var a = new Array("º<", "¹>", "¦/"); jsdchtml3(\'aºerh¹b¦c\'); // données éclairées',
        PARAGRAPHS[0],
    ],
)
def test_real_text_with_such_signs_is_left_alone(text):
    assert repair_code_page(text) is None
