"""The workarounds on other libraries' internals still hold: each fails here, loudly, when an
upgrade changes what it relies on."""

from __future__ import annotations

import inspect
import logging
import threading
import time

import pytest

from foundation import workarounds


def test_a_version_outside_the_guard_is_refused():
    with pytest.raises(workarounds.UnsupportedVersion, match="feedparser .* written for 0.0.1"):
        workarounds._require("feedparser", ("0.0.1",))


def test_feedparser_still_parses_the_dates_of_old_feeds():
    parsed = workarounds.parse_feed_date("Thu, 01 Jan 2004 19:48:21 GMT")
    assert parsed is not None and time.strftime("%Y-%m-%d %H:%M", parsed) == "2004-01-01 19:48"
    assert workarounds.parse_feed_date("2003-12-31T10:14:55Z") is not None
    assert workarounds.parse_feed_date("not a date") is None


def test_the_beam_metrics_patch_lasts_only_for_the_run():
    from apache_beam.runners.portability.fn_api_runner import fn_runner

    original = fn_runner.consolidate_monitoring_infos
    with workarounds.eager_beam_metrics():
        assert fn_runner.consolidate_monitoring_infos is not original
        assert isinstance(fn_runner.consolidate_monitoring_infos([]), list)
    assert fn_runner.consolidate_monitoring_infos is original


def test_beams_periodic_impulse_generator_can_still_be_subclassed():
    import apache_beam as beam

    generator, provider = workarounds.periodic_impulse_internals()
    assert issubclass(generator, beam.DoFn) and callable(provider().initial_restriction)


def test_the_beam_import_warning_is_filtered(caplog):
    workarounds.quiet_beam_import_warning()
    try:
        with caplog.at_level(logging.WARNING):
            logging.getLogger().warning("apitools not found; BigQuery is unavailable")
            logging.getLogger().warning("something else")
        assert [record.getMessage() for record in caplog.records] == ["something else"]
    finally:
        logging.getLogger().removeFilter(workarounds._not_apitools)


def test_trafilatura_still_has_the_metadata_steps_newsbeam_calls():
    steps = workarounds.trafilatura_metadata_steps()
    for name in (
        "examine_meta",
        "extract_meta_json",
        "extract_title",
        "extract_author",
        "extract_url",
        "extract_sitename",
        "extract_catstags",
        "trim",
        "normalize_authors",
        "block_text",
        "line_processing",
    ):
        assert callable(getattr(steps, name)), name
    for name in ("AUTHOR_XPATHS", "AUTHOR_DISCARD_XPATHS", "CATEGORIES_XPATHS", "TAGS_XPATHS"):
        assert all(callable(expression) for expression in getattr(steps, name)), name
    assert steps.META_URL.match("https://www.example.org/news/1")[1] == "example.org"


def test_a_replaced_trafilatura_step_is_what_trafilatura_calls_and_its_own_stays_at_hand():
    import trafilatura.main_extractor

    own = trafilatura.main_extractor.trim

    def replaced_trim(text):
        return own(text)

    try:
        workarounds.replace_trafilatura_step("main_extractor", "trim", replaced_trim)
        assert workarounds.trafilatura_step("main_extractor", "trim") is own
        # Another replacement still leaves trafilatura's own at hand, not the first replacement.
        workarounds.replace_trafilatura_step("main_extractor", "trim", replaced_trim)
        assert workarounds.trafilatura_step("main_extractor", "trim") is own
        assert trafilatura.main_extractor.trim is replaced_trim
    finally:
        trafilatura.main_extractor.trim = own
        workarounds._TRAFILATURA_OWN.pop(("main_extractor", "trim"))


def test_trafilatura_still_calls_the_steps_newsbeam_replaces_by_their_names():
    import trafilatura.external
    import trafilatura.main_extractor

    # Looked up by name inside trafilatura's own functions (see pipelines/extraction/html/).
    assert "prune_unwanted_sections(" in inspect.getsource(trafilatura.main_extractor._extract)
    assert "revise_paragraph_classification(" in inspect.getsource(trafilatura.external)


def _cancelled_stream_in_thread(name: str) -> None:
    """Read a stream that a real gRPC server on 127.0.0.1 ends with CANCELLED, in a thread `name`,
    as a portable runner ends a worker's streams at the job's end."""
    from concurrent.futures import ThreadPoolExecutor

    import grpc

    def hang_up(request: bytes, context: grpc.ServicerContext):
        context.abort(grpc.StatusCode.CANCELLED, "Multiplexer hanging up")
        yield request

    server = grpc.server(ThreadPoolExecutor(max_workers=1))
    handler = grpc.unary_stream_rpc_method_handler(hang_up)
    server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler("runner", {"Data": handler})])
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stream = channel.unary_stream("/runner/Data")(b"", timeout=10)
            reader = threading.Thread(target=lambda: list(stream), name=name)
            reader.start()
            reader.join(10)
    finally:
        server.stop(None)


def _raises_in_thread(name: str, error: Exception) -> None:
    def fail() -> None:
        raise error

    thread = threading.Thread(target=fail, name=name)
    thread.start()
    thread.join(10)


def test_a_runner_hanging_up_on_beams_stream_readers_is_logged_not_printed(monkeypatch, caplog):
    seen: list[str] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: seen.append(args.thread.name))
    workarounds.quiet_worker_hangups()
    workarounds.quiet_worker_hangups()
    with caplog.at_level(logging.DEBUG, logger="foundation.workarounds"):
        for name in ("read_grpc_client_inputs", "read_state"):
            _cancelled_stream_in_thread(name)
    assert seen == []
    assert [record.getMessage() for record in caplog.records] == [
        "the runner closed the worker stream of read_grpc_client_inputs at the job's end",
        "the runner closed the worker stream of read_state at the job's end",
    ]


def test_other_thread_failures_still_reach_the_previous_hook(monkeypatch):
    seen: list[tuple[str, type]] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: seen.append((args.thread.name, args.exc_type)))
    workarounds.quiet_worker_hangups()
    _raises_in_thread("read_state", ValueError("a worker's own failure"))
    _cancelled_stream_in_thread("a_thread_of_our_own")
    assert [name for name, _ in seen] == ["read_state", "a_thread_of_our_own"]
    assert seen[0][1] is ValueError


def test_beam_still_names_its_stream_readers_as_the_hangup_filter_expects():
    from apache_beam.runners.worker import data_plane, sdk_worker

    sources = inspect.getsource(data_plane) + inspect.getsource(sdk_worker)
    for name in workarounds._BEAM_STREAM_READERS:
        assert f"name='{name}'" in sources, name
