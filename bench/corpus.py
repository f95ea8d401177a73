"""Deterministic synthetic news corpora: HTML pages and plain-text dumps like `seeds/`.

The same (count, seed, kind) always gives the same documents, so benchmarks compare like with
like and tests can rely on the output. Pages carry what real ones do: navigation, a cookie
banner, JSON-LD and meta dates, related links and a footer; dumps carry the chrome the seed
dumps have (section bullets, labelled timestamps, keyword lists, teaser links).

    python -m bench.corpus OUT.jsonl --count 2000 --kind mixed --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

_WORDS = (  # noqa: SIM905 - a word bank reads better as prose than as fifty quoted words
    "minister government talks sanctions council trade energy border security summit agreement "
    "parliament election budget market exports officials delegation treaty region ministry "
    "president spokesman statement policy coalition vote reform inflation growth investment "
    "shipping port islands fisheries dialogue embassy ambassador press conference report "
    "analysts economy partners allies regional cooperation infrastructure railway grid climate"
).split()
_PLACES = ("TOKYO", "MOSCOW", "BERLIN", "PARIS", "SEOUL", "LONDON", "NAIROBI", "OTTAWA")
_AGENCIES = ("TASS", "Reuters", "AFP", "AP", "Kyodo")
_OUTLETS = ("Daily Ledger", "Harbor Times", "Continental Post", "Evening Wire", "Northern Courier")
_SECTIONS = ("World", "Politics", "Business", "Asia", "Europe", "Sports", "Opinion")


@dataclass(frozen=True)
class SyntheticDocument:
    url: str
    kind: str
    """`html` or `text`."""
    content: str
    title: str

    def to_jsonl(self) -> str:
        key = "html" if self.kind == "html" else "text"
        return json.dumps({"url": self.url, key: self.content}, ensure_ascii=False)


def generate(count: int, *, seed: int = 0, kind: str = "mixed", html_kb: tuple[int, int] = (20, 200)) -> Iterator[SyntheticDocument]:
    """`count` documents; `kind` is `html`, `text` or `mixed` (about half of each)."""
    if kind not in ("html", "text", "mixed"):
        raise ValueError(f"kind must be html, text or mixed, not {kind!r}")
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, 6, 0, tzinfo=UTC)
    for number in range(count):
        # Drawn, not alternated: a strict alternation would line up with round-robin work splitting.
        doc_kind = kind if kind != "mixed" else rng.choice(("html", "text"))
        outlet = rng.choice(_OUTLETS)
        slug = outlet.lower().replace(" ", "")
        published = start + timedelta(minutes=37 * number + rng.randrange(30))
        title = _sentence(rng, 6, 11).rstrip(".")
        url = f"https://www.{slug}.example/{published:%Y/%m/%d}/{number:07d}-{'-'.join(title.lower().split()[:5])}"
        paragraphs = [_paragraph(rng) for _ in range(rng.randrange(5, 12))]
        if doc_kind == "html":
            target = rng.randrange(html_kb[0], html_kb[1] + 1) * 1024
            content = _html_page(rng, url, title, outlet, published, paragraphs, target)
        else:
            content = _text_dump(rng, url, title, outlet, published, paragraphs)
        yield SyntheticDocument(url, doc_kind, content, title)


def write_jsonl(path: Path, count: int, *, seed: int = 0, kind: str = "mixed") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for document in generate(count, seed=seed, kind=kind):
            out.write(document.to_jsonl() + "\n")
    return path


def _sentence(rng: random.Random, low: int = 10, high: int = 24) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randrange(low, high))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randrange(2, 5)))


def _text_dump(rng: random.Random, url: str, title: str, outlet: str, published: datetime, paragraphs: list[str]) -> str:
    place, agency = rng.choice(_PLACES), rng.choice(_AGENCIES)
    lead = f"{place}, {published:%B} {published.day}. /{agency}/. {paragraphs[0]}"
    tags = sorted({rng.choice(_WORDS) for _ in range(5)})
    lines = [
        title,
        _sentence(rng, 14, 22),
        f"- {rng.choice(_SECTIONS)}",
        f"- Published Date: {published:%H:%M} | {published.day} {published:%B %Y}",
        url,
        lead,
        *paragraphs[1:],
        *tags,
        "No time to read?",
        "Get a summary",
        "Previous Article",
        _sentence(rng, 6, 9).rstrip("."),
        "Next Article",
        _sentence(rng, 6, 9).rstrip("."),
        f"© {published.year} {outlet}",
    ]
    return "\n".join(lines) + "\n"


def _html_page(rng: random.Random, url: str, title: str, outlet: str, published: datetime, paragraphs: list[str], target: int) -> str:
    modified = published + timedelta(hours=rng.randrange(1, 6))
    author = f"{rng.choice(['Anna', 'Kenji', 'Olga', 'David', 'Amara'])} {rng.choice(['Sato', 'Ivanova', 'Miller', 'Okafor', 'Dubois'])}"
    json_ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": published.isoformat(),
            "dateModified": modified.isoformat(),
            "author": [{"@type": "Person", "name": author}],
            "publisher": {"@type": "Organization", "name": outlet},
            "mainEntityOfPage": url,
        }
    )
    nav = "".join(f'<li><a href="/{section.lower()}">{section}</a></li>' for section in _SECTIONS)
    article = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
    head = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>'
        f'<link rel="canonical" href="{url}"><meta property="og:title" content="{title}">'
        f'<meta property="og:site_name" content="{outlet}"><meta property="article:published_time" content="{published.isoformat()}">'
        f'<script type="application/ld+json">{json_ld}</script></head><body>'
        f'<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>'
        f"<header><nav><ul>{nav}</ul></nav></header><main><article><h1>{title}</h1>"
        f'<p class="byline">By {author}</p><time datetime="{published.isoformat()}">{published:%d %B %Y}</time>\n{article}</article>'
    )
    related, filler = [], 0
    budget = target - len(head) - 400
    while filler < budget:
        item = f'<li class="related"><a href="/story/{rng.randrange(10**7)}">{_sentence(rng, 5, 9)}</a></li>\n'
        related.append(item)
        filler += len(item)
    footer = f"<footer><p>© {published.year} {outlet}. All rights reserved.</p><a href='/privacy'>Privacy</a></footer>"
    return f"{head}<aside><h2>Related</h2><ul>{''.join(related)}</ul></aside></main>{footer}</body></html>"


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a deterministic synthetic news corpus as JSON Lines.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--kind", choices=("html", "text", "mixed"), default="mixed")
    args = parser.parse_args()
    write_jsonl(args.out, args.count, seed=args.seed, kind=args.kind)


if __name__ == "__main__":
    main()
