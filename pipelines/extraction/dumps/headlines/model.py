"""The learned ranker that picks a text dump's headline among `dumps.headlines.search`'s candidates.

The model (models/headlines.json, made by `bench/train_headline_model.py`) is a set of
gradient-boosted decision trees, stored as flat arrays and walked with numpy (`trees.TreeModel`):
it gives each candidate (a heading-shaped line, a repeated span, a span the URL's slug spells, a
span glued into running text, a run of a flattened dump's blocks) its chance of being the
headline, from the features `dumps.headlines.search` computes for it (`FEATURE_NAMES`): its shape, where
it sits and how its edges fall (on the block cuts or not, and what word stands beside them), how
often the dump prints it, how much of the slug it spells, how many of its words
the article uses, how article-like the line model finds its unit, and the hand-weighted
`dumps.headlines.features.hand_score` that ranked the candidates before; `ranked` adds how each compares with
the dump's other candidates. The likeliest candidate wins, unless even it is unlikely; a whole
line it takes over a shorter line just above, which scores nearly as well by hand, is that
headline's standfirst, a span it takes that opens inside a block is the end of a longer
candidate after a kicker (`_block_opening`), one cut off with an ellipsis is a teaser's
copy of a longer candidate (`_untruncated`), and a span made of two likely candidates is a headline
with the block after it taken along (`_headline_of_pair`).

The shipped model was trained, like the line model, on the dev set's half 0 and 100 generated
pages (seeded, the same model every time), so that half 1 stays unseen and can validate it:

    python -m bench.train_headline_model ../shared/devsets/extraction-dev.jsonl.gz --holdout-half 1 \
        --synthetic 100 --out pipelines/extraction/dumps/models/headlines.json
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipelines.extraction.consent import states_consent
from pipelines.extraction.dumps.arrays import distinct_ids
from pipelines.extraction.dumps.headlines.features import SLUG_SPELLED
from pipelines.extraction.dumps.headlines.spans import NO_NEIGHBOUR
from pipelines.extraction.dumps.headlines.text import bracketed, printed_twice, reads_as_interface, reads_as_links
from pipelines.extraction.dumps.headlines.tokens import BREAKS, token_facts
from pipelines.extraction.dumps.trees import TreeModel


@dataclass
class Headline:
    text: str
    line: int
    """Index of the dump unit that holds it."""
    whole_line: bool
    """False when it is a span inside a longer unit (a flattened dump)."""
    end: int = 0
    """Where the span ends in the unit's text (only for spans)."""
    first: int | None = None
    """The first unit the span covers, when it runs over several (the blocks of a flattened dump)."""


@dataclass
class Candidate:
    headline: Headline
    features: list[float]
    """As `FEATURE_NAMES` names them."""
    bylined: bool = False
    """A heading line that a byline follows at once ("By Joshua Sokol", "von Jennifer Koutni")."""
    extends: str | None = None
    """A run of blocks offered from the block before a glued span's (`search._block_opened`): that span's text."""
    split: bool = False
    """A span where a block opens after a word of its unit that the dump prints with it elsewhere too
    (`search._splits_phrase`): a piece of a longer name or headline that the cuts split."""


MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "headlines.json"

