"""The learned headline ranker: the shipped model reads the features `dumps.headlines.search` computes, ranks
a dump's candidates by what sets a headline apart from its neighbours, and the script that makes it
finds each training page's headline in its HTML and gives the same model for the same inputs."""

from __future__ import annotations

import json

import numpy as np
import pytest

from pipelines.extraction.dumps.headlines import model as headline_model
from pipelines.extraction.dumps.headlines.model import Candidate, Headline

FEATURES = headline_model.FEATURE_NAMES


def _candidate(text: str, unit: int, **values: float) -> Candidate:
    features = dict.fromkeys(FEATURES, 0.0) | {"tokens": len(text.split()), "chars": len(text), "unit": unit} | values
    return Candidate(Headline(text, unit, True), [features[name] for name in FEATURES])


def _choose(monkeypatch, chances: list[float], *candidates: Candidate, stops: frozenset[str] = frozenset()) -> Headline | None:
    """The headline taken among `candidates`, with the ranker's chances for them set to `chances`."""
    monkeypatch.setattr(headline_model, "probabilities", lambda _: np.asarray(chances))
    return headline_model.accepted(headline_model.likeliest(candidates, stops))


def test_shipped_model_reads_the_features_dump_headline_computes() -> None:
    model = headline_model.load()
    assert len(model.roots) > 0
    data = json.loads(headline_model.MODEL_PATH.read_text())
    assert data["features"] == list(headline_model.MODEL_FEATURES)


def test_ranked_features_compare_each_candidate_with_the_dumps_others() -> None:
    texts = ["Harbour authority approves dredging", "Harbour authority approves dredging", "Harbour authority", "Menu"]
    rows = np.asarray(
        [
            _candidate(text, unit, hand_score=score).features
            for unit, (text, score) in enumerate(zip(texts, [3.0, 2.5, 1.0, 0.5], strict=True))
        ]
    )
    ranked = headline_model.ranked(rows, texts)
    names = headline_model.MODEL_FEATURES
    assert ranked.shape == (4, len(names))
    assert ranked[:, names.index("hand_margin")].tolist() == [0.0, -0.5, -2.0, -2.5]
    assert ranked[:, names.index("same_text")].tolist() == [1, 1, 0, 0]
    # The shorter span lies inside both copies of the longer one.
    assert ranked[:, names.index("inside_others")].tolist() == [0, 0, 2, 0]
    assert ranked[:, names.index("holds_others")].tolist() == [1, 1, 0, 0]


def test_no_candidate_no_headline() -> None:
    assert headline_model.likeliest([]) is None


def test_a_shorter_line_just_above_the_chosen_line_is_the_headline_over_its_standfirst(monkeypatch) -> None:
    headline = _candidate("Kyiv reports repairs to power grid", 0, hand_score=2.0)
    standfirst = _candidate("The energy ministry said most regions had electricity again", 1, hand_score=2.4)
    assert _choose(monkeypatch, [0.3, 0.8], headline, standfirst) is headline.headline
    # Well below the line under it by hand, the line above is not its headline.
    weak = _candidate("Kyiv reports repairs to power grid", 0, hand_score=1.0)
    assert _choose(monkeypatch, [0.3, 0.8], weak, standfirst) is standfirst.headline
    # Nor is a line that is not just above it.
    far = _candidate("Kyiv reports repairs to power grid", -1, hand_score=2.0)
    assert _choose(monkeypatch, [0.3, 0.8], far, standfirst) is standfirst.headline
    # Nor a section's label, as good by hand but of two words,
    label = _candidate("Energy", 0, hand_score=2.2)
    assert _choose(monkeypatch, [0.3, 0.8], label, standfirst) is standfirst.headline
    # nor a line the ranker would not take on its own (a ticker's figures).
    figures = _candidate("5,153.58 -35.56 (-0.69%)", 0, hand_score=2.2)
    assert _choose(monkeypatch, [0.01, 0.8], figures, standfirst) is standfirst.headline
    # Nor a kicker above a headline that spells more of the URL's slug than it does.
    kicker = _candidate("#Energy in brief: grid repairs 22 April", 0, hand_score=2.2, slug=0.2)
    slugged = _candidate("Kyiv reports repairs to power grid after strikes", 1, hand_score=2.4, slug=1.0)
    assert _choose(monkeypatch, [0.7, 0.8], kicker, slugged) is slugged.headline


