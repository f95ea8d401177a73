"""The dump reader and the stories' shingling agree on which characters are Chinese or Japanese
(`pipelines.extraction.scripts`), compatibility ideographs included."""

from __future__ import annotations

import pytest

from pipelines.extraction.dumps.lines import n_words
from pipelines.extraction.scripts import CJK_CHARACTER
from pipelines.stories.signature import words

# The same name with the unified ideograph 崎 (U+5D0E) and the compatibility ideograph 﨑 (U+FA11).
UNIFIED = "山崎太郎さんが東京に来た"
COMPATIBILITY = "山﨑太郎さんが東京に来た"


@pytest.mark.parametrize("text", [UNIFIED, COMPATIBILITY])
def test_every_character_of_a_japanese_sentence_is_cjk(text: str) -> None:
    assert len(CJK_CHARACTER.findall(text)) == len(text)


def test_the_dump_reader_counts_words_in_compatibility_ideographs_as_in_unified_ones() -> None:
    assert n_words(COMPATIBILITY) == n_words(UNIFIED) == 1 + len(UNIFIED) // 2


def test_the_stories_take_each_ideograph_for_a_word_of_its_own() -> None:
    assert words(COMPATIBILITY) == list(COMPATIBILITY)
    assert words(UNIFIED) == list(UNIFIED)


def test_latin_and_digits_are_not_cjk() -> None:
    assert not CJK_CHARACTER.search("Tokyo 2024, ＡＢＣ")
