"""jusText's context-sensitive pass (`justext.core.revise_paragraph_classification`) in linear time.

trafilatura falls back on jusText when its own extraction looks short or unclean. jusText's pass
finds each short paragraph's nearest good or bad neighbour by walking to it, so a run of thousands
of short paragraphs (a menu of nested items, a listing) costs the square of its length: a page
with a menu of 8,000 items took 24 s, nearly all of it in that walk. Written here because no
jusText release has it linear (the upstream fix, jusText pull request 52, is an open draft): the
neighbours are read from one pass each way over the paragraphs instead, and the classes that come
out are jusText's own, which `tests/test_justext_context.py` checks against jusText's function on
random paragraphs, so a jusText release that changes the pass fails there. `install` puts it where
trafilatura calls it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from foundation.workarounds import replace_trafilatura_step

_GOOD_OR_BAD = frozenset({"good", "bad"})
_NOT_SHORT = _GOOD_OR_BAD | {"neargood"}
# jusText's default, which trafilatura passes too: how many characters after a short heading a good
# paragraph may start for the heading to count as near good.
MAX_HEADING_DISTANCE = 200


class Paragraph(Protocol):
    """What the pass reads and writes of a `justext.paragraph.Paragraph`."""

    cf_class: str
    class_type: str
    heading: bool

    @property
    def text(self) -> str: ...


def install() -> None:
    """Let trafilatura's jusText fallback call this pass instead of jusText's."""
    replace_trafilatura_step("external", "revise_paragraph_classification", revise_paragraph_classification)


def revise_paragraph_classification(paragraphs: Sequence[Paragraph], max_heading_distance: int = MAX_HEADING_DISTANCE) -> None:
    """jusText's classes revised by their neighbours, in place, as its own function revises them."""
    # As in jusText, a heading's followers are read before their own classes are copied over, so
    # on fresh paragraphs no short heading becomes near-good here: copying first would change results.
    for index, paragraph in enumerate(paragraphs):
        paragraph.class_type = paragraph.cf_class
        if paragraph.heading and paragraph.class_type == "short" and _good_within(paragraphs, index, max_heading_distance):
            paragraph.class_type = "neargood"
    _revise_short(paragraphs)
    _revise_neargood(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        revisable = paragraph.heading and paragraph.class_type == "bad" and paragraph.cf_class != "bad"
        if revisable and _good_within(paragraphs, index, max_heading_distance):
            paragraph.class_type = "good"


def _good_within(paragraphs: Sequence[Paragraph], index: int, max_distance: int) -> bool:
    """Whether a good paragraph starts within `max_distance` characters after the one at `index`."""
    distance = 0
    for after in range(index + 1, len(paragraphs)):
        if distance > max_distance:
            return False
        if paragraphs[after].class_type == "good":
            return True
        distance += len(paragraphs[after].text)
    return False


def _revise_short(paragraphs: Sequence[Paragraph]) -> None:
    """A short paragraph between two good ones is good, between two bad ones bad; between a good and
    a bad one, good where a near-good one stands on the bad side before the bad one."""
    classes = [paragraph.class_type for paragraph in paragraphs]
    before, after = _nearest_before(classes, _GOOD_OR_BAD), _nearest_after(classes, _GOOD_OR_BAD)
    any_before, any_after = _nearest_before(classes, _NOT_SHORT), _nearest_after(classes, _NOT_SHORT)
    for index, paragraph in enumerate(paragraphs):
        if classes[index] != "short":
            continue
        previous, following = before[index], after[index]
        if previous == following:
            paragraph.class_type = previous
        elif (previous == "bad" and any_before[index] == "neargood") or (following == "bad" and any_after[index] == "neargood"):
            paragraph.class_type = "good"
        else:
            paragraph.class_type = "bad"


def _revise_neargood(paragraphs: Sequence[Paragraph]) -> None:
    """A near-good paragraph between two bad ones is bad, else good. jusText revises them in order,
    so the one before may already be revised: that one is read as revised, the ones after as they were."""
    after = _nearest_after([paragraph.class_type for paragraph in paragraphs], _GOOD_OR_BAD)
    previous = "bad"
    for index, paragraph in enumerate(paragraphs):
        if paragraph.class_type == "neargood":
            paragraph.class_type = "bad" if previous == after[index] == "bad" else "good"
        if paragraph.class_type in _GOOD_OR_BAD:
            previous = paragraph.class_type


def _nearest_before(classes: list[str], wanted: frozenset[str]) -> list[str]:
    """For each paragraph, the class of the nearest one before it whose class is `wanted` ("bad" if none)."""
    found, nearest = [], "bad"
    for value in classes:
        found.append(nearest)
        if value in wanted:
            nearest = value
    return found


def _nearest_after(classes: list[str], wanted: frozenset[str]) -> list[str]:
    """For each paragraph, the class of the nearest one after it whose class is `wanted` ("bad" if none)."""
    return _nearest_before(classes[::-1], wanted)[::-1]
