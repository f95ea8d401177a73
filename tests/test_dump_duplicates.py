"""The body of a text dump keeps every paragraph once, and the most complete copy of the text
(`dumps.duplicates.deduplicate`)."""

from __future__ import annotations

from pipelines.extraction.dumps.duplicates import MAX_FUZZY_PARAGRAPHS, deduplicate

FIRST = "The council voted on Tuesday to close the bridge."
SECOND = "Engineers found cracks in two of its piers."
THIRD = "A ferry will carry cyclists in the meantime."


def test_a_flattened_copy_of_paragraphs_kept_elsewhere_goes() -> None:
    assert deduplicate([f"{FIRST} {SECOND} {THIRD}", FIRST, SECOND, THIRD]) == [FIRST, SECOND, THIRD]


def test_a_copy_with_a_sentence_found_nowhere_else_is_the_complete_one() -> None:
    fuller = f"{FIRST} {SECOND} Repairs will take a year."
    assert deduplicate([FIRST, SECOND, fuller]) == [fuller]


def test_repeats_differing_in_case_and_punctuation_are_kept_once() -> None:
    assert deduplicate([FIRST, SECOND, FIRST.upper().rstrip("."), "", SECOND]) == [FIRST, SECOND]


def test_a_teaser_cut_with_an_ellipsis_goes_where_its_visible_part_is_in_the_article() -> None:
    teaser = "The council voted on Tuesday to close …"
    assert deduplicate([teaser, FIRST, SECOND]) == [FIRST, SECOND]


def test_a_short_paragraph_with_an_ellipsis_of_its_own_stays() -> None:
    quote = "Well... we will see."
    assert deduplicate([FIRST, quote, "We will see what they do next."]) == [FIRST, quote, "We will see what they do next."]


def test_past_the_fuzzy_limit_only_exact_repeats_go() -> None:
    many = [f"Paragraph number {n} of a long collection." for n in range(MAX_FUZZY_PARAGRAPHS)]
    kept = deduplicate([*many, f"{FIRST} {SECOND}", FIRST, many[0]])
    assert kept == [*many, f"{FIRST} {SECOND}", FIRST]