FEATURE_NAMES = (
    "hand_score",
    "source",
    "tokens",
    "chars",
    "distance",
    "content",
    "repeats",
    "slug",
    "standalone",
    "cohesion",
    "sentence_end",
    "dated",
    "byline",
    "capitalised",
    "digits",
    "question",
    "inner_separator",
    "marked_end",
    "opens_unit",
    "closes_unit",
    "unit_share",
    "after_separator",
    "under_heading",
    "blank_before",
    "unit",
    "opens_block",
    "closes_block",
    "blocks",
    "word_before",
    "word_after",
    "dump_copies",
    "glue_value",
)
# Appended by `ranked`: how a candidate compares with the dump's others.
MODEL_FEATURES = (
    *FEATURE_NAMES,
    "hand_margin",
    "content_margin",
    "cohesion_margin",
    "glue_margin",
    "same_text",
    "inside_others",
    "holds_others",
)
# Below this chance even the likeliest candidate is not taken for the headline.
MIN_PROBABILITY = 0.05
# How much lower a shorter line just above the chosen line may score by hand and still be the
# headline over it (the chosen one its standfirst: nearer the article, longer, as article-like).
STANDFIRST_MARGIN = 0.6
# A headline may run a little longer than its standfirst ("Tite diz que errou ao levar taça da
# Libertadores a Lula em 2012" over an eleven-word standfirst); a line above that is much longer is
# another item's text, not this article's headline.
STANDFIRST_LENGTH = 1.5
# The line above is a headline the ranker could take on its own, and of a headline's length: a
# section's label ("Marketing Strategy") or a ticker's figures ("-35.56 (-0.69%)") above the
# headline score as well by hand, and are no headline.
HEADLINE_ABOVE_WORDS = 3
# A bylined heading line (`Candidate.bylined`) with at least this share of the chance of a likelier
# candidate that no byline follows is the headline (see `_bylined`).
BYLINED_SHARE = 0.4
# A glued span with at least this share of the chance of a run of blocks that extends it
# (`Candidate.extends`) is the headline (see `_unextended`).
EXTENDED_SHARE = 0.5
# How a teaser's copy of a headline shows it was cut off.
ELLIPSES = ("…", "...")


@functools.cache
def load(path: Path = MODEL_PATH) -> TreeModel:
    return TreeModel.from_json(json.loads(path.read_text()), MODEL_FEATURES)


def ranked(rows: np.ndarray, texts: Sequence[str]) -> np.ndarray:
    """One dump's candidates' features (`FEATURE_NAMES`, `texts` their texts) with how each compares
    with the others (`MODEL_FEATURES`): its hand score's, line model score's, cohesion's and glue value's distance to the highest;
    how many others are the same text, hold it, are held by it (the spans of one printed headline nest)."""
    columns = [FEATURE_NAMES.index(name) for name in ("hand_score", "content", "cohesion", "glue_value")]
    margins = rows[:, columns] - rows[:, columns].max(axis=0)
    # Each distinct text is compared with each other once: `held[a, b]` is whether text a lies inside
    # text b. They are numbered as they come (`np.unique` sorted them as an array of fixed-width
    # strings, a third of this function's time): the counts summed below do not depend on the order.
    distinct, ids = distinct_ids([_key(text) for text in texts])
    copies = np.bincount(ids, minlength=len(distinct)).astype(float)
    held = np.asarray([[key in other for other in distinct] for key in distinct], dtype=float)
    np.fill_diagonal(held, 0.0)
    same = copies[ids] - 1
    inside = (held @ copies)[ids]
    holds = (held.T @ copies)[ids]
    return np.hstack([rows, margins, np.column_stack([same, inside, holds])])


def probabilities(candidates: Sequence[Candidate]) -> np.ndarray:
    """Each candidate's chance of being the headline."""
    rows = np.asarray([candidate.features for candidate in candidates], dtype=float)
    return load().probabilities(ranked(rows, [candidate.headline.text for candidate in candidates]))


def likeliest(candidates: Sequence[Candidate], stops: frozenset[str] = frozenset()) -> tuple[Candidate, float] | None:
    """The likeliest candidate (the earliest among equals) with its chance; a whole line
    taken is the standfirst of a line just above, not much longer, that scores nearly as well by
    hand and that the ranker would take on its own (and, where a byline or a date follows the
    taken line, is not shorter than it: a kicker's length); a span taken inside a block is the end of a
    longer candidate opening the block after a kicker (`_block_opening`; `stops`: the dump's stop words);
    one cut off with an ellipsis is a teaser's copy (`_untruncated`); a span made of two likely
    candidates is the first of them with the block after it (`_headline_of_pair`)."""
    if not candidates:
        return None
    chances = probabilities(candidates)
    chances = chances * _may_be_headlines(candidates, chances)
    best = _unsplit(candidates, chances, _block_opening(candidates, chances, int(np.argmax(chances)), stops))
    best = _unextended(candidates, chances, best)
    best = _untruncated(candidates, chances, best)
    best = _bylined(candidates, chances, _headline_of_pair(candidates, chances, best))
    return candidates[_above_standfirst(candidates, chances, best)], float(chances[best])


