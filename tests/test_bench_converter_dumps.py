"""bench.converter_dumps: the layouts it dumps the dev pages in, and the dev-set copy it scores."""

from __future__ import annotations

import gzip
import json

from bench.converter_dumps import LYNX_WIDTH, _dumped_devset, dump_lynx
from foundation.records import RawDocument
from pipelines.extraction import extract
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU

PAGE = (
    "<html><body><ul>"
    + "".join(f"<li>{item}</li>" for item in MENU)
    + f"</ul><h1>{HEADLINE}</h1><p>By Anna Berg, 4 March 2024</p>"
    + "".join(f"<p>{paragraph}</p>" for paragraph in ARTICLE)
    + "<footer>"
    + "".join(f"<p>{item}</p>" for item in FOOTER)
    + "</footer></body></html>"
)


def test_the_lynx_layout_wraps_and_indents_and_its_article_comes_out_whole() -> None:
    dump = dump_lynx(PAGE)
    lines = [line for line in dump.splitlines() if line]
    assert max(map(len, lines)) <= LYNX_WIDTH
    assert "     * Home" in lines and f"   {ARTICLE[0][:40]}" in "\n".join(lines)
    assert len(lines) > len(MENU) + len(ARTICLE) + len(FOOTER) + 2, "the paragraphs are wrapped"
    article = extract(RawDocument(source="test", content=dump.encode()))
    assert article.title == HEADLINE
    assert article.body.split("\n\n") == ARTICLE


def test_the_scored_copy_holds_the_converters_dumps_in_the_dev_sets_field(tmp_path) -> None:
    records = [{"id": "a", "url": None, "html": "<p>One</p>", "dump_html2txt": "old", "gold": {"body": "One"}}]
    path = tmp_path / "devset.jsonl.gz"
    _dumped_devset(records, lambda html: html.upper(), path)
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        assert [json.loads(line) for line in lines] == [records[0] | {"dump_html2txt": "<P>ONE</P>"}]
