"""What every newsbeam configuration file shares: a strict model base, the URL check, reading the
YAML and turning validation errors into one message.

`settings.py` (config/newsbeam.yaml) and `feed_settings.py` (config/feeds.yaml) both build on it,
so the two files fail the same way: `ConfigError`, naming the file and every bad key, never a value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError


class ConfigError(ValueError):
    """The configuration is missing, unreadable or invalid; the message names the key."""


class StrictModel(BaseModel):
    """A section of a configuration file: an unknown key is an error (a typo is never ignored), and
    the loaded settings cannot be changed behind the file's back."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _http_scheme(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ValueError("must start with http:// or https://")
    return value


HttpUrlText = Annotated[str, AfterValidator(_http_scheme)]
"""A URL kept as text as written (pydantic's `HttpUrl` would rewrite it), whose scheme is http(s)."""

Model = TypeVar("Model", bound=BaseModel)
Location = tuple[int | str, ...]


def read_yaml(path: Path, file_noun: str) -> dict[str, Any]:
    """The file's top-level mapping (an empty file is an empty one); `ConfigError` names the file,
    calling it `file_noun` ("configuration file", "feeds file"), when it is missing, unreadable
    or holds anything but a mapping."""
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: {file_noun} not found") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: cannot read {file_noun}: {_yaml_problem(exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read {file_noun}: {exc}") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level, got {type(loaded).__name__}")
    return loaded


def _yaml_problem(exc: yaml.YAMLError) -> str:
    # str(exc) quotes the offending line of the file, which may be the one holding a password:
    # only the problem and where it is.
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        return f"{exc.problem or exc.context} (line {mark.line + 1}, column {mark.column + 1})"
    # The others (a character YAML does not allow) name it by its code; the next line is
    # only the reader's name for its input ("<unicode string>").
    return str(exc).partition("\n")[0]


def dotted(loc: Location) -> str:
    """`("elasticsearch", "url")` as `elasticsearch.url`."""
    return ".".join(str(part) for part in loc)


def validated(
    model: type[Model],
    data: Any,
    *,
    source: Path | None,
    contents: str,
    place: Callable[[Location], str] = dotted,
) -> Model:
    """`data` validated as `model`; else `ConfigError` "<source>: invalid <contents>: <key>: <problem>; …",
    each key written by `place` (e.g. to add a feed's name to its index)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        where = f"{source}: " if source else ""
        raise ConfigError(f"{where}invalid {contents}: " + "; ".join(_problems(exc, place))) from None


def _problems(exc: ValidationError, place: Callable[[Location], str]) -> Sequence[str]:
    # Built by hand rather than str(exc): pydantic's message echoes the input value,
    # which may be a password, an API key or a feed URL carrying a token.
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        if error["type"] == "value_error" and not loc:
            # A check of the whole model: its message names the keys itself.
            problems.append(str(error["ctx"]["error"]))
            continue
        message = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
        problems.append(f"{place(loc)}: {message}")
    return problems
