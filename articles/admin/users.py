"""Users in the admin: Django's own pages, with names normalised and lookalikes refused."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from articles.auth import UserCreationForm, UserEditForm


class NormalisedUserAdmin(UserAdmin):
    add_form = UserCreationForm
    form = UserEditForm


admin.site.unregister(User)
admin.site.register(User, NormalisedUserAdmin)
