"""The language of a dump and jusText's stop words for it, which the line model's features and the
headline search read (stop-word density works for any language jusText has a list for)."""

from __future__ import annotations

import functools

import justext

from pipelines.extraction import language
from pipelines.extraction.dumps.lines import n_words
from pipelines.extraction.dumps.units import Unit

# ISO 639-1 code (py3langid) -> jusText stop-list name, for the languages both cover.
STOPLIST_NAMES = {
    "af": "Afrikaans",
    "an": "Aragonese",
    "ar": "Arabic",
    "az": "Azerbaijani",
    "be": "Belarusian",
    "bg": "Bulgarian",
    "bn": "Bengali",
    "br": "Breton",
    "bs": "Bosnian",
    "ca": "Catalan",
    "cs": "Czech",
    "cy": "Welsh",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "eo": "Esperanto",
    "es": "Spanish",
    "et": "Estonian",
    "eu": "Basque",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "fy": "West_Frisian",
    "ga": "Irish",
    "gl": "Galician",
    "gu": "Gujarati",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "ht": "Haitian",
    "hu": "Hungarian",
    "hy": "Armenian",
    "id": "Indonesian",
    "ig": "Igbo",
    "is": "Icelandic",
    "it": "Italian",
    "jv": "Javanese",
    "ka": "Georgian",
    "kk": "Kazakh",
    "kn": "Kannada",
    "ko": "Korean",
    "ku": "Kurdish",
    "ky": "Kyrgyz",
    "la": "Latin",
    "lb": "Luxembourgish",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "mk": "Macedonian",
    "ml": "Malayalam",
    "mr": "Marathi",
    "ms": "Malay",
    "mt": "Maltese",
    "ne": "Nepali",
    "nl": "Dutch",
    "nn": "Norwegian_Nynorsk",
    "no": "Norwegian_Bokmal",
    "oc": "Occitan",
    "pl": "Polish",
    "pt": "Portuguese",
    "qu": "Quechua",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sr": "Serbian",
    "sv": "Swedish",
    "sw": "Swahili",
    "ta": "Tamil",
    "te": "Telugu",
    "tk": "Turkmen",
    "tl": "Tagalog",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "uz": "Uzbek",
    "vi": "Vietnamese",
    "vo": "Volapuk",
    "wa": "Walloon",
    "yo": "Yoruba",
}
# Enough text for a sure guess; py3langid's cost grows with the sample.
LANGUAGE_SAMPLE = 1000
# Characters per word, spaces included, above which a unit is names glued together, not sentences.
MAX_WORD_LENGTH = 15


def dump_language(units: list[Unit]) -> str | None:
    """The language of the dump's sentence-like units (menus are too short to weigh in, and a picker
    of countries or languages glued without spaces, "AndorraAngolaAntigua and Barbuda…", reads as
    one long word of an agglutinative language)."""
    sample = []
    size = 0
    for unit in units:
        if len(unit.text) > 60 and len(unit.text) <= MAX_WORD_LENGTH * n_words(unit.text):
            sample.append(unit.text)
            size += len(unit.text)
            if size > LANGUAGE_SAMPLE:
                break
    return language.detect(" ".join(sample))


def stoplist(code: str | None) -> frozenset[str]:
    """jusText's stop words for an ISO 639-1 code; empty for languages it has no list for."""
    return _stoplist(code) if code else frozenset()


@functools.cache
def _stoplist(code: str) -> frozenset[str]:
    name = STOPLIST_NAMES.get(code)
    return frozenset(justext.get_stoplist(name)) if name else frozenset()
