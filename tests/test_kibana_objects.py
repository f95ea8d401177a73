"""The Kibana saved objects in config/kibana/ against the index mapping and Kibana's import format.

Kibana cannot run here, so this checks what can be checked without it: the NDJSON parses, every
object has what the saved-objects import expects, references resolve inside the file, and every
field an object uses exists in the mapping with a type that supports the use (a terms or date
histogram aggregation needs a keyword or date field, not text). The last test builds the field
list the way Kibana builds a data view's, with `_field_caps` on a real index.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from elasticsearch import Elasticsearch

from connectors.elasticsearch.index import concrete_index, ensure_index, mapping_properties
from operations.kibana import DASHBOARD_ID, SAVED_OBJECTS_FILE
from pipelines.alerts.ledger import alerts_index, alerts_mapping_properties, ensure_alerts_index

PROJECT_ROOT = Path(__file__).resolve().parents[1]
KNOWN_TYPES = {"index-pattern", "search", "lens", "dashboard"}
VERSION = re.compile(r"^\d+\.\d+\.\d+$")
GRID_COLUMNS = 48

# Kibana validates these attributes with schemas that reject unknown keys (dashboard schema v1,
# saved-search schema 8.8.0), so an extra key fails the import.
DASHBOARD_ATTRIBUTES = {
    "title",
    "description",
    "kibanaSavedObjectMeta",
    "timeRestore",
    "timeFrom",
    "timeTo",
    "refreshInterval",
    "controlGroupInput",
    "panelsJSON",
    "optionsJSON",
    "hits",
    "version",
}
SEARCH_ATTRIBUTES = {
    "title",
    "description",
    "columns",
    "sort",
    "grid",
    "rowHeight",
    "rowsPerPage",
    "hideChart",
    "breakdownField",
    "kibanaSavedObjectMeta",
    "isTextBasedQuery",
    "usesAdHocDataView",
    "timeRestore",
    "timeRange",
    "refreshInterval",
    "viewMode",
    "hideAggregatedPreview",
    "hits",
    "version",
}

AGGREGATABLE = {"keyword", "date", "integer", "long", "float", "double", "boolean"}
# Lens operation -> the field types it accepts on this mapping.
OPERATION_TYPES = {
    "terms": {"keyword", "integer", "long", "boolean"},
    "date_histogram": {"date"},
    "unique_count": AGGREGATABLE,
    "count": AGGREGATABLE,
    "min": {"date", "integer", "long", "float", "double"},
    "max": {"date", "integer", "long", "float", "double"},
    "sum": {"integer", "long", "float", "double"},
    "average": {"integer", "long", "float", "double"},
    "last_value": AGGREGATABLE,
}
RECORDS = "___records___"  # Lens' pseudo-field for "count of documents"


# --- loading -------------------------------------------------------------------------------------


def load_objects() -> list[dict[str, Any]]:
    lines = SAVED_OBJECTS_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def by_type(objects: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [obj for obj in objects if obj["type"] == kind]


def mapped_fields(properties: dict[str, Any] | None = None, prefix: str = "") -> dict[str, dict[str, Any]]:
    """Every searchable path of the mapping (objects flattened, multi-fields included) -> its definition."""
    fields: dict[str, dict[str, Any]] = {}
    for name, definition in (properties or mapping_properties()).items():
        path = f"{prefix}{name}"
        if "properties" in definition:
            fields.update(mapped_fields(definition["properties"], f"{path}."))
            continue
        fields[path] = definition
        for sub, sub_definition in definition.get("fields", {}).items():
            fields[f"{path}.{sub}"] = sub_definition
    return fields


def is_aggregatable(definition: dict[str, Any]) -> bool:
    return definition.get("type") in AGGREGATABLE and definition.get("doc_values", True)


def kql_fields(query: str) -> set[str]:
    """Field names of a KQL query (`field : value`, `field:*`, `not field : x`), quoted values skipped."""
    unquoted = re.sub(r'"(?:[^"\\]|\\.)*"', '""', query)
    return set(re.findall(r"(?:^|[\s(])([A-Za-z_@][\w.@]*)\s*:", unquoted))


# --- field usages ------------------------------------------------------------------------------


def field_usages(objects: list[dict[str, Any]]) -> Iterator[tuple[str, str, str]]:
    """(object id, field, use) for every field the saved objects use; use is an operation or
    `time`, `column`, `sort`, `kql`."""
    for obj in objects:
        attributes = obj["attributes"]
        if obj["type"] == "index-pattern" and attributes.get("timeFieldName"):
            yield obj["id"], attributes["timeFieldName"], "time"
        if obj["type"] == "search":
            for column in attributes["columns"]:
                yield obj["id"], column, "column"
            for field, _direction in attributes["sort"]:
                yield obj["id"], field, "sort"
            yield from _kql_usages(obj["id"], json.loads(attributes["kibanaSavedObjectMeta"]["searchSourceJSON"]))
        if obj["type"] == "lens":
            yield from _lens_usages(obj)
        if obj["type"] == "dashboard":
            yield from _kql_usages(obj["id"], json.loads(attributes["kibanaSavedObjectMeta"]["searchSourceJSON"]))


def _lens_usages(obj: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    state = obj["attributes"]["state"]
    yield from _kql_usages(obj["id"], state)
    for layer in state["datasourceStates"]["formBased"]["layers"].values():
        for column in layer["columns"].values():
            if column.get("sourceField") and column["sourceField"] != RECORDS:
                yield obj["id"], column["sourceField"], column["operationType"]
            # A "last value" column sorts the documents of each bucket on this field.
            if column.get("params", {}).get("sortField"):
                yield obj["id"], column["params"]["sortField"], "sort"
            for item in column.get("params", {}).get("filters", []):
                yield from _kql_usages(obj["id"], item["input"])
            if column.get("filter"):
                yield from _kql_usages(obj["id"], column["filter"])


def _kql_usages(owner: str, holder: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    # A query is {"query": ..., "language": ...}, on its own or under a holder's "query" key.
    query = holder if "language" in holder else holder.get("query")
    if isinstance(query, dict) and query.get("language") == "kuery":
        for field in kql_fields(query.get("query", "")):
            yield owner, field, "kql"
    for item in holder.get("filters", holder.get("filter", [])) or []:
        key = (item.get("meta") or {}).get("key")
        if key:
            yield owner, key, "kql"


# --- the file and Kibana's import format ------------------------------------------------------------


def test_ndjson_parses_and_each_object_has_what_import_expects() -> None:
    raw = SAVED_OBJECTS_FILE.read_text(encoding="utf-8")
    assert raw.endswith("\n") and "\n\n" not in raw, "one object per line, no blank lines"
    objects = load_objects()
    kibana_version = compose_kibana_version()
    for obj in objects:
        assert obj["type"] in KNOWN_TYPES, obj["type"]
        assert re.fullmatch(r"newsbeam-[a-z0-9-]+", obj["id"]), f"stable, readable ids: {obj['id']}"
        assert isinstance(obj["attributes"], dict) and obj["attributes"].get("title"), obj["id"]
        assert isinstance(obj["references"], list), obj["id"]
        for reference in obj["references"]:
            assert set(reference) == {"name", "type", "id"}, reference
        # Import migrates objects from older versions; it refuses objects from a newer Kibana.
        for key in ("coreMigrationVersion", "typeMigrationVersion"):
            assert VERSION.match(obj[key]), (obj["id"], key)
        assert _version(obj["coreMigrationVersion"]) <= _version(kibana_version), obj["id"]
    ids = [(obj["type"], obj["id"]) for obj in objects]
    assert len(ids) == len(set(ids)), "duplicate ids"


def test_references_resolve_to_objects_in_the_file() -> None:
    objects = load_objects()
    present = {(obj["type"], obj["id"]) for obj in objects}
    for obj in objects:
        names = [reference["name"] for reference in obj["references"]]
        assert len(names) == len(set(names)), f"{obj['id']}: duplicate reference names"
        for reference in obj["references"]:
            assert (reference["type"], reference["id"]) in present, f"{obj['id']} -> {reference}"


def test_data_view_on_the_news_alias_with_published_at_as_time_field() -> None:
    views = {obj["id"]: obj["attributes"] for obj in by_type(load_objects(), "index-pattern")}
    assert views["newsbeam-news"]["title"] == "news"
    assert views["newsbeam-news"]["timeFieldName"] == "published_at"
    # The extraction-quality panel needs documents without a date, which no time range on
    # published_at ever matches; its data view therefore has no time field.
    assert views["newsbeam-news-all"]["title"] == "news" and "timeFieldName" not in views["newsbeam-news-all"]
    for attributes in views.values():
        json.loads(attributes.get("fieldFormatMap", "{}"))


def test_saved_search_latest_articles() -> None:
    (search,) = [obj for obj in by_type(load_objects(), "search") if obj["id"] == "newsbeam-latest-articles"]
    attributes = search["attributes"]
    assert attributes["title"] == "Latest articles"
    assert attributes["columns"] == ["title", "publisher", "tags", "url"]
    assert attributes["sort"] == [["published_at", "desc"]]
    assert set(attributes) <= SEARCH_ATTRIBUTES
    source = json.loads(attributes["kibanaSavedObjectMeta"]["searchSourceJSON"])
    reference = _reference(search, source["indexRefName"])
    assert reference == {"name": source["indexRefName"], "type": "index-pattern", "id": "newsbeam-news"}


def test_lens_layers_reference_a_data_view_and_accessors_name_columns() -> None:
    for lens in by_type(load_objects(), "lens"):
        state = lens["attributes"]["state"]
        layers = state["datasourceStates"]["formBased"]["layers"]
        for layer_id, layer in layers.items():
            assert _reference(lens, f"indexpattern-datasource-layer-{layer_id}")["type"] == "index-pattern"
            assert sorted(layer["columnOrder"]) == sorted(layer["columns"]), (lens["id"], layer_id)
        # A table's visualization is its one layer; charts list theirs.
        for layer in state["visualization"].get("layers", [state["visualization"]]):
            columns = layers[layer["layerId"]]["columns"]
            used = [*layer.get("accessors", []), *layer.get("metrics", []), *layer.get("primaryGroups", [])]
            used += [column["columnId"] for column in layer.get("columns", [])]
            used += [layer[key] for key in ("xAccessor", "splitAccessor") if layer.get(key)]
            assert used and set(used) <= set(columns), (lens["id"], used)


def test_dashboard_news_monitor_panels() -> None:
    objects = load_objects()
    (dashboard,) = by_type(objects, "dashboard")
    assert dashboard["id"] == DASHBOARD_ID
    attributes = dashboard["attributes"]
    assert attributes["title"] == "News monitor"
    assert set(attributes) <= DASHBOARD_ATTRIBUTES
    json.loads(attributes["optionsJSON"])
    panels = json.loads(attributes["panelsJSON"])
    cells: set[tuple[int, int]] = set()
    targets = set()
    for panel in panels:
        grid, index = panel["gridData"], panel["panelIndex"]
        assert grid["i"] == index and grid["x"] >= 0 and grid["x"] + grid["w"] <= GRID_COLUMNS, index
        area = {(x, y) for x in range(grid["x"], grid["x"] + grid["w"]) for y in range(grid["y"], grid["y"] + grid["h"])}
        assert not area & cells, f"panel {index} overlaps another"
        cells |= area
        reference = _reference(dashboard, f"{index}:{panel['panelRefName']}")
        assert reference["type"] == panel["type"], index
        targets.add(reference["id"])
    titles = {obj["attributes"]["title"] for obj in objects if obj["id"] in targets}
    assert titles == {
        "Articles over time by publisher",
        "Top tags",
        "Top publishers",
        "Latest articles",
        "Articles without a published date",
        "Alerts",
        "Top stories by number of outlets",
    }


def test_top_stories_panel_ranks_stories_by_distinct_outlets() -> None:
    (lens,) = [obj for obj in by_type(load_objects(), "lens") if obj["attributes"]["title"] == "Top stories by number of outlets"]
    state = lens["attributes"]["state"]
    layer = state["datasourceStates"]["formBased"]["layers"][state["visualization"]["layerId"]]
    columns = layer["columns"]
    story = columns[layer["columnOrder"][0]]
    assert (story["operationType"], story["sourceField"]) == ("terms", "story_id")
    ranking = columns[story["params"]["orderBy"]["columnId"]]
    assert (ranking["operationType"], ranking["sourceField"], story["params"]["orderDirection"]) == ("unique_count", "publisher", "desc")
    assert {column["sourceField"] for column in columns.values()} >= {"first_publisher", "first_seen", "title.keyword"}


# --- fields against the mapping --------------------------------------------------------------------


def test_every_field_used_exists_in_the_mapping_with_a_compatible_type() -> None:
    objects = load_objects()
    usages = list(field_usages(objects))
    assert {use for _, _, use in usages} >= {"time", "column", "sort", "terms", "date_histogram", "kql"}
    for owner, field, use in usages:
        fields = mapped_fields(alerts_mapping_properties()) if data_view_of(objects, owner) in ALERTS_VIEWS else mapped_fields()
        assert field in fields, f"{owner}: {field} is not in the mapping"
        definition = fields[field]
        if use == "time":
            assert definition["type"] == "date", (owner, field)
        elif use == "sort":
            assert is_aggregatable(definition), f"{owner}: cannot sort on {field} ({definition['type']})"
        elif use in OPERATION_TYPES:
            assert is_aggregatable(definition) and definition["type"] in OPERATION_TYPES[use], (
                f"{owner}: {use} on {field} ({definition['type']})"
            )
        elif use == "kql":
            assert definition.get("index", True), f"{owner}: {field} is not searchable"


def test_mapping_walk_sees_sub_fields_and_object_paths() -> None:
    fields = mapped_fields()
    assert fields["title.keyword"]["type"] == "keyword"
    assert fields["date_sources.published_at"]["type"] == "keyword"
    assert not is_aggregatable(fields["title"]) and not is_aggregatable(fields["image_url"])


def test_kql_field_extraction() -> None:
    assert kql_fields("published_at : *") == {"published_at"}
    assert kql_fields('not published_at:* and (publisher : "a: b" or tags:x)') == {"published_at", "publisher", "tags"}
    assert kql_fields("") == set()


# --- against a real index ------------------------------------------------------------------------


@pytest.fixture
def real_index(es: Elasticsearch) -> Iterator[str]:
    alias = f"kibana-test-{uuid.uuid4().hex[:8]}"
    ensure_index(es, alias)
    ensure_alerts_index(es, alias)
    try:
        yield alias
    finally:
        es.indices.delete(index=concrete_index(alias), ignore_unavailable=True)
        es.indices.delete(index=alerts_index(alias), ignore_unavailable=True)
        es.indices.delete_index_template(name=f"newsbeam-{alias}")


def test_fields_against_the_real_index_field_caps(es: Elasticsearch, real_index: str) -> None:
    """Kibana builds a data view's field list from `_field_caps`; the same call on a real index."""
    objects = load_objects()
    news_caps = es.field_caps(index=real_index, fields="*")["fields"]
    alerts_caps = es.field_caps(index=alerts_index(real_index), fields="*")["fields"]
    for owner, field, use in field_usages(objects):
        caps = alerts_caps if data_view_of(objects, owner) in ALERTS_VIEWS else news_caps
        assert field in caps, f"{owner}: {field} not in the index's field list"
        (kind, details), *others = caps[field].items()
        assert not others, f"{field}: conflicting types {list(caps[field])}"
        assert details["searchable"] or use in ("column",), (owner, field)
        if use in ("time", "date_histogram"):
            assert kind == "date", (owner, field, kind)
        if use in ("sort", *OPERATION_TYPES):
            assert details["aggregatable"], f"{owner}: {field} ({kind}) is not aggregatable"


# --- helpers -------------------------------------------------------------------------------------

ALERTS_VIEWS = {"newsbeam-news-alerts"}
"""Data views on the alerts index (pipelines/alerts/ledger.py), whose fields are not the news mapping's."""


def data_view_of(objects: list[dict[str, Any]], owner: str) -> str | None:
    """The data view an object reads: itself, or the first data view it references."""
    obj = next(obj for obj in objects if obj["id"] == owner)
    if obj["type"] == "index-pattern":
        return owner
    return next((reference["id"] for reference in obj["references"] if reference["type"] == "index-pattern"), None)


def _reference(obj: dict[str, Any], name: str) -> dict[str, str]:
    matches = [reference for reference in obj["references"] if reference["name"] == name]
    assert len(matches) == 1, f"{obj['id']}: no single reference named {name}"
    return matches[0]


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def compose_kibana_version() -> str:
    compose = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    return compose["services"]["kibana"]["image"].rsplit(":", 1)[1]
