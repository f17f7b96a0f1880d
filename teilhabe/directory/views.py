"""Staff pages of the directory: search, entries, their contact persons."""

from __future__ import annotations

from functools import partial

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teilhabe.core.decorators import district_permission
from teilhabe.core.http import DistrictRequest
from teilhabe.core.versioning import save_form

from . import selectors, services
from .forms import (
    ContactPersonCreateForm,
    ContactPersonForm,
    DeleteForm,
    DirectoryFilterForm,
    OrganisationCreateForm,
    OrganisationForm,
)
from .models import ContactPerson, Organisation


@district_permission("directory.view_directory")
def organisation_list(request: DistrictRequest, district: str) -> HttpResponse:
    form = DirectoryFilterForm(request.GET, district=request.district)
    queryset = selectors.organisation_search(district=request.district, criteria=form.criteria())
    params = request.GET.copy()
    params.pop("seite", None)
    context = {
        "form": form,
        "page": selectors.organisation_page(queryset=queryset, number=request.GET.get("seite")),
        "params": params.urlencode(),
    }
    template = "directory/list.html#results" if request.htmx else "directory/list.html"
    return render(request, template, context)


@district_permission("directory.view_directory")
def organisation_detail(request: DistrictRequest, district: str, organisation: int) -> HttpResponse:
    obj = get_object_or_404(Organisation, pk=organisation)
    return render(
        request, "directory/detail.html", {"org": selectors.organisation_detail(pk=obj.pk)}
    )


@district_permission("directory.change_directory")
@require_http_methods(["GET", "POST"])
def organisation_create(request: DistrictRequest, district: str) -> HttpResponse:
    form = OrganisationCreateForm(request.POST or None, district=request.district)
    similar = []
    if request.method == "POST" and form.is_valid():
        similar = selectors.organisations_similar(
            district=request.district,
            name=form.cleaned_data["name"],
            street=form.cleaned_data["street"],
            postal_code=form.cleaned_data["postal_code"],
        )
        if not similar or form.cleaned_data["confirm_duplicate"]:
            save = partial(
                services.organisation_create,
                district=request.district,
                actor=request.user,
                data=form.field_data(),
                m2m=form.m2m_data(),
            )
            org = save_form(request, form, save, _("The organisation was added."))
            if org is not None:
                return redirect("directory:detail", district=district, organisation=org.pk)
    if not similar:
        form.fields.pop("confirm_duplicate", None)  # only offered next to a warning
    return render(request, "directory/form.html", {"form": form, "similar": similar})


@district_permission("directory.change_directory")
@require_http_methods(["GET", "POST"])
def organisation_edit(request: DistrictRequest, district: str, organisation: int) -> HttpResponse:
    obj = get_object_or_404(Organisation, pk=organisation)
    form = OrganisationForm(request.POST or None, instance=obj, district=request.district)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.organisation_update,
            organisation=obj,
            actor=request.user,
            data=form.field_data(),
            m2m=form.m2m_data(),
            expected_version=form.cleaned_data["version"],
        )
        if save_form(request, form, save, _("The organisation was saved.")):
            return redirect("directory:detail", district=district, organisation=obj.pk)
    return render(request, "directory/form.html", {"form": form, "org": obj})


@district_permission("directory.change_directory")
@require_http_methods(["GET", "POST"])
def contact_create(request: DistrictRequest, district: str, organisation: int) -> HttpResponse:
    org = get_object_or_404(Organisation, pk=organisation)
    form = ContactPersonCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.contact_create,
            organisation=org,
            actor=request.user,
            data=form.field_data(),
            m2m=form.m2m_data(),
        )
        if save_form(request, form, save, _("The contact person was added.")):
            return redirect("directory:detail", district=district, organisation=org.pk)
    return render(request, "directory/contact_form.html", {"form": form, "org": org})


@district_permission("directory.change_directory")
@require_http_methods(["GET", "POST"])
def contact_edit(request: DistrictRequest, district: str, contact: int) -> HttpResponse:
    obj: ContactPerson = get_object_or_404(
        ContactPerson.objects.select_related("organisation"), pk=contact
    )
    form = ContactPersonForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        save = partial(
            services.contact_update,
            contact=obj,
            actor=request.user,
            data=form.field_data(),
            m2m=form.m2m_data(),
            expected_version=form.cleaned_data["version"],
        )
        if save_form(request, form, save, _("The contact person was saved.")):
            return redirect("directory:detail", district=district, organisation=obj.organisation_id)
    context = {"form": form, "org": obj.organisation, "contact": obj}
    return render(request, "directory/contact_form.html", context)


@district_permission("directory.change_directory")
@require_http_methods(["GET", "POST"])
def contact_delete(request: DistrictRequest, district: str, contact: int) -> HttpResponse:
    obj: ContactPerson = get_object_or_404(
        ContactPerson.objects.select_related("organisation"), pk=contact
    )
    form = DeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        save = partial(services.contact_delete, contact=obj, actor=request.user)
        save_form(request, form, save, _("The contact person was removed."))
        return redirect("directory:detail", district=district, organisation=obj.organisation_id)
    return render(request, "directory/contact_delete.html", {"form": form, "contact": obj})
