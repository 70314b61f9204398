"""The code's layout: stages import only the stages below them, one module imports WeasyPrint,
one package prints."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"
#: The stages, lowest first. Each may import itself and the stages before it.
STAGES = [
    "briefing.languages",
    "briefing.project",
    "briefing.html",
    "briefing.pdf",
    "briefing.build",
    "briefing.word",
    "briefing.cli",
]
#: Below every stage: the package's version, its errors and small facts about files.
FOUNDATION = {"briefing", "briefing.errors", "briefing.files"}


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


def imports(name: str, path: Path) -> Iterator[tuple[str, int]]:
    """Every module ``name`` imports (absolute names), with the line of the import."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base, node.lineno
            for alias in node.names:  # `from . import cache` imports a module
                yield f"{base}.{alias.name}", node.lineno


def stage_of(module: str) -> int | None:
    """The index of the stage a module belongs to; None for the foundation and outsiders."""
    for index, stage in enumerate(STAGES):
        if module == stage or module.startswith(stage + "."):
            return index
    return None


def test_the_stages_are_all_there() -> None:
    names = {name for name, _ in modules()}
    assert set(STAGES) <= names
    assert {name for name in names if stage_of(name) is None} == FOUNDATION


@pytest.mark.parametrize(("name", "path"), list(modules()), ids=[name for name, _ in modules()])
def test_imports_run_down_the_stages(name: str, path: Path) -> None:
    if name == "briefing":
        return  # the public API: it names the stages' functions, imported when first used
    mine = stage_of(name)
    for imported, line in imports(name, path):
        if not imported.startswith("briefing"):
            continue
        theirs = stage_of(imported)
        if mine is None:
            assert theirs is None, f"{path.name}:{line}: the foundation imports {imported}"
        elif theirs is not None:
            assert theirs <= mine, f"{name}:{line} imports {imported}, a later stage"


def test_only_the_pdf_stage_imports_weasyprint() -> None:
    importers = {
        name
        for name, path in modules()
        for imported, _ in imports(name, path)
        if imported.split(".")[0] == "weasyprint"
    }
    assert importers and all(name.startswith("briefing.pdf.") for name in importers), importers


def test_only_the_command_line_prints() -> None:
    printers = set()
    for name, path in modules():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                printers.add(name)
    assert printers and all(name.startswith("briefing.cli") for name in printers), printers


def test_a_test_can_fail_on_an_upward_import(tmp_path: Path) -> None:
    # The checker itself: an upward import is found.
    module = tmp_path / "model.py"
    module.write_text("from ..build.api import build_project\n")
    found = list(imports("briefing.project.model", module))
    assert ("briefing.build.api", 1) in found
    assert stage_of("briefing.build.api") > stage_of("briefing.project.model")


def test_every_library_imported_is_declared() -> None:
    import sys
    import tomllib
    from importlib.metadata import packages_distributions

    pyproject = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text("utf-8"))
    declared = {
        requirement.split(">")[0].split("<")[0].split("=")[0].strip().lower()
        for requirement in pyproject["project"]["dependencies"]
    }
    distributions = packages_distributions()
    undeclared = {}
    for name, path in modules():
        for imported, line in imports(name, path):
            top = imported.split(".")[0]
            if not top or top == "briefing" or top in sys.stdlib_module_names:
                continue
            # Names compared as packaging normalises them (pypandoc_binary is pypandoc-binary).
            owners = {owner.lower().replace("_", "-") for owner in distributions.get(top, [top])}
            if not owners & declared:
                undeclared[top] = f"{path.relative_to(PACKAGE.parent)}:{line}"
    assert undeclared == {}
