"""A picture's credit ("Foto: dpa", "Bild: TebNad/Shutterstock.com") is furniture: cut out of a
flattened page's line, so that the sentences around it read on, and left out of the body; prose that
names a photo is left whole."""

from __future__ import annotations

import pytest

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dumps.photo_credits import CAPTION_WORDS, is_caption, is_credit, is_flat_caption, split_at_credits
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU

BEFORE = "Die Bohrtürme stehen still."
AFTER = "Bereits die Babylonier kannten Erdöl."


@pytest.mark.parametrize(
    "credit",
    [
        "Bild: TebNad/Shutterstock.com",
        "Foto: Timur | flickr | CC BY 2.0",
        "(Foto: ABr)",
        "Foto: LA NACION",
        "Foto: Getty Images",
        "FOTO: ATON",
        "Foto: dpa",
        "Photo: Reuters/John Smith",
        "Zdjęcie: Pixabay",
        "© Britta Radike / Greenpeace",
        "© Shutterstock/racorn",
        "Fotos: © Burkard Meyer",
        "Copyright: Accurec",
    ],
)
def test_a_credit_is_cut_out_of_a_line(credit: str) -> None:
    assert split_at_credits(f"{BEFORE} {credit} {AFTER}") == [BEFORE, credit, AFTER]
    assert is_credit(credit)


def test_a_credit_ends_at_a_comma_or_a_full_stop() -> None:
    line = "Foto: EnBW Steinheim, Nordrhein-Westfalen. Die EnBW hat den Windpark gekauft."
    assert split_at_credits(line) == ["Foto: EnBW", "Steinheim, Nordrhein-Westfalen. Die EnBW hat den Windpark gekauft."]


@pytest.mark.parametrize("text", ["He took a photo: it was great.", "Photo: it was taken in May.", "The image: a cat on a mat."])
def test_prose_that_names_a_photo_is_left_whole(text: str) -> None:
    assert split_at_credits(text) == [text]
    assert not is_credit(text)


@pytest.mark.parametrize("notice", ["© 1996-2015 The Washington Post", "Copyright © Acme Media Group"])
def test_a_copyright_notice_is_no_credit(notice: str) -> None:
    assert split_at_credits(f"{BEFORE} {notice} {AFTER}") == [f"{BEFORE} {notice} {AFTER}"]


def test_the_lede_glued_after_a_credits_copyright_sign_is_in_the_body() -> None:
    blocks = [*MENU, HEADLINE, f"© Thinkstock {ARTICLE[0]}", *ARTICLE[1:], *FOOTER]
    article = extract(RawDocument(source="test", content=" ".join(blocks).encode()))
    assert "Thinkstock" not in article.body
    assert ARTICLE[0] in article.body


def test_a_credit_glued_between_two_paragraphs_of_a_flattened_page_is_not_in_the_body() -> None:
    blocks = [*MENU, HEADLINE, ARTICLE[0], "Bild: TebNad/Shutterstock.com", *ARTICLE[1:], *FOOTER]
    article = extract(RawDocument(source="test", content=" ".join(blocks).encode()))
    assert "Shutterstock" not in article.body
    assert ARTICLE[1] in article.body


def test_a_credit_on_a_line_of_its_own_is_not_in_the_body() -> None:
    blocks = [*MENU, HEADLINE, ARTICLE[0], "Foto: dpa", *ARTICLE[1:], *FOOTER]
    article = extract(RawDocument(source="test", content="\n".join(blocks).encode()))
    assert "dpa" not in article.body
    assert ARTICLE[1] in article.body


@pytest.mark.parametrize(
    "caption",
    [
        "Son tres los periodos de vacaciones durante el año escolar. Foto: Andina",
        "A man walks past an armoured personnel carrier parked on a Harare street on Thursday Credit: STR/AFP",
        "Die Schleuse am Nordhafen im Winter (Foto: Timur | flickr | CC BY 2.0)",
    ],
)
def test_a_few_words_that_end_on_a_credit_are_a_caption(caption: str) -> None:
    assert is_caption(caption)


def test_a_credit_alone_a_paragraph_or_a_credit_inside_a_line_is_no_caption() -> None:
    assert not is_caption("Foto: dpa")
    assert not is_caption(" ".join(["word"] * (CAPTION_WORDS + 1)) + " Foto: dpa")
    assert not is_caption(f"{BEFORE} Bild: TebNad/Shutterstock.com {AFTER}")


def test_a_pictures_caption_on_a_line_of_its_own_is_not_in_the_body() -> None:
    caption = "The northern channel at low tide, where the dredgers will start. Photo: Reuters/John Smith"
    blocks = [*MENU, HEADLINE, ARTICLE[0], caption, *ARTICLE[1:], *FOOTER]
    article = extract(RawDocument(source="test", content="\n\n".join(blocks).encode()))
    assert "low tide" not in article.body
    assert all(paragraph in article.body for paragraph in ARTICLE)


def test_a_flattened_pages_words_before_a_credit_in_brackets_are_its_caption() -> None:
    assert is_flat_caption("The harbour master and the mayor at the northern lock on Monday", "(Photo: Reuters/John Smith)")


def test_a_sentence_or_words_before_a_credit_without_brackets_are_no_flattened_caption() -> None:
    # A sentence before a credit is the article's as often as a caption; a credit without brackets
    # may open the caption after it, and the words before it are then the article's (a subheading).
    assert not is_flat_caption(BEFORE, "(Foto: dpa)")
    assert not is_flat_caption("Dredging the northern channel", "Foto: dpa")
    assert not is_flat_caption(" ".join(["word"] * (CAPTION_WORDS + 1)), "(Foto: dpa)")