def test_a_shorter_line_above_a_line_a_byline_follows_is_its_kicker_not_its_headline(monkeypatch) -> None:
    kicker = _candidate("On your screens this week", 0, hand_score=2.3)
    headline = _candidate("Screenshot: harbour films, six days and a president", 1, hand_score=2.4, marked_end=1.0)
    assert _choose(monkeypatch, [0.3, 0.8], kicker, headline) is headline.headline
    # Without the byline or date under it, the chosen line may be the standfirst of the line above,
    unmarked = _candidate(headline.headline.text, 1, hand_score=2.4)
    assert _choose(monkeypatch, [0.3, 0.8], kicker, unmarked) is kicker.headline
    # and so it may where the line above is as long as the chosen one.
    edition = _candidate("Weekly edition for the harbour, March 2015", 0, hand_score=2.3)
    trademark = _candidate("A trademark battle in the harbour community", 1, hand_score=2.4, marked_end=1.0)
    assert _choose(monkeypatch, [0.3, 0.8], edition, trademark) is edition.headline


def test_a_headline_a_little_longer_than_its_standfirst_is_still_the_headline(monkeypatch) -> None:
    headline = _candidate("Coach says he erred in taking the cup to the president in 2012", 0, hand_score=3.3)
    standfirst = _candidate("At the time, the club's coach handed a replica to the president", 1, hand_score=3.6)
    assert _choose(monkeypatch, [0.4, 0.6], headline, standfirst) is headline.headline
    # A line above that is much longer is another item's text.
    teaser = _candidate(" ".join(["Coach says he erred in taking the cup to the president"] * 2), 0, hand_score=3.3)
    assert _choose(monkeypatch, [0.4, 0.6], teaser, standfirst) is standfirst.headline


def _span(text: str, unit: int, end: int, **values: float) -> Candidate:
    """A span inside a flattened dump's unit, ending at offset `end` of its text."""
    candidate = _candidate(text, unit, **values)
    candidate.headline = Headline(text, unit, False, end)
    return candidate


def test_a_span_opening_inside_a_block_after_a_kicker_yields_to_the_span_that_opens_the_block(monkeypatch) -> None:
    kicker = "Second trip outside the capital: "
    clause = _span("Mayor tours the northern harbour this week", 3, 120, word_before=0.7)
    whole = _span(kicker + clause.headline.text, 3, 120, opens_block=1.0, word_before=-1.3)
    assert _choose(monkeypatch, [0.7, 0.2], clause, whole) is whole.headline
    # After a clause's last word, a stop word, as well.
    calm = _span("Harbour Street calm again, patrols reinforced", 3, 120, word_before=0.2)
    clause_before = _span("Police say all is quiet in " + calm.headline.text, 3, 120, opens_block=1.0)
    assert _choose(monkeypatch, [0.7, 0.2], calm, clause_before, stops=frozenset({"in", "is", "all"})) is clause_before.headline
    # Not after a word a headline may end on: a menu's item the block cuts missed.
    menu = _span("Sign in Local news " + clause.headline.text, 3, 120, opens_block=1.0)
    assert _choose(monkeypatch, [0.7, 0.2], clause, menu) is clause.headline
    # Nor after a breadcrumb's mark: the cuts missed the breadcrumb's end, which the span leaves out.
    crumbs = _span("Home > Local news > " + clause.headline.text, 3, 120, opens_block=1.0)
    assert _choose(monkeypatch, [0.7, 0.2], clause, crumbs) is clause.headline
    # Nor where the longer span is unlikely or ends elsewhere.
    assert _choose(monkeypatch, [0.7, 0.01], clause, whole) is clause.headline
    elsewhere = _span(kicker + clause.headline.text, 3, 90, opens_block=1.0)
    assert _choose(monkeypatch, [0.7, 0.2], clause, elsewhere) is clause.headline
    # Nor where the chosen span opens a block itself.
    opening = _span(clause.headline.text, 3, 120, opens_block=1.0, word_before=0.7)
    assert _choose(monkeypatch, [0.7, 0.2], opening, whole) is opening.headline


def test_a_span_opening_after_a_stop_word_yields_to_the_longer_span_where_the_cuts_missed_both(monkeypatch) -> None:
    # "12 Twitter-Nutzer und ihre | Zutaten für erfolgreiche Tweets": no block opens at either span.
    tail = _span("Ingredients for the harbour's best tweets", 3, 120, word_before=0.2)
    whole = _span("Twelve sailors and their " + tail.headline.text, 3, 120, word_before=-0.3)
    stops = frozenset({"and", "their", "for", "the"})
    assert _choose(monkeypatch, [0.2, 0.15], tail, whole, stops=stops) is whole.headline
    # Not after a word a headline may end on, nor where the longer span is unlikely.
    menu = _span("Sign in Local news " + tail.headline.text, 3, 120)
    assert _choose(monkeypatch, [0.2, 0.15], tail, menu, stops=stops) is tail.headline
    assert _choose(monkeypatch, [0.2, 0.01], tail, whole, stops=stops) is tail.headline


