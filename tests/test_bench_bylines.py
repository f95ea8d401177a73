"""The authors check of bench.bylines: a page is right when every author found is named in its gold byline."""

from __future__ import annotations

from bench.bylines import name_key, named_in


def test_names_compare_without_case_punctuation_or_a_leading_by() -> None:
    assert name_key("By ANNA BERG, Reuters") == "anna berg reuters"
    assert name_key("Par Sébastien Farcis") == "sébastien farcis"
    assert name_key("史蒂文的家_藍天 (stevenhgm)") == "史蒂文的家 藍天 stevenhgm"


def test_every_author_found_must_be_named_in_the_byline() -> None:
    assert named_in(["Anna Berg"], "By Anna Berg, Reuters")
    assert named_in(["Anna Berg", "Jonas Lind"], "Anna Berg and Jonas Lind")
    # A wire service, a site's name or a label taken for the author is a miss, and so is no author.
    assert not named_in(["AFP"], "Par Sébastien Farcis")
    assert not named_in(["Anna Berg", "BBC News"], "By Anna Berg")
    assert not named_in([], "By Anna Berg")