def _may_be_headlines(candidates: Sequence[Candidate], chances: np.ndarray) -> np.ndarray:
    """Whether each candidate may be a headline at all: a row of links, an address, an interface
    label, a phrase printed twice back to back (`printed_twice`), a text in square brackets
    (`bracketed`), a cookie notice (`consent.states_consent`: "Diese Webseite verwendet Cookies") or
    a piece of a likelier one (the block cuts fell inside it: "Webseite verwendet") the ranker likes is still none, and its chance becomes nought; the others keep theirs.
    Asked only where it changes what `likeliest` reads: of the candidates likely enough to be taken
    (their chances are compared and returned), and of the likeliest others down to the first that
    may be a headline (the likeliest of all is picked among them). Every candidate below both is
    left as it is: no comparison it enters turns on it. Over the dev set's 506 html2txt dumps that
    is 1,223 of the 6,399 candidates, each a scan for the appeals' phrases (`is_appeal`)."""
    allowed = np.ones(len(candidates), dtype=bool)
    # The chance of the likeliest candidate that may be a headline, once found.
    picked: float | None = None
    # The cookie notices met so far: a piece of one ("Webseite verwendet", cut by the blocks) is none either.
    notices: list[str] = []
    # From the likeliest down, the earliest first among equals (as `np.argmax` picks).
    for index in np.argsort(-chances, kind="stable").tolist():
        chance = float(chances[index])
        if picked is not None and chance < picked and chance < MIN_PROBABILITY:
            break
        text = candidates[index].headline.text
        key = _key(text)
        consent = states_consent(text)
        allowed[index] = not (
            reads_as_links(text) or reads_as_interface(text) or printed_twice(text) or bracketed(text) or consent
        ) and not any(key in notice for notice in notices)
        if consent:
            notices.append(key)
        if allowed[index] and picked is None:
            picked = chance
    return allowed


def accepted(best: tuple[Candidate, float] | None) -> Headline | None:
    """The likeliest candidate's headline (`likeliest`), if likely enough to be taken: the ranker
    may doubt every candidate of a page unlike those it learnt from, not the one whose words and
    the URL's slug spell each other."""
    if best is None:
        return None
    candidate, chance = best
    spelled = candidate.features[FEATURE_NAMES.index("slug")] >= SLUG_SPELLED
    return candidate.headline if chance >= MIN_PROBABILITY or spelled else None


def _block_opening(candidates: Sequence[Candidate], chances: np.ndarray, best: int, stops: frozenset[str]) -> int:
    """The likeliest candidate, or, where it opens inside a block after a word of its unit, the
    likeliest longer candidate that ends where it ends, is likely enough to be taken and whose words
    before the chosen span could not end a headline (a stop word, a colon; see `TokenFacts.closes`):
    the span was cut after a headline's kicker or first clause ("Segundo viaje oficial fuera de
    Santiago: | Presidente Boric inicia gira …"), or inside it where the block cuts missed the
    headline's start too ("12 Twitter-Nutzer und ihre Zutaten …", a slug span cut after "ihre"). A
    menu's item before it ("Local news | Harbour authority …") could end one, and a breadcrumb's
    mark ends one (`_may_end_headline`): the cuts missed that item's end, and the chosen span leaves it out. `stops` are the dump's stop words."""
    opens, before = (FEATURE_NAMES.index(name) for name in ("opens_block", "word_before"))
    chosen = candidates[best]
    if chosen.features[opens] or chosen.features[before] == NO_NEIGHBOUR or chosen.headline.whole_line:
        return best
    words = len(_key(chosen.headline.text).split())
    longer = [
        index
        for index in _likely_longer(candidates, chances, best)
        if not _may_end_headline(candidates[index].headline.text.split()[-words - 1], stops)
    ]
    return max(longer, key=lambda index: chances[index], default=best)


