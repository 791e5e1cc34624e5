from __future__ import annotations

import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.auth import normalise_username
from articles.importing import Status, import_paths
from articles.seeding import EDITORS as EDITORS_GROUP

CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"
EDITOR_USERNAME = normalise_username("editor")  # as every username is stored (articles/auth.py)


class Command(BaseCommand):
    help = (
        "Prepare a local installation: migrate, load the demo corpus, create the editor account once "
        "(a member of the Editors group; make a superuser with `manage.py createsuperuser`)."
    )

    def handle(self, **options) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        outcomes = import_paths(sorted(CORPUS_DIR.glob("*.txt")))
        for outcome in outcomes:
            if outcome.status == Status.FAILED:
                self.stderr.write(self.style.ERROR(str(outcome)))
        created = sum(o.status == Status.CREATED for o in outcomes)
        self.stdout.write(f"Corpus: {created} imported, {len(outcomes) - created} already there.")
        self._editor_account()

    def _editor_account(self) -> None:
        users = get_user_model()
        if users.objects.filter(username__iexact=EDITOR_USERNAME).exists():  # "Editor" made before normalising too
            self.stdout.write(
                f"Editor account: {EDITOR_USERNAME} (its password was printed on the first run; "
                f"reset it with `.venv/bin/python manage.py changepassword {EDITOR_USERNAME}`)."
            )
            return
        password = secrets.token_urlsafe(12)
        editor = users.objects.create_user(EDITOR_USERNAME, password=password, is_staff=True)
        editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
        self.stdout.write(self.style.WARNING(
            f"Created the editor account. Log in at /admin/ as {EDITOR_USERNAME} with password {password}\n"
            "This password is shown only once."
        ))
