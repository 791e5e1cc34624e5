"""Accounts: one spelling per username, and the login lockout's answer.

A username is stored and looked up normalised: NFKC (fullwidth "ｅｄｉｔｏｒ" is "editor"),
case-folded, trimmed. So " Editor " logs in as "editor", and a lookalike of an existing name
cannot be created beside it, whether through the admin, createsuperuser, `manage.py setup` or
code (the pre_save receiver below is the backstop for all of them).

django-axes counts failures per normalised username *and* address (settings AXES_*), so a
stranger's guesses lock only the stranger out.
"""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

TAKEN = "A user with that username already exists."


def normalise_username(name: str) -> str:
    # Case-folding can undo NFKC ("ǅ"), so normalise again after it.
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold()).strip()


def username_taken(name: str, exclude_pk: int | None = None) -> bool:
    """Whether another account already has this name (or, for accounts made before names were
    normalised, the same name in another case)."""
    users = get_user_model()._default_manager.filter(Q(username=name) | Q(username__iexact=name))
    return users.exclude(pk=exclude_pk).exists() if exclude_pk else users.exists()


def normalise_on_save(sender, instance, update_fields=None, **kwargs) -> None:
    """pre_save receiver for the user model."""
    if update_fields is not None and "username" not in update_fields:
        return  # a login updating last_login: the name is not being written
    name = normalise_username(instance.username or "")
    sender._meta.get_field("username").run_validators(name)  # letters, digits and @.+-_ only: no invisible ones
    if username_taken(name, exclude_pk=instance.pk):
        raise ValidationError({"username": TAKEN})
    instance.username = name


class NormalisedUsernameBackend(ModelBackend):
    def authenticate(self, request: HttpRequest | None, username: str | None = None, password: str | None = None,
                     **kwargs):
        users = get_user_model()
        if username is None:
            username = kwargs.get(users.USERNAME_FIELD)
        if username is None or password is None:
            return None
        manager = users._default_manager
        user = manager.filter(username=normalise_username(username)).first()
        if user is None:
            user = manager.filter(username=username.strip()).first()  # an account made before normalising
        if user is None:
            users().set_password(password)  # as ModelBackend: take as long as a wrong password does
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def axes_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """AXES_USERNAME_CALLABLE: failures count against the name the backend would look up."""
    field = settings.AXES_USERNAME_FORM_FIELD
    raw = (credentials or {}).get(field)
    if raw is None:
        raw = request.POST.get(field, "") if request is not None else ""
    return normalise_username(str(raw))


def lockout_response(request: HttpRequest, original_response=None, credentials: dict | None = None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the lockout page, with Retry-After (each failure restarts the hour)."""
    from axes.helpers import get_cool_off

    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 3600
    response = render(request, settings.AXES_LOCKOUT_TEMPLATE, {"cooloff_minutes": seconds // 60},
                      status=settings.AXES_HTTP_RESPONSE_CODE)
    response["Retry-After"] = str(seconds)
    return response


class _NormalisedUsername:
    """For the admin's user forms: the name as it will be stored, refused if it is taken."""

    def clean_username(self) -> str:
        name = normalise_username(self.cleaned_data.get("username") or "")
        if username_taken(name, exclude_pk=self.instance.pk):
            raise ValidationError(TAKEN, code="unique")
        return name


class UserCreationForm(_NormalisedUsername, AdminUserCreationForm):
    pass


class UserEditForm(_NormalisedUsername, UserChangeForm):
    pass


def connect() -> None:
    """Called from the app's ready(): normalising names on save, counting failed logins."""
    from django.contrib.auth.signals import user_login_failed
    from django.db.models.signals import pre_save

    from articles.ratelimit import count_failed_login

    pre_save.connect(normalise_on_save, sender=get_user_model(), dispatch_uid="articles_normalise_username")
    user_login_failed.connect(count_failed_login, dispatch_uid="articles_count_failed_login")
