"""An import batch against crashes: the importer killed mid-batch, the database connection cut
between files. Nothing partial is ever stored, and what finished was said as it finished."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connection, connections

from articles import importing
from articles.importing import Status, import_paths
from articles.models import Article

ROOT = Path(__file__).resolve().parent.parent.parent


def article_text(n: int) -> str:
    return (
        f"Officials met in Geneva on day {n} to talk about the ceasefire and the prisoners held on both sides.\n\n"
        f"“We have made real progress today and we expect to sign agreement number {n} within weeks,” said Anna "
        "Weber, a Swiss diplomat.\n\nMarkus Garlauskas said that the army had lost thousands of soldiers since the "
        "spring.\n"
    )


def write_batch(folder: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        path = folder / f"{n:03}.txt"
        path.write_text(article_text(n), encoding="utf-8")
        paths.append(path)
    return paths


def database_env_for_tests() -> dict[str, str]:
    """Point a separate process at the test database."""
    name = connection.settings_dict["NAME"]
    url = os.environ.get("DATABASE_URL")
    if not url:
        return {"DATABASE_NAME": name}
    return {"DATABASE_URL": urlsplit(url)._replace(path=f"/{name}").geturl()}


def assert_every_article_is_complete() -> None:
    for article in Article.objects.all():
        assert article.analysed_at is not None, article.original_filename
        assert article.passages.count() == 3, article.original_filename
        assert article.quotes.count() >= 1, article.original_filename


@pytest.mark.django_db(transaction=True)
def test_a_batch_goes_on_after_the_database_connection_is_cut(tmp_path):
    paths = write_batch(tmp_path, 3)

    def cut_after_the_first(files):
        for index, path in enumerate(files):
            if index == 1:  # the server restarted between two files: this backend is gone
                pid = connection.cursor().connection.info.backend_pid
                other = connections.create_connection("default")
                try:
                    with other.cursor() as cursor:
                        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
                finally:
                    other.close()
            yield path

    outcomes = import_paths(paths, progress=cut_after_the_first)
    assert [o.status for o in outcomes] == [Status.CREATED] * 3, [str(o) for o in outcomes]
    assert Article.objects.count() == 3
    assert_every_article_is_complete()


@pytest.mark.django_db
def test_each_outcome_is_printed_as_its_file_finishes(tmp_path, monkeypatch):
    paths = write_batch(tmp_path, 2)
    (tmp_path / "empty.txt").write_text("")
    out, err = StringIO(), StringIO()
    seen_when_reading: dict[str, tuple[str, str]] = {}
    read = importing.read_file

    def read_and_look(path):
        seen_when_reading[path.name] = (out.getvalue(), err.getvalue())
        return read(path)

    monkeypatch.setattr(importing, "read_file", read_and_look)
    with pytest.raises(Exception, match="1 of 3 files failed"):
        call_command("import_articles", str(tmp_path), stdout=out, stderr=err)
    assert f"{paths[0]}: created" in seen_when_reading["001.txt"][0]
    assert f"{paths[1]}: created" in seen_when_reading["empty.txt"][0]
    assert f"{tmp_path / 'empty.txt'}: refused: is empty" in err.getvalue()


@pytest.mark.django_db(transaction=True)
def test_killing_the_importer_mid_batch_leaves_only_complete_articles(tmp_path):
    write_batch(tmp_path, 40)
    env = {**os.environ, **database_env_for_tests(), "PYTHONUNBUFFERED": "1"}
    log = tmp_path / "stdout.log"
    with log.open("w") as stdout:
        importer = subprocess.Popen(
            [sys.executable, "manage.py", "import_articles", str(tmp_path), "--no-progress"],
            cwd=ROOT, env=env, stdout=stdout, stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 120
            while Article.objects.count() < 3 and time.monotonic() < deadline and importer.poll() is None:
                time.sleep(0.05)
            importer.send_signal(signal.SIGKILL)
            importer.wait(30)
        finally:
            if importer.poll() is None:
                importer.kill()
    stored = Article.objects.count()
    assert 3 <= stored < 40, "the kill should land mid-batch"
    assert_every_article_is_complete()
    # What was stored was also reported as it finished (all but, at most, the one just committed).
    reported = log.read_text().count(": created")
    assert stored - 1 <= reported <= stored
