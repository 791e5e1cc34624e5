"""Long editor actions are recorded jobs: queued with the change, run by the worker, resumed after a
crash or reported failed in the admin (issue 11, item 7)."""

from __future__ import annotations

import signal
import time
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from articles.models import Article, ArticleTheme, Job, Source, Theme
from articles.models.articles import checksum
from tests.hostile.worker import run_worker, spawn_worker

NEW_KEYWORDS = "storm corps\nfair-weather friend*\nbuy them"
GALEOTTI = "North Korea’s arrival is no triumph for Putin in Ukraine"


def change_keywords(client, theme: Theme, keywords: str):
    url = reverse("admin:articles_theme_change", args=[theme.pk])
    return client.post(url, {"name": theme.name, "slug": theme.slug, "description": theme.description,
                             "keywords": keywords})


def tagged_titles(theme: Theme) -> set[str]:
    return set(theme.article_themes.values_list("article__title", flat=True))


def test_a_keyword_change_queues_one_job_and_retags_nothing_in_the_request(client, editor, corpus):
    theme = Theme.objects.get(slug="escalation")
    before = tagged_titles(theme)
    assert before and before != {GALEOTTI}
    response = change_keywords(client, theme, NEW_KEYWORDS)
    assert response.status_code == 302
    job = Job.objects.get()
    assert (job.kind, job.status, job.params, job.created_by) == (Job.Kind.RETAG_THEME, "queued", {"theme_id": theme.pk}, editor)
    task = DBTaskResult.objects.get()
    assert (task.task_path, task.status, str(task.id)) == ("articles.tasks.run_job", "READY", str(job.task_id))
    assert tagged_titles(theme) == before  # nothing re-tagged while the editor waited


def test_the_worker_runs_the_queued_job_and_retags_the_articles(client, editor, corpus):
    theme = Theme.objects.get(slug="escalation")
    change_keywords(client, theme, NEW_KEYWORDS)
    run_worker()  # django-tasks' database backend and its worker loop, in this process
    job = Job.objects.get()
    assert (job.status, job.done, job.total, job.attempts) == ("succeeded", 2, 2, 1)
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    assert tagged_titles(theme) == {GALEOTTI}


def test_the_keyword_change_and_its_job_commit_together(db):
    theme = Theme.objects.get(slug="nuclear")
    with pytest.raises(RuntimeError), transaction.atomic():
        theme.keywords = "storm corps"
        theme.save()
        theme.start_retag()
        raise RuntimeError("the admin's save failed after the job was queued")
    assert not Job.objects.exists() and not DBTaskResult.objects.exists()
    assert Theme.objects.get(pk=theme.pk).keywords != "storm corps"


def test_a_later_keyword_change_supersedes_the_unfinished_retag(db):
    theme = Theme.objects.get(slug="nuclear")
    first, second = theme.start_retag(), theme.start_retag()
    run_worker()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("cancelled", "succeeded")
    assert first.attempts == 0  # never run: the later job covers every article


def test_rerunning_extraction_queues_a_job_that_the_worker_runs(client, editor, corpus):
    articles = list(Article.objects.order_by("pk"))
    Article.objects.update(analysed_at=None)
    response = client.post(reverse("admin:articles_article_changelist"),
                           {"action": "reanalyse", "_selected_action": [a.pk for a in articles]})
    assert response.status_code == 302
    job = Job.objects.get()
    assert (job.kind, job.status, job.params) == (Job.Kind.REANALYSE, "queued", {"article_ids": [a.pk for a in articles]})
    assert not Article.objects.filter(analysed_at__isnull=False).exists()  # not in the request
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("succeeded", 2, 2)
    assert not Article.objects.filter(analysed_at__isnull=True).exists()


def test_the_admin_lists_jobs_with_their_progress(client, editor):
    theme = Theme.objects.get(slug="escalation")
    job = theme.start_retag(editor)
    Job.objects.filter(pk=job.pk).update(status="running", done=1234, total=20000)
    page = client.get(reverse("admin:articles_job_changelist")).content.decode()
    assert "Re-tagging ‘Escalation’: 1,234 of 20,000 articles" in page
    assert client.get(reverse("admin:articles_job_change", args=[job.pk])).status_code == 200


def test_a_failed_job_shows_its_reason_in_the_admin(client, editor):
    theme = Theme.objects.get(slug="escalation")
    job = theme.start_retag(editor)
    theme.delete()
    run_worker()
    job.refresh_from_db()
    assert job.status == "failed"
    page = client.get(reverse("admin:articles_job_changelist")).content.decode()
    assert "The theme was deleted before its articles were re-tagged." in page


def test_a_job_whose_worker_keeps_dying_is_reported_failed(client, editor):
    job = Theme.objects.get(slug="escalation").start_retag(editor)
    # As three killed workers leave it: RUNNING, its task RUNNING, and nobody holding its lock.
    Job.objects.filter(pk=job.pk).update(status="running", attempts=3, done=400, total=1000)
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING)
    call_command("recover_jobs")
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error.startswith("The worker stopped 3 times while running this job (last after 400 of 1,000 articles)")
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
    assert "The worker stopped 3 times" in client.get(reverse("admin:articles_job_changelist")).content.decode()


