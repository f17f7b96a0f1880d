"""Optimistic concurrency for every edit form.

A `VersionedModel` carries a counter. Its edit form (`VersionedModelForm`) sends the
version it was rendered with; `versioned_save()` refuses the save when the stored
version has moved on, so the first person's edit is kept and the second person sees
what changed, with their own input still in the form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
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
    m2m: Mapping[str, Iterable[models.Model]] | None = None,
    through_defaults: Mapping[str, dict[str, Any]] | None = None,
    before_save: Callable[[V], None] | None = None,
) -> V:
    """Apply `data` to `instance` if nobody saved it since `expected_version`; audit the change.

    `m2m` gives the new members of many-to-many fields; a change there counts like a
    field change (`through_defaults` fills extra columns of a through model, such as
    its district). `before_save(current)` may derive fields from the new values.
    """
    model = type(instance)
    # The base manager bypasses the scope: the caller already resolved `instance` in scope.
    current = model._base_manager.select_for_update().get(pk=instance.pk)
    if current.version != expected_version:
        raise ConcurrentEditError(current)
    changes = model_changes(current, data)
    relation_changes = m2m_changes(current, m2m or {})
    if not changes and not relation_changes:
        return current
    for name, value in data.items():
        setattr(current, name, value)
    current.version = expected_version + 1
    current.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    if before_save is not None:
        before_save(current)
    current.full_clean()
    current.save()
    for name in relation_changes:
        getattr(current, name).set(
            list((m2m or {})[name]), through_defaults=(through_defaults or {}).get(name)
        )
    changes.update(relation_changes)
    audit_log(actor=actor, obj=current, action=action, changes=changes)
    return current


def m2m_changes(
    instance: models.Model, m2m: Mapping[str, Iterable[models.Model]]
) -> dict[str, tuple[list[str], list[str]]]:
    """Return {field: (old labels, new labels)} for many-to-many fields whose members differ."""
    changes = {}
    for name, new in m2m.items():
        new = list(new)
        old = list(getattr(instance, name).all())
        if {obj.pk for obj in old} != {obj.pk for obj in new}:
            changes[name] = (sorted(str(obj) for obj in old), sorted(str(obj) for obj in new))
    return changes


def https_formfield(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Form fields for model fields; URLs typed without a scheme are taken as https.

    Choices of a relation to a district's records start empty (the scoped manager cannot
    be asked at import time); the form sets them from the district in `__init__`.
    """
    from .models import DistrictScopedModel

    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    related = db_field.related_model
    if isinstance(related, type) and issubclass(related, DistrictScopedModel):
        kwargs.setdefault("queryset", related._base_manager.none())
    return db_field.formfield(**kwargs)


def lf_line_ends(cleaned: dict[str, Any]) -> dict[str, Any]:
    """Browsers send CRLF line ends; store LF so unchanged text compares equal."""
    for name, value in cleaned.items():
        if isinstance(value, str):
            cleaned[name] = value.replace("\r\n", "\n")
    return cleaned


class VersionedModelForm(forms.ModelForm):
    """A ModelForm that carries the record's version and shows a conflict clearly."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["version"].initial = self.instance.version
        self.conflict: list[tuple[str, Any, Any]] = []

    def clean(self) -> dict[str, Any]:
        return lf_line_ends(super().clean() or {})

    def _m2m_names(self) -> set[str]:
        return {field.name for field in self._meta.model._meta.many_to_many}

    def field_data(self) -> dict[str, Any]:
        """The cleaned values of the model fields, for `versioned_save(data=...)`."""
        m2m = self._m2m_names()
        # A form may leave out some of its model's fields (e.g. "done on" of a new task).
        return {
            name: self.cleaned_data[name]
            for name in self._meta.fields or ()
            if name not in m2m and name in self.fields
        }

    def m2m_data(self) -> dict[str, Any]:
        """The chosen members of the many-to-many fields, for `versioned_save(m2m=...)`."""
        m2m = self._m2m_names()
        return {name: self.cleaned_data[name] for name in self._meta.fields or () if name in m2m}

    def show_conflict(self, error: ConcurrentEditError) -> None:
        """Keep the input, explain the conflict, list where it differs from the saved record."""
        current = error.current
        m2m = self._m2m_names()
        for name in self._meta.fields or ():
            theirs = getattr(current, name)
            mine = self.cleaned_data.get(name)
            if name in m2m:
                theirs = ", ".join(sorted(str(obj) for obj in theirs.all()))
                mine = ", ".join(sorted(str(obj) for obj in mine or ()))
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
