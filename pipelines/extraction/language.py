"""Language as an ISO 639-1 code: from what a page declares, or detected from its text.

Detection uses py3langid (97 languages, its model ships inside the package), the detector
trafilatura itself relies on. It is conservative: a short text or an unsure guess means no
language, since a wrong one would hide an article from a language filter.
"""

from __future__ import annotations

import functools
import re

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Letters rather than words: Chinese and Japanese do not separate words with spaces.
MIN_LETTERS = 40
MIN_PROBABILITY = 0.9
# Plenty for a sure guess; the detector's cost grows with the text.
_SAMPLE_CHARS = 5_000
_LETTER = re.compile(r"[^\W\d_]")
_CODE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*$")
# ISO 639-2 codes that pages sometimes use in place of the two-letter form.
_THREE_TO_TWO = {
    "eng": "en",
    "deu": "de",
    "ger": "de",
    "fra": "fr",
    "fre": "fr",
    "spa": "es",
    "ita": "it",
    "por": "pt",
    "nld": "nl",
    "dut": "nl",
    "rus": "ru",
    "jpn": "ja",
    "zho": "zh",
    "chi": "zh",
}


def normalize_code(value: str | None) -> str | None:
    """`en-US`, `en_EN`, `EN`, `eng` -> `en`; anything else -> None."""
    if not value:
        return None
    match = _CODE.match(value.strip().split(",")[0].strip())
    if not match:
        return None
    code = match[1].lower()
    if len(code) == 3:
        return _THREE_TO_TWO.get(code)
    return code


def detect(text: str) -> str | None:
    """The language of `text` when py3langid is sure of it, else None."""
    sample = text[:_SAMPLE_CHARS]
    if not _has_letters(sample, MIN_LETTERS):
        return None
    code, probability = _identifier().classify(sample)
    return code if probability >= MIN_PROBABILITY else None


def _has_letters(text: str, count: int) -> bool:
    letters = _LETTER.finditer(text)
    return all(next(letters, None) is not None for _ in range(count))


@functools.cache
def _identifier() -> LanguageIdentifier:
    # Loading the model takes about a second: once per process, and only when a text needs it.
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # Two-letter codes only, as the index stores: the model's three-letter varieties (Moroccan and
    # Egyptian Arabic, Cantonese…) would otherwise split the probability of their macrolanguage.
    identifier.set_languages([code for code in identifier.nb_classes if len(code) == 2])
    return identifier
