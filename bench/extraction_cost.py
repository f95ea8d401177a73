"""What newsbeam's extraction costs on a typical ~100 KB news page, against trafilatura's own.

    .venv/bin/python -m bench.extraction_cost

The page is a devset article grown to news-site size: an inline state script, a 300-link menu,
200 related-story teasers and 25 more paragraphs. Medians of 30 runs after a warm-up.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from foundation.records import RawDocument
from pipelines.extraction import extract

DEVSET_PAGE = Path(__file__).resolve().parents[1] / "tests" / "devset" / "html_jsonld_graph.html"
RUNS = 30


def typical_page() -> str:
    base = DEVSET_PAGE.read_text(encoding="utf-8")
    menu = (
        "<ul class='mega-menu'>"
        + "".join(f"<li><a href='/section/{i}'>Section {i} news and analysis</a></li>" for i in range(300))
        + "</ul>"
    )
    teasers = (
        "<aside class='more'>"
        + "".join(
            f"<div class='teaser'><a href='/story/{i}'><img src='/i/{i}.jpg'><h3>Teaser headline number {i} about the economy and politics</h3></a>"
            f"<p>Short standfirst for teaser {i}, which readers may click.</p></div>"
            for i in range(200)
        )
        + "</aside>"
    )
    state = "<script>window.__STATE__ = {" + ",".join(f'"k{i}": "{"v" * 40}"' for i in range(600)) + "}</script>"
    more = "".join(
        f"<p>Paragraph {i} of the article discusses the rate decision, the outlook for inflation and what analysts expect "
        "from the next meeting of the committee.</p>"
        for i in range(25)
    )
    return base.replace("<header>", state + "<header>" + menu).replace("</article>", more + "</article>" + teasers)


def median_seconds(function: Callable[[], object]) -> float:
    function()
    runs = []
    for _ in range(RUNS):
        started = time.perf_counter()
        function()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    # No options: `--help` says what the bench measures instead of starting it.
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    html = typical_page()
    raw = RawDocument(source="bench", content=html.encode("utf-8"))
    ours = median_seconds(lambda: extract(raw))
    bare = median_seconds(lambda: trafilatura.extract(html))
    with_metadata = median_seconds(lambda: trafilatura.extract(html, with_metadata=True))
    print(f"page: {len(html.encode('utf-8')) // 1024} KB, median of {RUNS} runs")
    print(f"newsbeam extract()                       {ours * 1000:6.1f} ms")
    print(f"trafilatura.extract()                    {bare * 1000:6.1f} ms   newsbeam is {ours / bare:.2f}x")
    print(f"trafilatura.extract(with_metadata=True)  {with_metadata * 1000:6.1f} ms   newsbeam is {ours / with_metadata:.2f}x")


if __name__ == "__main__":
    main()
