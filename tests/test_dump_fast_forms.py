"""The text-dump code's faster forms (issue 14) give exactly what the plain forms they replace give.

Checked against the straightforward form on text made to trip each rewrite: abbreviated months
before a day, closing quotes and brackets after a sentence's mark, CJK sentence ends, NULs.
"""

from __future__ import annotations

from pipelines.extraction import line_features

SENTENCES = [
    'Dec. 6, 2024 was cold. Then Jan. 5 came. Jan.  5 x! "Yes." No. «Oui?» (Oh.) 3 5. 6 Mr. Smith… ok。次の文',
    "a.b. c. D Sep. 1 Sep.1 Sep. A. ?! Z .. Q",
    "No end here",
    "",
    "Ends. ",
    "nul\x00inside. And on",
]


def test_sentences_are_sentence_end_split() -> None:
    for text in [*SENTENCES, " ".join(SENTENCES)]:
        assert line_features._sentences(text) == line_features.SENTENCE_END.split(text)