def make_articles(count: int, theme: Theme) -> list[Article]:
    source = Source.objects.create(name="Crash Test Outlet")
    articles = Article.objects.bulk_create(
        Article(source=source, title=f"Article {n}: the storm corps advance" if n % 3 == 0 else f"Article {n}: calm",
                slug=f"crash-{n}", body=f"Text of article {n}.", raw_text=f"Text of article {n}.",
                checksum=checksum(f"crash {n}"), published=date(2024, 1, 1))
        for n in range(count)
    )
    return sorted(articles, key=lambda a: a.pk)


def worker_blocked() -> bool:
    """Some other session of this database waits for a lock (the worker, on the row the test holds)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                       "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")
        return cursor.fetchone()[0] > 0


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_job_leaves_it_to_the_next_worker_which_finishes_it():
    theme = Theme.objects.get(slug="nuclear")
    Theme.objects.filter(pk=theme.pk).update(keywords="storm corps")
    theme.refresh_from_db()
    articles = make_articles(260, theme)  # two batches of RETAG_BATCH (200)
    held = ArticleTheme.objects.create(article=articles[230], theme=theme, score=1.0)  # in the second batch
    job = theme.start_retag()
    worker = spawn_worker("--recover-every", "0")
    try:
        with transaction.atomic():
            # Hold a row the second batch must delete: the worker finishes batch one, then waits here.
            ArticleTheme.objects.select_for_update().get(pk=held.pk)
            wait_for(lambda: Job.objects.get(pk=job.pk).done == 200, 60, "the first batch")
            wait_for(worker_blocked, 30, "the worker to reach the held row, in the second batch")
            worker.send_signal(signal.SIGKILL)
            worker.wait(10)
        job.refresh_from_db()
        assert (job.status, job.done, job.attempts) == ("running", 200, 1)  # as the dead worker left it
        # PostgreSQL ends the dead worker's session (and frees the job's lock) once its query returns.
        wait_for(job.runner_gone, 20, "the dead worker's session to end")
        # The next worker recovers it at start-up and carries on after the first batch.
        survivor = spawn_worker("--batch")
        output, _ = survivor.communicate(timeout=120)
        assert survivor.returncode == 0, output
    finally:
        if worker.poll() is None:
            worker.kill()
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.attempts) == ("succeeded", 260, 260, 2)
    assert "The worker stopped after 200 of 260 articles" in job.error
    results = dict(DBTaskResult.objects.values_list("status", "exception_class_path"))
    assert results == {"FAILED": "articles.models.jobs.WorkerLost", "SUCCESSFUL": ""}
    assert tagged_titles(theme) == {a.title for a in articles if "storm corps" in a.title}


@pytest.mark.django_db(transaction=True)
def test_a_worker_asked_to_stop_hands_its_job_back_after_the_current_batch():
    theme = Theme.objects.get(slug="nuclear")
    Theme.objects.filter(pk=theme.pk).update(keywords="storm corps")
    theme.refresh_from_db()
    articles = make_articles(450, theme)  # three batches
    held = ArticleTheme.objects.create(article=articles[230], theme=theme, score=1.0)  # in the second
    job = theme.start_retag()
    worker = spawn_worker("--recover-every", "0")
    try:
        with transaction.atomic():
            ArticleTheme.objects.select_for_update().get(pk=held.pk)
            wait_for(lambda: Job.objects.get(pk=job.pk).done == 200, 60, "the first batch")
            wait_for(worker_blocked, 30, "the worker to reach the held row, in the second batch")
            worker.send_signal(signal.SIGTERM)  # a deploy, or Ctrl+C on make run
        output, _ = worker.communicate(timeout=60)
        assert worker.returncode == 0, output
    finally:
        if worker.poll() is None:
            worker.kill()
    job.refresh_from_db()
    assert (job.status, job.done, job.attempts) == ("queued", 400, 0)  # the second batch finished, not the third
    assert "Its worker stopped after 400 of 450 articles" in job.error
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.attempts) == ("succeeded", 450, 450, 1)
    assert tagged_titles(theme) == {a.title for a in articles if "storm corps" in a.title}


def test_an_editor_runs_a_failed_job_again_and_it_carries_on_where_it_stopped(client, editor, corpus):
    theme = Theme.objects.get(slug="escalation")
    Theme.objects.filter(pk=theme.pk).update(keywords=NEW_KEYWORDS)
    job = theme.start_retag(editor)
    first, second = Article.objects.order_by("pk")
    # As recovery leaves a job whose worker died three times, after the first article.
    Job.objects.filter(pk=job.pk).update(status="failed", attempts=3, done=1, total=2, cursor=first.pk, error="…")
    DBTaskResult.objects.update(status=TaskResultStatus.FAILED)
    response = client.post(reverse("admin:articles_job_changelist"), {"action": "run_again", "_selected_action": [job.pk]})
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == ("queued", 0, "")
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.attempts) == ("succeeded", 2, 2, 1)
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 1
    # The second article is re-tagged; the first, before the cursor, keeps its old tag: not done again.
    assert (first.title, second.title) == ("", GALEOTTI)
    assert tagged_titles(theme) == {"", GALEOTTI}
