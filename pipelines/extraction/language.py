"""Language as an ISO 639-1 code.

trafilatura only reports a language when a detector (py3langid) is installed, and plain-text dumps
carry no markup at all, so this module has a small stop-word vote for the common news languages.
It is deliberately conservative: no clear winner means no language.
"""

from __future__ import annotations

import re

from pipelines.extraction.normalize import words

STOPWORDS = {
    "en": "the of and to in is that for it on was with as by he said at from his are be have has this which will not an were their its but they".split(),
    "de": "der die und das ist nicht mit den von zu sich des auf für ein eine im dem auch es wird bei sie wurde nach einer aus hat wie".split(),
    "fr": "le la les et des est une pour dans que qui du pas au sur par avec il elle ont été sont mais ce cette aux leur plus".split(),
    "es": "el la los las y de que en un una es por con para del se su al lo como más pero sus fue ha este esta".split(),
    "it": "il di che e la per un una del della non sono con si è da nel alla gli le dei ha anche come questo".split(),
    "pt": "o a os as de que e do da em um uma para com não por se na no mais foi dos das ao como pelo".split(),
    "nl": "de het een en van is dat op te in voor niet met zijn er ook door aan bij als wordt naar werd".split(),
    "ru": "и в не на что с по как это он к из за от его для но о так же был она были все".split(),
}
_LOOKUP = {lang: frozenset(ws) for lang, ws in STOPWORDS.items()}
_CODE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*$")
# ISO 639-2 codes that pages sometimes use in place of the two-letter form.
_THREE_TO_TWO = {"eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "ita": "it",
                 "por": "pt", "nld": "nl", "dut": "nl", "rus": "ru", "jpn": "ja", "zho": "zh", "chi": "zh"}


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


def detect(text: str, sample_words: int = 400) -> str | None:
    tokens = [w.casefold() for w in words(text[:20000])][:sample_words]
    if len(tokens) < 8:
        return None
    scores = {lang: sum(1 for t in tokens if t in stop) for lang, stop in _LOOKUP.items()}
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, best_score), (_, second_score) = ranked[0], ranked[1]
    if best_score < max(3, len(tokens) * 0.08) or best_score < second_score * 1.5:
        return None
    return best
