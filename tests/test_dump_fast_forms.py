"""The text-dump code's faster forms (issue 14) give exactly what the plain forms they replace give.

Checked against the straightforward form on text made to trip each rewrite: abbreviated months
before a day, closing quotes and brackets after a sentence's mark, CJK sentence ends, NULs, runs of marks.
"""

from __future__ import annotations

import re

from pipelines.extraction.dumps import duplicates as dump_duplicates
from pipelines.extraction.dumps import units
from pipelines.extraction.dumps.sentence_cuts import cut_after_marks

SENTENCES = [
    'Dec. 6, 2024 was cold. Then Jan. 5 came. Jan.  5 x! "Yes." No. «Oui?» (Oh.) 3 5. 6 Mr. Smith… ok。次の文',
    "a.b. c. D Sep. 1 Sep.1 Sep. A. ?! Z .. Q Sept. 25 Sept. B",
    "Von Anna Berg 04. Dezember 2022 In der Stadt. 01. Dez. 2022 | 14:08 am 1. Mai. Neu 3. Out of 2. Mar 5 12. Juni. Ja",
    "No end here",
    "",
    "Ends. ",
    "nul\x00inside. And on",
    "Nr. 48/22 und Abs. 4 bzw. Sonntag. Nr. Abs. Bzw. Zu xNr. 5 Dr. Nr.",
]


def _split_keeping_closers(pattern: re.Pattern[str], text: str) -> list[str]:
    """`pattern.split(text)` (a look-behind for the mark, a captured run of closing quotes and
    brackets, then spaces) with each run of closers given back to the sentence it closes."""
    parts = pattern.split(text)
    return [parts[i] + (parts[i + 1] or "" if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]


def test_sentences_are_sentence_end_split() -> None:
    keeping = re.compile(units.SENTENCE_END.pattern.replace(r"[\"”’»)\]]*\s+", r"([\"”’»)\]]*)\s+", 1))
    assert keeping.pattern != units.SENTENCE_END.pattern
    for text in [*SENTENCES, " ".join(SENTENCES)]:
        assert units._sentences(text) == _split_keeping_closers(keeping, text)


def test_paragraph_sentences_are_the_look_behind_split() -> None:
    look_behind = re.compile(r"(?<=[.!?…])([\"”’»)]?)\s+")
    for text in [*SENTENCES, " ".join(SENTENCES), "a. . b", 'He said "Yes."  Then', "x…  y! z? w).  v"]:
        assert cut_after_marks(dump_duplicates._SENTENCE_END, text) == _split_keeping_closers(look_behind, text)


def test_a_sentences_closing_quote_stays_with_it() -> None:
    # The split at a look-behind dropped it: '“… warnings.” Tagged: …' lost its closing quote.
    assert units._sentences("“Seven are on the list of warnings.” Tagged: amazon. (So it was.) Next") == [
        "“Seven are on the list of warnings.”",
        "Tagged: amazon.",
        "(So it was.)",
        "Next",
    ]
