"""The sentences a flattened dump printed, joined back from the blocks it was cut into. The cuts
that split a menu from a headline are guesses; the headline search (`dumps.headlines.search`) reads the
text as the converter printed it and gives its finds back as the blocks' units."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from pipelines.extraction.dumps.lines import DumpLine, LineKind


@dataclass(slots=True)
class _Printed:
    """Units joined back into the sentence a flattened dump printed (see `printed_sentences`)."""

    text: str
    position: int
    blank_before: bool
    kind: LineKind
    content: float
    units: list[int]
    offsets: list[int]
    """Where each unit starts in `text`."""
    glued: bool = False
    """A printed sentence follows the one before it across a sentence end, never glued to it."""


def printed_groups(lines: Sequence[DumpLine]) -> list[list[int]]:
    """The lines' indices grouped into the sentences the dump printed: the blocks of a flattened
    dump that no sentence end parts are one sentence; every other line is one of its own."""
    groups: list[list[int]] = []
    for index, line in enumerate(lines):
        if line.glued and groups:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def printed_sentences(lines: Sequence[DumpLine]) -> list[_Printed]:
    """The lines with the blocks of a flattened dump joined back into its sentences. The block cuts
    that split a menu from a headline are guesses, and a wrong one splits the headline itself; the
    headline is found in the text as the converter printed it, where its own shape tells its edges."""
    printed: list[_Printed] = []
    for units in printed_groups(lines):
        if len(units) == 1:
            line = lines[units[0]]
            size = len(line.text)
            printed.append(_Printed(line.text, line.position, line.blank_before, line.kind, line.content * size / max(size, 1), units, [0]))
            continue
        members = [lines[index] for index in units]
        texts = [member.text for member in members]
        # The model's guess for the sentence is its blocks' guesses weighed by their length.
        content = sum(member.content * len(member.text) for member in members) / max(sum(map(len, texts)), 1)
        kind = LineKind.CONTENT if any(member.kind == LineKind.CONTENT for member in members) else members[0].kind
        offsets = list(itertools.accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
        printed.append(_Printed(" ".join(texts), members[0].position, members[0].blank_before, kind, content, units, offsets))
    return printed
