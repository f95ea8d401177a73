"""newsbeam's configuration: `config/newsbeam.yaml`, then environment overrides, validated on load.

One place holds the Elasticsearch connection settings; every command and pipeline reads them
from here. Secrets are `SecretStr`, so they never show up in reprs, logs or error messages.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from pydantic import Field, SecretStr, field_validator, model_validator

# cache_dir lives beside the settings for their callers; its module spares `extract` pydantic's import.
from foundation.cache import cache_dir as cache_dir

# ConfigError is also imported from here by the commands that load settings.
from foundation.config_files import ConfigError, HttpUrlText, StrictModel, read_yaml, validated

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG = Path("config") / "newsbeam.yaml"
_CONTENTS = "configuration"

_ENV_OVERRIDES = {
    "NEWSBEAM_ES_URL": ("elasticsearch", "url"),
    "NEWSBEAM_ES_API_KEY": ("elasticsearch", "api_key"),
    "NEWSBEAM_ES_USERNAME": ("elasticsearch", "username"),
    "NEWSBEAM_ES_PASSWORD": ("elasticsearch", "password"),
    "NEWSBEAM_ES_CA_CERTS": ("elasticsearch", "ca_certs"),
    "NEWSBEAM_ES_VERIFY_CERTS": ("elasticsearch", "verify_certs"),
    "NEWSBEAM_ES_INDEX": ("elasticsearch", "index"),
}


class ElasticsearchSettings(StrictModel):
    url: HttpUrlText = "http://127.0.0.1:9200"
    api_key: SecretStr | None = None
    username: str | None = None
    password: SecretStr | None = None
    verify_certs: bool = True
    ca_certs: Path | None = None
    request_timeout: float = Field(default=30.0, gt=0, le=3600)
    index: str = Field(default="news", pattern=r"^[a-z0-9][a-z0-9_.-]*$")

    @model_validator(mode="before")
    @classmethod
    def _credentials_out_of_the_url(cls, data: Any) -> Any:
        """`https://user:secret@host` becomes url `https://host` plus username and password, so the
        URL can be shown in messages and logs without showing the secret."""
        if not isinstance(data, dict) or not isinstance(data.get("url"), str):
            return data
        parts = urlsplit(data["url"])
        if parts.username is None and parts.password is None:
            return data
        host = parts.netloc.rpartition("@")[2]
        data = {**data, "url": urlunsplit(parts._replace(netloc=host))}
        data["username"] = unquote(parts.username or "")
        if parts.password is not None:
            data["password"] = unquote(parts.password)
        return data

    @field_validator("url")
    @classmethod
    def _without_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    def with_url(self, url: str) -> ElasticsearchSettings:
        """These settings pointed at another URL (e.g. --es-url); `ConfigError` names a bad one."""
        return validated(ElasticsearchSettings, {**self.model_dump(), "url": url}, source=None, contents=_CONTENTS)


class LocalNodeSettings(StrictModel):
    version: str = Field(default="9.5.2", pattern=r"^\d+\.\d+\.\d+$")
    port: int = Field(default=9200, ge=1024, le=65535)
    heap: str = Field(default="512m", pattern=r"^\d+[mMgG]$")
    data_dir: Path | None = None
    security: bool = False
    """HTTPS with the node's own CA and a password for `elastic` (`newsbeam es up --secure`); a secured folder stays secured."""
    settings: dict[str, str] = Field(default_factory=dict)
    """Extra elasticsearch.yml settings, e.g. {"thread_pool.write.queue_size": "10"}."""


class StoriesSettings(StrictModel):
    """The window of recent articles that `watch` and `replay` compare each new article with.

    Older articles are still found through the index (their band keys); the window only bounds memory.
    """

    window_days: float = Field(default=7.0, gt=0, le=3650)
    max_entries: int = Field(default=100_000, ge=1, le=10_000_000)
    """At most this many articles in the window (about 0.8 KB each; see README, "Stories"), oldest out first."""


class Settings(StrictModel):
    elasticsearch: ElasticsearchSettings = ElasticsearchSettings()
    local_node: LocalNodeSettings = LocalNodeSettings()
    stories: StoriesSettings = StoriesSettings()


def config_path(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The configuration file to read: explicit, `$NEWSBEAM_CONFIG`, ./config, the project's own."""
    if explicit:
        return Path(explicit)
    if os.environ.get("NEWSBEAM_CONFIG"):
        return Path(os.environ["NEWSBEAM_CONFIG"])
    for candidate in (Path.cwd() / DEFAULT_CONFIG, PROJECT_ROOT / DEFAULT_CONFIG):
        if candidate.is_file():
            return candidate
    return None


def load_settings(path: str | os.PathLike[str] | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Read and validate the configuration; raise `ConfigError` naming the bad key."""
    source = config_path(path)
    data = read_yaml(source, "configuration file") if source else {}
    _apply_env(data, os.environ if environ is None else environ)
    return validated(Settings, data, source=source, contents=_CONTENTS)


def _apply_env(data: dict[str, Any], environ: Mapping[str, str]) -> None:
    for variable, (section, key) in _ENV_OVERRIDES.items():
        if environ.get(variable):
            block = data.setdefault(section, {})
            if not isinstance(block, dict):
                raise ConfigError(f"{section}: expected a mapping")
            block[key] = environ[variable]
