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


def test_sentences_are_sentence_end_split() -> None:
    for text in [*SENTENCES, " ".join(SENTENCES)]:
        assert units._sentences(text) == units.SENTENCE_END.split(text)


def test_paragraph_sentences_are_the_look_behind_split() -> None:
    look_behind = re.compile(r"(?<=[.!?…])[\"”’»)]?\s+")
    for text in [*SENTENCES, " ".join(SENTENCES), "a. . b", 'He said "Yes."  Then', "x…  y! z? w).  v"]:
        assert cut_after_marks(dump_duplicates._SENTENCE_END, text) == look_behind.split(text)