def test_a_headline_cut_off_with_an_ellipsis_yields_to_the_longer_candidate_it_opens(monkeypatch) -> None:
    teaser = _span("Harbour authority approves…", 2, 40)
    headline = _span("Harbour authority approves dredging of the northern channel", 5, 80)
    other = _span("Harbour festival returns", 6, 30)
    assert _choose(monkeypatch, [0.6, 0.3, 0.2], teaser, headline, other) is headline.headline
    # Not where the longer candidate is unlikely.
    assert _choose(monkeypatch, [0.6, 0.01, 0.2], teaser, headline, other) is teaser.headline


def test_a_span_made_of_two_likely_candidates_yields_to_the_first_of_them(monkeypatch) -> None:
    headline = _span("Ideas for a harbour picnic", 4, 60)
    notice = _span("Your browser is no longer supported!", 4, 98)
    both = _span(f"{headline.headline.text} {notice.headline.text}", 4, 98)
    assert _choose(monkeypatch, [0.5, 0.2, 0.1], both, notice, headline) is headline.headline
    # Not where either part is unlikely: the block cuts split one headline.
    assert _choose(monkeypatch, [0.5, 0.01, 0.1], both, notice, headline) is both.headline
    assert _choose(monkeypatch, [0.5, 0.2, 0.01], both, notice, headline) is both.headline
    # Nor where the second part ends elsewhere.
    moved = _span(notice.headline.text, 5, 36)
    assert _choose(monkeypatch, [0.5, 0.2, 0.1], both, moved, headline) is both.headline


def test_an_unlikely_best_candidate_is_no_headline(monkeypatch) -> None:
    assert _choose(monkeypatch, [0.01], _candidate("Subscribe now", 0)) is None


def test_an_unlikely_best_candidate_that_spells_the_urls_slug_is_the_headline(monkeypatch) -> None:
    headline = "Sequilho com chocolate amargo"
    assert _choose(monkeypatch, [0.02, 0.01], _candidate(headline, 0, slug=0.75), _candidate("Receitas", 1)).text == headline
    assert _choose(monkeypatch, [0.02, 0.01], _candidate(headline, 0, slug=0.4), _candidate("Receitas", 1)) is None


def test_training_gold_is_the_h1_the_title_names_else_the_title_less_the_site() -> None:
    pytest.importorskip("sklearn")
    from bench.train_headline_model import gold_headline, html_titles, matches

    page = (
        "<html><head><title>Harbour authority approves dredging | Coastal Herald</title></head>"
        "<body><h1>Coastal Herald</h1><h1>Harbour authority approves dredging</h1><p>Text.</p></body></html>"
    )
    assert html_titles(page)[0] == "Harbour authority approves dredging"
    no_heading = "<html><head><title>Coastal Herald - Harbour authority approves dredging</title></head><body><p>x</p></body></html>"
    assert html_titles(no_heading)[0] == "Harbour authority approves dredging"
    # Only what the dump prints is its gold; a page's own gold title comes first.
    assert gold_headline({"html": page}, "Menu Harbour authority approves dredging By Anna") == "Harbour authority approves dredging"
    assert gold_headline({"html": page}, "Menu only") is None
    assert gold_headline({"html": page, "gold": {"title": "Menu only"}}, "Menu only") == "Menu only"
    assert matches("Harbour authority approves dredging - Coastal Herald", "Harbour authority approves dredging")
    assert not matches("Coastal Herald", "Harbour authority approves dredging")


def test_training_script_runs_on_a_tiny_input_and_is_deterministic() -> None:
    pytest.importorskip("sklearn")
    from bench import train_headline_model, train_line_model

    pages = list(train_line_model.synthetic_pages(3, seed=3))
    x, y, dumps, found = train_headline_model.build(pages)
    assert x.shape == (len(y), len(headline_model.MODEL_FEATURES)) and 0 < y.mean() < 1
    assert 0 < found <= dumps
    first = train_line_model.export(train_headline_model.train(x, y, seed=3, iterations=5), headline_model.MODEL_FEATURES)
    second = train_line_model.export(train_headline_model.train(x, y, seed=3, iterations=5), headline_model.MODEL_FEATURES)
    assert json.dumps(first) == json.dumps(second)
    model = headline_model.TreeModel.from_json(first, headline_model.MODEL_FEATURES)
    assert model.probabilities(x[:5]).shape == (min(5, len(x)),)


