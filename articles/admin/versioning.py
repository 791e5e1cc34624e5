"""Optimistic locking for editors: a save based on a stale version is refused, never silently applied."""

from __future__ import annotations

from django import forms

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
            self.fields["version_seen"].initial = self.instance.version

    def clean(self) -> dict:
        data = super().clean()
        if self.instance.pk:
            # Lock the row until this transaction ends, so two saves cannot both pass the check.
            current = (
                type(self.instance)._default_manager.select_for_update()
                .filter(pk=self.instance.pk).values_list("version", flat=True).first()
            )
            if current is None or data.get("version_seen") != current:
                raise forms.ValidationError(
                    CONFLICT.format(name=self.instance._meta.verbose_name), code="conflict"
                )
        return data

    def save(self, commit: bool = True):
        if self.instance.pk:
            self.instance.version += 1
        return super().save(commit=commit)
