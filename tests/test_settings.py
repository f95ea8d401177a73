from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from foundation.feed_settings import load_feeds
from foundation.settings import ConfigError, load_settings


# Both configuration files are read by the same code (foundation/config_files.py): each case runs
# against both loaders. `valid` is a smallest valid file, `url_key` where it holds a URL.
class ConfigFile(NamedTuple):
    load: Callable[[Path], Any]
    file_noun: str
    contents: str
    valid: str
    url_key: str


CONFIG_FILES = [
    pytest.param(
        ConfigFile(
            load=lambda path: load_settings(path, environ={}),
            file_noun="configuration file",
            contents="configuration",
            valid="elasticsearch: {url: 'http://127.0.0.1:9200'}\n",
            url_key="elasticsearch.url",
        ),
        id="newsbeam.yaml",
    ),
    pytest.param(
        ConfigFile(
            load=load_feeds,
            file_noun="feeds file",
            contents="feeds configuration",
            valid="feeds:\n  - {name: a, url: 'https://a.example/rss'}\n",
            url_key="feeds.0 ('a').url",
        ),
        id="feeds.yaml",
    ),
]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "newsbeam.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path):
    settings = load_settings(write(tmp_path, ""), environ={})
    assert settings.elasticsearch.url == "http://127.0.0.1:9200"
    assert settings.elasticsearch.verify_certs is True
    assert settings.local_node.port == 9200


def test_the_project_config_is_valid():
    load_settings(Path(__file__).resolve().parents[1] / "config" / "newsbeam.yaml", environ={})


def test_environment_overrides_the_file(tmp_path):
    path = write(tmp_path, "elasticsearch:\n  url: http://es.example:9200\n")
    settings = load_settings(path, environ={"NEWSBEAM_ES_URL": "https://other:9243/", "NEWSBEAM_ES_VERIFY_CERTS": "false"})
    assert settings.elasticsearch.url == "https://other:9243"
    assert settings.elasticsearch.verify_certs is False


def test_unknown_key_is_named(tmp_path):
    with pytest.raises(ConfigError, match=r"elasticsearch\.urll: unknown key"):
        load_settings(write(tmp_path, "elasticsearch:\n  urll: http://x\n"), environ={})


def test_bad_value_is_named(tmp_path):
    with pytest.raises(ConfigError, match=r"local_node\.port"):
        load_settings(write(tmp_path, "local_node:\n  port: 80000\n"), environ={})


def test_secrets_never_appear_in_errors_or_reprs(tmp_path):
    path = write(tmp_path, "elasticsearch:\n  password: [hunter2]\n")
    with pytest.raises(ConfigError, match="elasticsearch.password") as error:
        load_settings(path, environ={})
    assert "hunter2" not in str(error.value)
    settings = load_settings(write(tmp_path, ""), environ={"NEWSBEAM_ES_API_KEY": "s3cr3t-key", "NEWSBEAM_ES_PASSWORD": "hunter2"})
    assert settings.elasticsearch.api_key.get_secret_value() == "s3cr3t-key"
    assert "s3cr3t-key" not in repr(settings) and "hunter2" not in repr(settings)


def test_unreadable_yaml_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read configuration"):
        load_settings(write(tmp_path, "elasticsearch: [unclosed\n"), environ={})


def test_credentials_in_the_url_are_moved_out_of_it(tmp_path):
    settings = load_settings(write(tmp_path, ""), environ={"NEWSBEAM_ES_URL": "https://writer:s3cr%40t@es.example:9243/"})
    es = settings.elasticsearch
    assert es.url == "https://es.example:9243"
    assert es.username == "writer" and es.password.get_secret_value() == "s3cr@t"
    assert "s3cr" not in repr(settings)
    assert es.with_url("http://other:pw@127.0.0.1:9200").url == "http://127.0.0.1:9200"


