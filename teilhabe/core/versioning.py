"""Optimistic concurrency for every edit form.

A `VersionedModel` carries a counter. Its edit form (`VersionedModelForm`) sends the
version it was rendered with; `versioned_save()` refuses the save when the stored
version has moved on, so the first person's edit is kept and the second person sees
what changed, with their own input still in the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .audit import audit_log
from .models import VersionedModel

V = TypeVar("V", bound=VersionedModel)
T = TypeVar("T")


class ConcurrentEditError(ValidationError):
    """Someone else saved the record after the form was opened."""

    def __init__(self, current: VersionedModel) -> None:
        super().__init__(
            _(
                "Someone else saved this record while you were editing it. Your changes "
                "were not saved; they are still in the form below. Please compare them "
                "with the current version and save again."
            ),
            code="concurrent_edit",
        )
        self.current = current


def model_changes(instance: models.Model, data: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Return {field: (old, new)} for the values in `data` that differ from `instance`."""
    changes = {}
    for name, new in data.items():
        old = getattr(instance, name)
        if old != new:
            changes[name] = (old, new)
    return changes


@transaction.atomic
def versioned_save(
    *,
    instance: V,
    actor: Any,
    data: dict[str, Any],
    expected_version: int,
    action: str,
) -> V:
    """Apply `data` to `instance` if nobody saved it since `expected_version`; audit the change."""
    model = type(instance)
    # The base manager bypasses the scope: the caller already resolved `instance` in scope.
    current = model._base_manager.select_for_update().get(pk=instance.pk)
    if current.version != expected_version:
        raise ConcurrentEditError(current)
    changes = model_changes(current, data)
    if not changes:
        return current
    for name, value in data.items():
        setattr(current, name, value)
    current.version = expected_version + 1
    current.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    current.full_clean()
    current.save()
    audit_log(actor=actor, obj=current, action=action, changes=changes)
    return current


def https_formfield(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Form fields for model fields; URLs typed without a scheme are taken as https."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class VersionedModelForm(forms.ModelForm):
    """A ModelForm that carries the record's version and shows a conflict clearly."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["version"].initial = self.instance.version
        self.conflict: list[tuple[str, Any, Any]] = []

    def clean(self) -> dict[str, Any]:
        """Browsers send CRLF line ends; store LF so unchanged text compares equal."""
        cleaned = super().clean() or {}
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = value.replace("\r\n", "\n")
        return cleaned

    def field_data(self) -> dict[str, Any]:
        """The cleaned values of the model fields, for `versioned_save(data=...)`."""
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}

    def show_conflict(self, error: ConcurrentEditError) -> None:
        """Keep the input, explain the conflict, list where it differs from the saved record."""
        current = error.current
        for name in self._meta.fields or ():
            theirs = getattr(current, name)
            mine = self.cleaned_data.get(name)
            if theirs != mine:
                self.conflict.append((str(self.fields[name].label), theirs, mine))
        self.add_error(None, error)
        # The next save is a deliberate decision against the current version.
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict in practice
        data["version"] = str(current.version)
        self.data = data


def save_form(request: Any, form: forms.BaseForm, save: Callable[[], T], success: str) -> T | None:
    """Run a service for a valid form; on refusal keep the input and say why on the form.

    A concurrent edit shows the conflict (VersionedModelForm); any other ValidationError
    of the service lands on its field or on the form. Returns the service's result, or
    None when it refused (then re-render the form).
    """
    try:
        result = save()
    except ConcurrentEditError as error:
        if isinstance(form, VersionedModelForm):
            form.show_conflict(error)
        else:
            form.add_error(None, error)
        return None
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, success)
    return result
