"""Beam transforms shared by replay and monitoring: thin wrappers around the extraction core.

Each transform has a main output and, where things can fail, a `failed` output of DeadLetters,
so a bad document never raises out of the pipeline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import apache_beam as beam
from apache_beam import pvalue

from connectors.dead_letters import FAILED
from foundation.metrics import counter
from foundation.records import Article, DeadLetter, RawDocument
from foundation.vocabulary import Stage
from pipelines.extraction import ExtractionError, extract
from pipelines.extraction.site_template import SiteTemplates, TemplateLimits

log = logging.getLogger(__name__)

Extractor = Callable[[RawDocument], Article]


class ExtractArticles(beam.PTransform):
    """RawDocuments in; Articles out, and DeadLetters (stage `extract`) on the `failed` output.

    `extractor` is the extraction core's `extract` by default (`feed_only_article` for feed
    entries whose page is not fetched). Extraction runs where the documents are: sources spread
    their work over the workers (`connectors.files.ReadDocuments`), so that raw pages need not
    travel through a shuffle.

    With `templates` (for the core's `extract` only), each worker learns the templates of the
    sites whose pages it extracts (`pipelines.extraction.site_template`) and leaves their lines out.
    They live in the worker, not in keyed state: keyed state needs a shuffle, which the in-process
    runner completes only at the end of its input, so `watch` would never see an article. Several
    workers each learn from their share of a site's pages: a little slower, as correct.
    """

    def __init__(self, extractor: Extractor = extract, templates: TemplateLimits | None = None) -> None:
        super().__init__()
        if templates is not None and extractor is not extract:
            raise ValueError("site templates apply to the extraction core's `extract` only")
        self._extractor = extractor
        self._templates = templates

    def expand(self, documents: beam.PCollection[RawDocument]) -> pvalue.DoOutputsTuple:
        return documents | "Extract" >> beam.ParDo(_ExtractFn(self._extractor, self._templates)).with_outputs(FAILED, main="articles")


class _ExtractFn(beam.DoFn):
    def __init__(self, extractor: Extractor, templates: TemplateLimits | None) -> None:
        self._extractor = extractor
        self._limits = templates
        self._extracted = counter("extracted")
        self._failed = counter("failed_extraction")

    def setup(self) -> None:
        self._templates = SiteTemplates(self._limits) if self._limits is not None else None

    def process(self, document: RawDocument) -> Iterator[object]:
        try:
            article = self._extract(document)
        except ExtractionError as exc:
            yield self._fail(document, str(exc))
            return
        except Exception as exc:  # a bug on one document must not stop the run
            log.exception("unexpected error extracting %s", document.source)
            yield self._fail(document, f"unexpected {type(exc).__name__}: {exc}")
            return
        self._extracted.inc()
        yield article

    def _extract(self, document: RawDocument) -> Article:
        template = self._templates.for_url(document.url) if self._templates is not None else None
        return extract(document, template=template) if template is not None else self._extractor(document)

    def _fail(self, document: RawDocument, reason: str) -> pvalue.TaggedOutput:
        self._failed.inc()
        return pvalue.TaggedOutput(
            FAILED, DeadLetter(stage=Stage.EXTRACT, source=document.source, reason=reason, document=document.to_dict())
        )
