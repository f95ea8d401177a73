"""Imports run one way, foundation ← connectors ← operations ← pipelines, and the extraction core
stays Beam-free, with its HTML and text-dump paths apart: read from the import statements of
every module (lazy imports inside functions included). operations/ (the local node, Kibana
set-up) uses connectors and is used by the CLI.

The running check that importing the core loads no Beam at all (transitively) is
tests/test_extraction_robustness.py::test_core_does_not_import_beam.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.support.paths import PROJECT_ROOT

# Lowest first: a package may import the ones before it, never the ones after it.
LAYERS = ("foundation", "connectors", "operations", "pipelines")
BEAM_FREE = ("pipelines", "extraction")
# The extraction core's rooms and what each may import of the core besides itself ("top": the
# modules at the core's top level, shared by both paths). The two paths never import each other,
# and the date readers, which both use, import nothing of the rest.
CORE_ROOMS = {"html": ("top", "dates"), "dumps": ("top", "dates"), "dates": ()}


def imported_modules(root: Path, path: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute name) of everything the file imports, relative imports resolved; a name
    taken from a package counts as its submodule (`from pipelines import replay`: pipelines.replay),
    and `importlib.import_module("…")` with a literal name as an import."""
    package = path.relative_to(root).parts[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else ()
            module = ".".join((*base, node.module) if node.module else base)
            for alias in node.names:
                yield node.lineno, module if alias.name == "*" else f"{module}.{alias.name}"
        elif isinstance(node, ast.Call) and _is_import_module(node.func) and node.args:
            name = node.args[0]
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                yield node.lineno, name.value


def _is_import_module(func: ast.expr) -> bool:
    return (isinstance(func, ast.Attribute) and func.attr == "import_module") or (isinstance(func, ast.Name) and func.id == "import_module")


def modules(root: Path, *package: str) -> list[Path]:
    return sorted(root.joinpath(*package).rglob("*.py"))


def upward_imports(root: Path) -> list[str]:
    """Every import of a package above the importing module's own, as `file:line imports module`."""
    found = []
    for level, layer in enumerate(LAYERS):
        above = LAYERS[level + 1 :]
        for path in modules(root, layer):
            for line, module in imported_modules(root, path):
                if module.split(".")[0] in above:
                    found.append(f"{path.relative_to(root)}:{line} imports {module}")
    return found


def beam_imports_in_the_core(root: Path) -> list[str]:
    """Every import in pipelines/extraction/ of Beam, or of the rest of pipelines/ (Beam graphs)."""
    core = ".".join(BEAM_FREE)
    found = []
    for path in modules(root, *BEAM_FREE):
        for line, module in imported_modules(root, path):
            top = module.split(".")[0]
            if top == "apache_beam" or (top == "pipelines" and not module.startswith(core + ".")):
                found.append(f"{path.relative_to(root)}:{line} imports {module}")
    return found


def crossings_between_rooms(root: Path) -> list[str]:
    """Every import in a room of the extraction core (`CORE_ROOMS`) of a part of the core it may not use."""
    core = ".".join(BEAM_FREE) + "."
    found = []
    for room, allowed in CORE_ROOMS.items():
        for path in modules(root, *BEAM_FREE, room):
            for line, module in imported_modules(root, path):
                if not module.startswith(core):
                    continue
                part = module.removeprefix(core).split(".")[0]
                other = part if part in CORE_ROOMS else "top"
                if other not in (room, *allowed):
                    found.append(f"{path.relative_to(root)}:{line} imports {module}")
    return found


def test_no_package_imports_one_above_it() -> None:
    assert all(modules(PROJECT_ROOT, layer) for layer in LAYERS), "the packages are where this test looks"
    violations = upward_imports(PROJECT_ROOT)
    assert not violations, "imports against foundation ← connectors ← operations ← pipelines:\n" + "\n".join(violations)


def test_the_extraction_core_imports_neither_beam_nor_the_pipelines() -> None:
    assert modules(PROJECT_ROOT, *BEAM_FREE)
    violations = beam_imports_in_the_core(PROJECT_ROOT)
    assert not violations, "the extraction core must run without Beam:\n" + "\n".join(violations)


def test_the_html_and_dump_paths_stay_apart_and_the_dates_import_neither() -> None:
    assert all(modules(PROJECT_ROOT, *BEAM_FREE, room) for room in CORE_ROOMS), "the rooms are where this test looks"
    violations = crossings_between_rooms(PROJECT_ROOT)
    assert not violations, f"imports across the extraction core's rooms ({CORE_ROOMS}):\n" + "\n".join(violations)


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_checks_find_each_kind_of_violation(tmp_path: Path) -> None:
    for package in ("foundation", "connectors", "operations", "pipelines", "pipelines/extraction"):
        write(tmp_path, f"{package}/__init__.py", "")
    write(tmp_path, "foundation/records.py", "import logging\nfrom connectors.http import fetch\n")
    write(tmp_path, "foundation/lazy.py", "def later():\n    import pipelines.cli\n")
    write(tmp_path, "connectors/sink.py", "from foundation.records import Article\nfrom pipelines import replay\n")
    write(tmp_path, "connectors/plugins.py", "import importlib\nimportlib.import_module('pipelines.monitor')\n")
    write(tmp_path, "connectors/node.py", "from operations.local_node import LocalNode\n")
    write(tmp_path, "operations/kibana.py", "from connectors.http import fetch\nfrom pipelines.cli.exits import EXIT\n")
    write(tmp_path, "pipelines/transforms.py", "import apache_beam as beam\nfrom connectors import http\n")
    write(
        tmp_path,
        "pipelines/extraction/dumps/reader.py",
        "from .. import fields\nfrom ... import transforms\nimport apache_beam.metrics\nfrom ..html.reader import parse_html\n",
    )
    write(tmp_path, "pipelines/extraction/dates/parsing.py", "from . import labels\nfrom pipelines.extraction.fields import Fields\n")
    write(
        tmp_path,
        "pipelines/extraction/fields.py",
        "from foundation.records import Article\nfrom pipelines.extraction.dumps.reader import x\n",
    )

    assert upward_imports(tmp_path) == [
        "foundation/lazy.py:2 imports pipelines.cli",
        "foundation/records.py:2 imports connectors.http.fetch",
        "connectors/node.py:1 imports operations.local_node.LocalNode",
        "connectors/plugins.py:2 imports pipelines.monitor",
        "connectors/sink.py:2 imports pipelines.replay",
        "operations/kibana.py:2 imports pipelines.cli.exits.EXIT",
    ]
    assert beam_imports_in_the_core(tmp_path) == [
        "pipelines/extraction/dumps/reader.py:2 imports pipelines.transforms",
        "pipelines/extraction/dumps/reader.py:3 imports apache_beam.metrics",
    ]
    assert crossings_between_rooms(tmp_path) == [
        "pipelines/extraction/dumps/reader.py:4 imports pipelines.extraction.html.reader.parse_html",
        "pipelines/extraction/dates/parsing.py:2 imports pipelines.extraction.fields.Fields",
    ]