def test_a_bad_es_url_override_is_named_without_its_secret(tmp_path):
    es = load_settings(write(tmp_path, ""), environ={}).elasticsearch
    with pytest.raises(ConfigError, match="url: .*http:// or https://") as error:
        es.with_url("ftp://writer:hunter2@host")
    assert "hunter2" not in str(error.value)


@pytest.mark.parametrize("config_file", CONFIG_FILES)
@pytest.mark.parametrize("top_level", ["- a list\n- of things\n", "just text\n", "42\n"])
def test_a_top_level_that_is_not_a_mapping_is_named_the_same_way_in_both_files(tmp_path, config_file, top_level):
    with pytest.raises(ConfigError, match=r"newsbeam\.yaml: expected a mapping at the top level, got (list|str|int)$"):
        config_file.load(write(tmp_path, top_level))


@pytest.mark.parametrize("config_file", CONFIG_FILES)
def test_a_missing_or_unreadable_file_is_named_in_both_files(tmp_path, config_file):
    with pytest.raises(ConfigError, match=f"missing.yaml: {config_file.file_noun} not found$"):
        config_file.load(tmp_path / "missing.yaml")
    with pytest.raises(ConfigError, match=f"newsbeam.yaml: cannot read {config_file.file_noun}: expected ',' or ']'"):
        config_file.load(write(tmp_path, "feeds: [unclosed\n"))
    with pytest.raises(ConfigError, match=f"cannot read {config_file.file_noun}: unacceptable character #x0000: .*allowed$"):
        config_file.load(write(tmp_path, "name: \x00\n"))
    not_utf8 = tmp_path / "latin1.yaml"
    not_utf8.write_bytes("name: caf\u00e9\n".encode("latin-1"))
    with pytest.raises(ConfigError, match=f"latin1.yaml: cannot read {config_file.file_noun}: .*utf-8"):
        config_file.load(not_utf8)


@pytest.mark.parametrize("config_file", CONFIG_FILES)
def test_every_bad_key_is_named_in_one_message_in_both_files(tmp_path, config_file):
    path = write(tmp_path, config_file.valid + "misspelt: 1\nanother_typo: {password: hunter2}\n")
    with pytest.raises(ConfigError) as error:
        config_file.load(path)
    assert str(error.value) == f"{path}: invalid {config_file.contents}: misspelt: unknown key; another_typo: unknown key"


@pytest.mark.parametrize("config_file", CONFIG_FILES)
def test_urls_must_be_http_or_https_in_both_files_and_are_not_echoed(tmp_path, config_file):
    path = write(tmp_path, config_file.valid.replace("https://", "ftp://user:hunter2@").replace("http://", "ftp://user:hunter2@"))
    with pytest.raises(ConfigError) as error:
        config_file.load(path)
    message = str(error.value)
    assert f": {config_file.url_key}: Value error, must start with http:// or https://" in message
    assert "hunter2" not in message


@pytest.mark.parametrize("config_file", CONFIG_FILES)
def test_loaded_settings_are_frozen_in_both_files(tmp_path, config_file):
    config = config_file.load(write(tmp_path, config_file.valid))
    section = getattr(config, config_file.url_key.split(".")[0])
    section = section[0] if isinstance(section, tuple) else section
    with pytest.raises(ValueError, match="frozen"):
        section.url = "http://elsewhere.example"


@pytest.mark.parametrize("config_file", CONFIG_FILES)
def test_unreadable_yaml_is_placed_by_line_and_column_without_quoting_the_line(tmp_path, config_file):
    # PyYAML's own message quotes the offending line, which may be the one holding a password.
    path = write(tmp_path, "elasticsearch:\n  password: hunter2: [x\n")
    with pytest.raises(ConfigError) as error:
        config_file.load(path)
    message = str(error.value)
    assert message == f"{path}: cannot read {config_file.file_noun}: mapping values are not allowed here (line 2, column 20)"
    assert "hunter2" not in message
