"""requirements*.in say what the code uses; requirements*.txt are their locks (see README)."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

from django.conf import settings

from analysis.nlp import MODEL

ROOT = Path(__file__).resolve().parent.parent
FIRST_PARTY = {"analysis", "articles", "bench", "config", "tests"}
# Direct dependencies nothing imports: run as programs.
RUN_NOT_IMPORTED = {"gunicorn"}  # the app server (README, make bench)


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.split(r"[\[=<>~; ]", requirement.strip(), maxsplit=1)[0]).lower()


def _listed(path: str) -> set[str]:
    lines = (ROOT / path).read_text().splitlines()
    return {_name(line) for line in lines if line.strip() and not line.lstrip().startswith(("#", "-"))}


def _pins(path: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / path).read_text().splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            name, version = line.split("==")
            pins[_name(name)] = version.strip()
    return pins


def _imported(*folders: str) -> set[str]:
    """Top-level modules imported anywhere under ``folders`` (function-local imports too)."""
    found = set()
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found.add(node.module.split(".")[0])
    return found - FIRST_PARTY - set(sys.stdlib_module_names) - {"__future__"}


def _configured() -> set[str]:
    """Modules the settings name as strings: apps, middleware, storages, task backends."""
    dotted = [*settings.INSTALLED_APPS, *settings.MIDDLEWARE, *(s["BACKEND"] for s in settings.STORAGES.values()),
              *(t["BACKEND"] for t in settings.TASKS.values())]
    return {name.split(".")[0] for name in dotted} - FIRST_PARTY


def _distributions(modules: set[str]) -> dict[str, set[str]]:
    owners = packages_distributions()
    return {module: {_name(d) for d in owners.get(module, [])} for module in modules}


def test_each_lock_pins_every_dependency_its_list_names():
    app, dev = _pins("requirements.txt"), _pins("requirements-dev.txt")
    assert _listed("requirements.in") <= app.keys()
    assert _listed("requirements-dev.in") <= dev.keys()
    shared = app.keys() & dev.keys()
    assert {name: dev[name] for name in shared} == {name: app[name] for name in shared}


def test_every_module_the_code_imports_comes_from_a_direct_dependency():
    app = _listed("requirements.in")
    for module, owners in _distributions(_imported("analysis", "articles", "config", "bench") | _configured()).items():
        assert owners & app, f"{module} (from {owners or 'nowhere'}) is used by the app but not in requirements.in"
    tools = app | _listed("requirements-dev.in")
    for module, owners in _distributions(_imported("tests")).items():
        assert owners & tools, f"{module} (from {owners or 'nowhere'}) is used by the tests but in no requirements*.in"


def test_nothing_is_listed_that_the_code_does_not_use():
    used = _imported("analysis", "articles", "config", "bench") | _configured() | {MODEL}
    owners = {dist for dists in _distributions(used).values() for dist in dists}
    unused = _listed("requirements.in") - owners - RUN_NOT_IMPORTED
    assert not unused, f"listed in requirements.in but never imported: {sorted(unused)}"
    assert "nameparser" not in _pins("requirements.txt")
