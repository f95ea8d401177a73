from pathlib import Path

import pytest

from foundation.settings import ConfigError, load_settings


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