def _unsplit(candidates: Sequence[Candidate], chances: np.ndarray, best: int) -> int:
    """The likeliest candidate, or, where it is a piece of a phrase the dump prints again whole
    (`Candidate.split`), the likeliest longer candidate that ends where it ends and holds that
    phrase's opening word, if likely enough to be taken: the block cuts fell inside a name the page
    writes whole elsewhere ("Welcome to Firefox | Developer Edition", where the article speaks of
    "Firefox Developer Edition"), and the span left the name's first word out."""
    if not candidates[best].split:
        return best
    return max(_likely_longer(candidates, chances, best), key=lambda index: chances[index], default=best)


def _likely_longer(candidates: Sequence[Candidate], chances: np.ndarray, best: int) -> list[int]:
    """The candidates likely enough to be taken that end where the chosen one ends and hold it after
    more words before it: the headline it may be a piece of."""
    chosen = candidates[best].headline
    text = _key(chosen.text)
    return [
        index
        for index, candidate in enumerate(candidates)
        if chances[index] >= MIN_PROBABILITY
        and (candidate.headline.line, candidate.headline.end) == (chosen.line, chosen.end)
        and _key(candidate.headline.text).endswith(f" {text}")
    ]


def _unextended(candidates: Sequence[Candidate], chances: np.ndarray, best: int) -> int:
    """The likeliest candidate, or, where it is a run of blocks offered from the block before a glued
    span's (`Candidate.extends`), that glued span, if at least `EXTENDED_SHARE` as likely: the run
    was offered because the cuts may fall inside a headline whose first words the article does not
    use, and the ranker doubted the glued span then ("Entwicklung von Floating-Offshore-Windfarmen"
    below "Kalifornien verpachtet Seeboden zur …"); a span it nearly prefers is a headline whole
    after a menu whose last items the cuts glued together ("Subscribe | Sign in iPhone app …")."""
    chosen = candidates[best]
    if chosen.extends is None:
        return best
    floor = max(MIN_PROBABILITY, EXTENDED_SHARE * float(chances[best]))
    glued = _key(chosen.extends)
    spans = [
        index
        for index, candidate in enumerate(candidates)
        if chances[index] >= floor
        and _key(candidate.headline.text) == glued
        and (candidate.headline.line, candidate.headline.end) == (chosen.headline.line, chosen.headline.end)
    ]
    return max(spans, key=lambda index: chances[index], default=best)


def _may_end_headline(token: str, stops: frozenset[str]) -> bool:
    """Whether a headline, or the breadcrumb or menu before it, may end on `token` (see
    `TokenFacts.closes`): a breadcrumb's or menu's mark (`BREAKS`: "Accueil > Actualités >") stands
    only between a page's blocks, so the span after it opens one, wherever the cuts fell."""
    return token in BREAKS or token_facts(token, stops).closes


def _headline_of_pair(candidates: Sequence[Candidate], chances: np.ndarray, best: int) -> int:
    """The likeliest candidate, or, where it is a span made of two candidates that are each likely
    enough to be taken (the one it opens with and the one it ends with), the first of them: a
    headline and the block printed after it, a subheading or a notice, that the span took along
    ("Ideen für den Kindergeburtstag | Ideen für einen unvergesslichen Geburtstag", "Nachhaltigkeit
    im Onlineshop | Der Browser wird nicht leider nicht mehr unterstützt!"). A span whose second part the
    ranker doubts is one headline cut by the blocks ("Content Depth — Write | Comprehensively About
    Your Core Topics")."""
    chosen = candidates[best].headline
    if chosen.whole_line:
        return best
    text = _key(chosen.text)
    keys = [_key(candidate.headline.text) for candidate in candidates]
    likely = [
        index for index, candidate in enumerate(candidates) if chances[index] >= MIN_PROBABILITY and not candidate.headline.whole_line
    ]
    # The likely candidates that end where the chosen span ends, and so may be its second part; not
    # a piece of a phrase the dump prints whole (`Candidate.split`): the span does not end on a block of its own.
    seconds = {
        keys[index]
        for index in likely
        if (candidates[index].headline.line, candidates[index].headline.end) == (chosen.line, chosen.end) and not candidates[index].split
    }
    firsts = [index for index in likely if text.startswith(f"{keys[index]} ") and text[len(keys[index]) + 1 :] in seconds]
    return max(firsts, key=lambda index: chances[index], default=best)


