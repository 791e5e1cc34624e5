from __future__ import annotations

import json
from pathlib import Path

import pytest

CORPUS_DIR = Path(__file__).resolve().parent.parent / "articles" / "corpus"
CORPUS_FILES = sorted(CORPUS_DIR.glob("*.txt"))
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads((CORPUS_DIR / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def corpus(db):
    """Both corpus articles imported and analysed."""
    from articles.importing import import_paths

    outcomes = import_paths(CORPUS_FILES)
    assert all(o.article for o in outcomes), [str(o) for o in outcomes]
    return {Path(o.name).name: o.article for o in outcomes}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium: Playwright cannot download its own browser here.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    }


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    # Deployments serve hashed files from collectstatic's manifest; tests read static/ directly.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
