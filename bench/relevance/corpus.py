"""The benchmark's documents: the dev set's pages and the seeds, extracted as replay extracts them.

Extracting the 506 pages takes minutes on a busy machine, so the result is kept in a cache file
and reused while the dev set and the seeds are unchanged.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from foundation.records import RawDocument
from pipelines.extraction import ExtractionError, extract

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
DEVSET = ROOT.parent / "shared" / "devsets" / "extraction-dev.jsonl.gz"
SEEDS = ROOT / "seeds"
CACHE = ROOT / "out" / "relevance" / "corpus.jsonl.gz"
MIN_BODY_CHARS = 200


@dataclass(frozen=True)
class Document:
    id: str
    language: str | None
    title: str
    subtitle: str
    description: str
    body: str

    def texts(self) -> tuple[str, ...]:
        """The searched fields' texts (a phrase cannot run from one field into the next)."""
        return (self.title, self.subtitle, self.description, self.body)

    def to_index(self) -> dict[str, str | None]:
        """The fields both mappings know: the text fields and the language."""
        return {
            "title": self.title or None,
            "subtitle": self.subtitle or None,
            "description": self.description or None,
            "body": self.body,
            "language": self.language,
        }


def load_documents(devset: Path = DEVSET, seeds: Path = SEEDS, cache: Path = CACHE) -> list[Document]:
    """Every extracted page with a body, without lorem ipsum and without repeats of one body."""
    key = _inputs_key(devset, seeds)
    if cache.exists():
        with gzip.open(cache, "rt", encoding="utf-8") as lines:
            header, *rows = lines
        if json.loads(header).get("key") == key:
            return [Document(**json.loads(row)) for row in rows]
    log.info("extracting the dev set and the seeds (minutes; cached in %s)", cache)
    documents = _extracted(devset, seeds)
    cache.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(cache, "wt", encoding="utf-8") as out:
        out.write(json.dumps({"key": key}) + "\n")
        out.writelines(json.dumps(asdict(document), ensure_ascii=False) + "\n" for document in documents)
    return documents


def _inputs_key(devset: Path, seeds: Path) -> str:
    digest = hashlib.sha256(devset.read_bytes())
    for path in sorted(seeds.glob("*.txt")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _extracted(devset: Path, seeds: Path) -> list[Document]:
    raws = []
    with gzip.open(devset, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            raws.append(RawDocument(source=record["id"], url=record.get("url"), content=record["html"]))
    raws += [RawDocument(source=f"seeds/{path.name}", content=path.read_bytes()) for path in sorted(seeds.glob("*.txt"))]
    documents, bodies = [], set()
    for raw in raws:
        try:
            article = extract(raw)
        except ExtractionError:
            continue
        body = article.body or ""
        # Readability's parser fixtures repeat one lorem-ipsum text; some pages are saved twice.
        if len(body) < MIN_BODY_CHARS or "lorem ipsum" in body.lower() or body in bodies:
            continue
        bodies.add(body)
        documents.append(
            Document(
                id=raw.source,
                language=article.language,
                title=article.title or "",
                subtitle=article.subtitle or "",
                description=article.description or "",
                body=body,
            )
        )
    return documents
