/**
 * newsbeam's language analysis as token filters of Elasticsearch's stable plugin API.
 *
 * <p>Token filters, not whole analyzers: the index template composes each language's analyzer
 * from the standard tokenizer, the core lowercase and stop filters and these filters. When the
 * plugin is missing, newsbeam defines the same analyzer names without these filters (standard
 * tokenizer, lowercase, the language's stop words), so one mapping serves both kinds of node
 * and only the analysis settings differ. Stop words stay with Elasticsearch's core stop filter,
 * whose named lists (_english_, _russian_, ...) need no plugin.
 */
package dev.newsbeam.analysis;
