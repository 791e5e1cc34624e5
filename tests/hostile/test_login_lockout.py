"""Item 5: nobody can lock an editor out from afar; one address cannot guess its way through many
names; a username has one spelling."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from tests.editors import PASSWORD, make_editor

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
ATTACKER, EDITOR_DESK = "203.0.113.9", "198.51.100.7"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Dozens of logins per test: the real hasher would spend most of a minute on them.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def counted(settings):
    """A real cache for the request counts (the suite swaps caches for dummies)."""
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "hostile-login"},
    }
    caches["ratelimit"].clear()


def log_in(client, username: str, password: str, address: str):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address)


def test_guesses_from_one_address_do_not_lock_the_editor_out_elsewhere(client):
    make_editor("editor")
    for attempt in range(6):
        log_in(client, "editor", f"guess{attempt}", ATTACKER)
    locked = log_in(client, "editor", PASSWORD, ATTACKER)
    assert locked.status_code == 429  # the guesser's own address is locked out, right password or not
    assert "Account locked" in locked.content.decode()
    assert int(locked["Retry-After"]) == 3600

    response = log_in(client, "editor", PASSWORD, EDITOR_DESK)
    assert response.status_code == 302 and response.url == "/admin/"


def test_the_lockout_counts_every_spelling_of_the_name_together(client):
    make_editor("editor")
    for attempt, spelling in enumerate(["Editor", " editor", "EDITOR", "ｅｄｉｔｏｒ", "editor ", "EdItOr"]):
        response = log_in(client, spelling, f"guess{attempt}", ATTACKER)
    assert response.status_code == 429
    assert log_in(client, "editor", PASSWORD, ATTACKER).status_code == 429


def test_one_address_guessing_across_many_names_is_throttled(client, counted, settings):
    for name in ("editor", "admin", "root", "alice", "bob", "carol", "dave", "erin"):
        make_editor(name)
    allowed, _ = settings.RATE_LIMITS["login"]
    names = ["editor", "admin", "root", "alice", "bob", "carol", "dave", "erin"]
    for attempt in range(allowed):  # three guesses per name: no single account reaches its lockout
        assert log_in(client, names[attempt % 8], f"guess{attempt}", ATTACKER).status_code == 200, attempt

    response = log_in(client, "erin", PASSWORD, ATTACKER)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 900
    assert "Too many failed logins from your address; try again in" in response.content.decode()
    assert User.objects.get(username="erin").last_login is None  # refused before the password was checked

    assert log_in(client, "erin", PASSWORD, EDITOR_DESK).status_code == 302  # other addresses unaffected


def test_a_right_password_is_not_counted_against_the_address(client, counted, settings):
    make_editor("editor")
    allowed, _ = settings.RATE_LIMITS["login"]
    for _ in range(allowed + 2):
        client.logout()
        assert log_in(client, "editor", PASSWORD, EDITOR_DESK).status_code == 302


def test_an_editor_logs_in_with_any_spelling_of_the_name(client):
    make_editor("editor")
    response = log_in(client, " Editor ", PASSWORD, EDITOR_DESK)
    assert response.status_code == 302 and response.url == "/admin/"
    client.logout()
    assert log_in(client, "ＥＤＩＴＯＲ", PASSWORD, EDITOR_DESK).status_code == 302


@pytest.mark.parametrize("lookalike", ["Editor", " editor", "ｅｄｉｔｏｒ", "EDITOR "])
def test_a_lookalike_of_an_existing_name_cannot_be_created(lookalike):
    make_editor("editor")
    with pytest.raises(ValidationError, match="already exists"):
        User.objects.create_user(lookalike, password=PASSWORD)
    assert User.objects.count() == 1


def test_a_name_with_invisible_characters_cannot_be_created():
    make_editor("editor")
    with pytest.raises(ValidationError, match="Enter a valid username"):
        User.objects.create_user("edi\u200btor", password=PASSWORD)  # a zero-width space inside
    assert User.objects.count() == 1


def test_names_are_stored_normalised():
    user = User.objects.create_user(" Ｍarta.Editor ", password=PASSWORD)
    user.refresh_from_db()
    assert user.username == "marta.editor"


def test_createsuperuser_refuses_a_lookalike(monkeypatch):
    make_editor("editor")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match="already"):
        call_command("createsuperuser", "--noinput", "--username", "EDITOR", "--email", "x@example.org", verbosity=0)
    assert list(User.objects.values_list("username", flat=True)) == ["editor"]


def test_the_admin_user_form_stores_the_normalised_name_and_refuses_lookalikes(client):
    admin = User.objects.create_superuser("boss", password=PASSWORD)
    client.force_login(admin)
    data = {"password1": PASSWORD, "password2": PASSWORD, "usable_password": "true"}
    response = client.post("/admin/auth/user/add/", {**data, "username": "New.Editor"})
    assert response.status_code == 302
    assert User.objects.filter(username="new.editor").exists()

    response = client.post("/admin/auth/user/add/", {**data, "username": "ＮＥＷ.editor"})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert User.objects.count() == 2


def test_renaming_to_a_lookalike_in_the_admin_is_refused_not_a_crash(client):
    admin = User.objects.create_superuser("boss", password=PASSWORD)
    other = make_editor("other")
    make_editor("editor")
    client.force_login(admin)
    response = client.post(f"/admin/auth/user/{other.pk}/change/", {
        "username": "Editor", "is_active": "on", "is_staff": "on",
        "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
    })
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    other.refresh_from_db()
    assert other.username == "other"


def test_behind_the_proxy_the_lockout_follows_the_forwarded_address(client, settings):
    settings.BEHIND_PROXY, settings.PROXY_COUNT = True, 1
    make_editor("editor")
    proxy = "10.0.0.2"
    for attempt in range(6):
        client.post(LOGIN, {"username": "editor", "password": f"guess{attempt}", "next": "/admin/"},
                    REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, {ATTACKER}")
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD, "next": "/admin/"},
                           REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=EDITOR_DESK)
    assert response.status_code == 302  # the editor, behind the same proxy, is not the guesser
    client.logout()

    settings.BEHIND_PROXY = False  # without a proxy the header is the client's own invention
    for attempt in range(6):
        log_in(client, "editor", f"guess{attempt}", "192.0.2.50")
    forged = client.post(LOGIN, {"username": "editor", "password": PASSWORD, "next": "/admin/"},
                         REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_FOR=EDITOR_DESK)
    assert forged.status_code == 429
