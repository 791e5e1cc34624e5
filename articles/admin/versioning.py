"""Optimistic locking for editors, and history pages that can revert.

A save based on a stale version is refused, never silently applied; a revert is a save like any other.
"""

from __future__ import annotations

from django import forms
from django.db import transaction
from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

CONFLICT = (
    "Someone else saved this {name} while you were editing it. Your changes were not saved, "
    "so theirs are kept. Reload to see their version, then make your changes again."
)


class VersionedForm(forms.ModelForm):
    """For models with a ``version`` field: the form carries the version it was opened at."""

    version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version_seen"].initial = self._current_version() if _is_old_version(self.instance) \
                else self.instance.version

    def _current_version(self, lock: bool = False) -> int | None:
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if lock:
            rows = rows.select_for_update()
        return rows.values_list("version", flat=True).first()

    def clean(self) -> dict:
        data = super().clean()
        if self.instance.pk:
            # Lock the row until this transaction ends, so two saves cannot both pass the check.
            current = self._current_version(lock=True)
            if current is None or data.get("version_seen") != current:
                raise forms.ValidationError(
                    CONFLICT.format(name=self.instance._meta.verbose_name), code="conflict"
                )
            # A revert starts from an old version's number: the save must count on from today's.
            self.instance.version = current
        return data

    def save(self, commit: bool = True):
        if self.instance.pk:
            self.instance.version += 1
        return super().save(commit=commit)


def _is_old_version(instance) -> bool:
    """True for an instance rebuilt from a history row (what the revert form is opened on)."""
    return getattr(instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None) is not None


class HistoryAdmin(SimpleHistoryAdmin):
    """History pages whose revert saves like the change form does: in one transaction, so the
    version check can lock the row (django-simple-history's view opens none)."""

    # Fields the machine derives that a revert leaves as they are today (an old version's
    # cleaned text would no longer match the passages and quotes that point into it).
    revert_keeps: tuple[str, ...] = ()

    def save_model(self, request, obj, form, change: bool) -> None:
        if change and self.revert_keeps and _is_old_version(obj):
            today = type(obj)._default_manager.filter(pk=obj.pk).values(*self.revert_keeps).first() or {}
            for field, value in today.items():
                setattr(obj, field, value)
        super().save_model(request, obj, form, change)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        with transaction.atomic(using=self.model._default_manager.db):
            return super().history_form_view(request, object_id, version_id, extra_context)