def _bylined(candidates: Sequence[Candidate], chances: np.ndarray, best: int) -> int:
    """The likeliest candidate, or, where no byline follows it, the likeliest heading line that a
    byline follows at once (`Candidate.bylined`), if likely enough to be taken and at least
    `BYLINED_SHARE` as likely: the byline names who wrote the article under its headline, whatever
    the language or the layout, and a picture's alt text or caption, a print link or a share row
    between the byline and the article's first line, nearer the article, had the ranker's favour
    ("Animated line drawing of Margaret Hamilton, …" over "The Hidden Heroines of Chaos" / "By
    Joshua Sokol")."""
    if candidates[best].bylined:
        return best
    floor = max(MIN_PROBABILITY, BYLINED_SHARE * float(chances[best]))
    bylined = [index for index, candidate in enumerate(candidates) if candidate.bylined and chances[index] >= floor]
    return max(bylined, key=lambda index: chances[index], default=best)


def _key(text: str) -> str:
    """A candidate's text as candidates' texts are compared: case and spacing aside."""
    return " ".join(text.casefold().split())


def _untruncated(candidates: Sequence[Candidate], chances: np.ndarray, best: int) -> int:
    """The likeliest candidate, or, where it ends on an ellipsis (a teaser's copy of the headline, cut
    off: "Zielartenförderung im lichten…"), the likeliest longer candidate it opens, if likely enough to be taken."""
    chosen = candidates[best].headline.text
    if not chosen.endswith(ELLIPSES):
        return best
    opening = _key(chosen.rstrip("".join(ELLIPSES)))
    longer = [
        index
        for index, candidate in enumerate(candidates)
        if chances[index] >= MIN_PROBABILITY
        and not candidate.headline.text.endswith(ELLIPSES)
        and _key(candidate.headline.text).startswith(f"{opening} ")
    ]
    return max(longer, key=lambda index: chances[index], default=best)


def _above_standfirst(candidates: Sequence[Candidate], chances: np.ndarray, best: int) -> int:
    names = ("source", "unit", "hand_score", "tokens", "slug", "marked_end")
    source, unit, score, tokens, slug, marked = (FEATURE_NAMES.index(name) for name in names)
    chosen = candidates[best].features
    if chosen[source] != 0:
        return best
    # A chosen line that a byline or a date follows at once and a shorter line above it: that line
    # is the headline's kicker or a section's label ("Sur vos écrans cette semaine" over the
    # headline), not a headline over its standfirst.
    shortest = chosen[tokens] if chosen[marked] else 0.0
    for index, candidate in enumerate(candidates):
        other = candidate.features
        if (
            other[source] == 0
            and other[unit] == chosen[unit] - 1
            and other[score] >= chosen[score] - STANDFIRST_MARGIN
            and other[tokens] < STANDFIRST_LENGTH * chosen[tokens]
            and other[tokens] >= max(HEADLINE_ABOVE_WORDS, shortest)
            and chances[index] >= MIN_PROBABILITY
            # A line above that spells less of the URL's slug is a kicker, a tag line or a search
            # box's label ("Keress receptre vagy hozzávalóra") over the headline.
            and other[slug] >= chosen[slug]
        ):
            return index
    return best