def test_training_labels_only_the_dumps_closest_matches_as_the_headline() -> None:
    from bench.train_headline_model import closest_matches

    gold = "Harbour authority approves dredging of the northern channel"
    texts = [f"Sign in {gold}", gold, f"{gold} By Anna Berg", "Sign in", gold]
    # All three spans holding the headline match it as the scorer counts; only the exact ones are labelled.
    assert closest_matches(texts, gold) == [False, True, False, False, True]
    assert closest_matches([f"Sign in {gold}", "Menu"], gold) == [True, False]
    assert closest_matches(["Menu"], gold) == [False]


def test_a_cookie_notice_the_ranker_likes_is_no_headline(monkeypatch) -> None:
    notice = _candidate("Diese Webseite verwendet Cookies", 0)
    headline = _candidate("Das Potenzial von grünem Wasserstoff", 3)
    assert _choose(monkeypatch, [0.6, 0.3], notice, headline) is headline.headline
    assert _choose(monkeypatch, [0.6, 0.01], notice, headline) is None, "without another likely candidate, no title"


def test_a_piece_of_a_cookie_notice_is_no_headline_either(monkeypatch) -> None:
    # The block cuts fell inside the notice ("Diese | Webseite verwendet | Cookies"): its piece, a
    # run of them, states no consent itself.
    notice = _candidate("Diese Webseite verwendet Cookies", 0)
    piece = _span("Webseite verwendet", 0, 24)
    headline = _candidate("Das Potenzial von grünem Wasserstoff", 3)
    assert _choose(monkeypatch, [0.6, 0.5, 0.3], notice, piece, headline) is headline.headline
    assert _choose(monkeypatch, [0.6, 0.5, 0.01], notice, piece, headline) is None


def test_a_glued_span_nearly_as_likely_as_the_run_that_extends_it_is_the_headline(monkeypatch) -> None:
    # The run was offered from the block before the glued span's, as the cuts may fall inside a
    # headline; where the ranker nearly prefers the glued span, the run took a menu's items along.
    glued = _span("Harbour authority approves dredging", 3, 120)
    run = _span("Subscribe Sign in " + glued.headline.text, 3, 120, opens_block=1.0)
    run.extends = glued.headline.text
    assert _choose(monkeypatch, [0.5, 0.9], glued, run) is glued.headline
    # One the ranker doubts is the end of a headline whose first words the article does not use.
    assert _choose(monkeypatch, [0.3, 0.9], glued, run) is run.headline
    # A run no glued span was extended into stays.
    run.extends = None
    assert _choose(monkeypatch, [0.5, 0.9], glued, run) is run.headline


def test_a_piece_of_a_phrase_the_dump_prints_whole_yields_to_the_longer_span_that_holds_it(monkeypatch) -> None:
    # The cuts fell inside a name ("Visit Northern | Channel Ferries") that the article prints whole:
    # the span after the cut is a piece of it, and the longer span ending there the headline.
    piece = _span("Channel Ferries", 0, 40, opens_block=1.0)
    piece.split = True
    whole = _span("Visit Northern Channel Ferries", 0, 40)
    opening = _span("Visit Northern", 0, 25)
    assert _choose(monkeypatch, [0.4, 0.3, 0.06], piece, whole, opening) is whole.headline
    # Not where the longer span is unlikely, nor where it ends elsewhere.
    assert _choose(monkeypatch, [0.4, 0.01, 0.06], piece, whole, opening) is piece.headline
    elsewhere = _span(whole.headline.text, 1, 40)
    assert _choose(monkeypatch, [0.4, 0.3, 0.06], piece, elsewhere, opening) is piece.headline
    # A piece of no phrase printed whole stays the headline.
    piece.split = False
    assert _choose(monkeypatch, [0.4, 0.3, 0.06], piece, whole, opening) is piece.headline


def test_a_span_ending_on_a_piece_of_a_phrase_the_dump_prints_whole_is_not_two_candidates(monkeypatch) -> None:
    # A span made of two likely candidates is a headline and the block after it, unless the second
    # is a piece of a phrase the dump prints whole: then the cut between them fell inside the headline.
    opening = _span("Visit Northern", 0, 25)
    piece = _span("Channel Ferries", 0, 40)
    whole = _span("Visit Northern Channel Ferries", 0, 40)
    assert _choose(monkeypatch, [0.4, 0.2, 0.1], whole, piece, opening) is opening.headline
    piece.split = True
    assert _choose(monkeypatch, [0.4, 0.2, 0.1], whole, piece, opening) is whole.headline
