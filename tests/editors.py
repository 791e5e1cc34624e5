"""Helpers for editor tests: accounts in the Editors group."""

from __future__ import annotations

from django.contrib.auth.models import Group, User

from articles.seeding import EDITORS

PASSWORD = "correct horse battery staple 7"


def make_editor(username: str = "ed") -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user
