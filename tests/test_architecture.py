"""The shape of the code, read from its import statements with ``ast`` (nothing is imported).

``analysis/`` is the extraction pipeline in plain Python: it imports nothing from Django or the
app, so it runs and is tested without a database. The app's large parts (models, views, exports,
the benchmark) depend on each other one way only. Imports inside functions count as much as those
at the top of a file: they were how the old circles were held apart, and they still run.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("analysis", "articles", "bench", "config")
APP_AND_DJANGO = {"django", "articles", "bench", "config"}
DATABASE_FIXTURES = {"db", "transactional_db", "client", "admin_client", "settings", "django_db_blocker", "live_server"}

# The parts that must not form a circle, by module-name prefix. The benchmark lives in
# articles/benchmarking*.py and synthetic*.py today and moves to a top-level bench/ package.
PARTS = {
    "analysis": ("analysis",),
    "articles.models": ("articles.models",),
    "articles.views": ("articles.views",),
    "articles.exports": ("articles.exports",),
    "bench": (
        "bench", "articles.benchmarking", "articles.benchmarking_load", "articles.benchmarking_run",
        "articles.synthetic", "articles.synthetic_text",
        "articles.management.commands.bench", "articles.management.commands.generate_corpus",
    ),
}


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of the project's own packages, by dotted name."""
    return {
        _name(path): path
        for package in PACKAGES if (ROOT / package).is_dir()
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


@cache
def imports_of(module: str) -> frozenset[str]:
    """Every dotted name ``module`` imports, wherever the statement stands (``if TYPE_CHECKING``
    blocks aside: they never run). ``from a import b`` gives ``a`` and ``a.b``; importing ``a.b.c``
    also runs the packages ``a`` and ``a.b``, so they are included."""
    path = modules()[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom) or _type_checking_only(node, parents):
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        for name in names:
            pieces = name.split(".")
            found.update(".".join(pieces[:i]) for i in range(1, len(pieces) + 1))
    return frozenset(found)


def part_of(module: str) -> str | None:
    for part, prefixes in PARTS.items():
        if any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes):
            return part
    return None


@cache
def reachable(part: str) -> frozenset[str]:
    """The project's modules that importing ``part`` can run, directly or through any other module."""
    known = modules()
    seen: set[str] = set()
    todo = [module for module in known if part_of(module) == part]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        todo.extend(name for name in imports_of(module) if name in known and name not in seen)
    return frozenset(seen)


def path_between(start: str, goal: str) -> list[str]:
    """One chain of imports from part ``start`` into part ``goal``, for the failure message."""
    known = modules()
    queue = [[module] for module in known if part_of(module) == start]
    seen = {chain[0] for chain in queue}
    while queue:
        chain = queue.pop(0)
        for name in sorted(imports_of(chain[-1])):
            if name in known and name not in seen:
                if part_of(name) == goal:
                    return [*chain, name]
                seen.add(name)
                queue.append([*chain, name])
    return []


def circle(a: str, b: str) -> list[str]:
    """The two import chains a -> b and b -> a when each part reaches the other, else []."""
    for part in (a, b):  # a part that moved out of sight would pass vacuously
        assert any(part_of(module) == part for module in modules()), f"no module of {part} found"
    there, back = path_between(a, b), path_between(b, a)
    return [" -> ".join(there), " -> ".join(back)] if there and back else []


def test_analysis_and_its_tests_import_nothing_from_django_or_the_app() -> None:
    offending = {
        module: sorted(name for name in imports_of(module) if name.split(".")[0] in APP_AND_DJANGO)
        for module in modules()
        if part_of(module) == "analysis"
    }
    # tests/analysis runs with ``-p no:django`` too: no Django, no app, no database fixture.
    for path in sorted((ROOT / "tests" / "analysis").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        names |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        arguments = {arg.arg for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) for arg in node.args.args}
        offending[str(path.relative_to(ROOT))] = sorted(
            {name for name in names if name.split(".")[0] in APP_AND_DJANGO | {"pytest_django"}}
            | (DATABASE_FIXTURES & arguments)
            | ({"django_db"} if "django_db" in ast.unparse(tree) else set())
        )
    assert {where: names for where, names in offending.items() if names} == {}


def test_the_pipeline_imports_in_a_process_without_django() -> None:
    # The same, at run time: every analysis module imports with Django and the app made unimportable.
    names = sorted(module for module in modules() if part_of(module) == "analysis")
    script = "import sys\nfor blocked in ('django', 'articles', 'config'):\n    sys.modules[blocked] = None\n"
    script += "".join(f"import {name}\n" for name in names)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (a, b)
        for i, a in enumerate(PARTS)
        for b in list(PARTS)[i + 1 :]
        if {a, b} != {"articles.views", "articles.exports"}
    ],
)
def test_no_import_circle_between(a: str, b: str) -> None:
    assert circle(a, b) == []


def test_views_and_exports_do_not_import_each_other() -> None:
    assert circle("articles.views", "articles.exports") == []


def test_migrations_import_no_live_code() -> None:
    """An old migration must do tomorrow what it did the day it was written: it may use Django
    and data frozen beside it under articles/migrations/, never the app's or the pipeline's code."""
    live = {
        module: sorted(
            name for name in imports_of(module)
            if name.split(".")[0] in {"analysis", "articles", "bench", "config"}
            and name not in {"articles", "articles.migrations"} and not name.startswith("articles.migrations.")
        )
        for module in modules()
        if module.startswith("articles.migrations.")
    }
    assert {module: names for module, names in live.items() if names} == {}
