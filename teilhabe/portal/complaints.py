"""The Ombudsstelle on the portal: the public complaint form and the status page.

Privacy: an anonymous complaint stores no name or contact details, and no web
complaint stores the client's address or user agent (the service gets none of them).
The rate limits count a keyed hash of the client's network (/24, /64) in the cache
only, unlinked to any complaint and gone with their window
(`teilhabe.complaints.ratelimit`). Each form carries a one-time token; the complaint
keeps a keyed hash of it, so the same form sent twice records one complaint.

Choices: the confirmation with the reference and the receipt code is the answer to the
POST itself (no redirect and no session that could show the code again); the status
page keeps no session either: the code travels back with a reply as a hidden field of
the POST, never in a URL. Both pages are sent with `no-store`. A filled honeypot gets a
generic refusal and stores nothing: a fake confirmation would leave a person whose
browser filled the field believing the complaint had arrived.
"""

from __future__ import annotations

import math
import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from teilhabe.complaints import ratelimit
from teilhabe.complaints.models import Category, Channel, Complaint, ComplaintEvent
from teilhabe.complaints.services import code_matches, complaint_create, message_from_complainant
from teilhabe.core.http import DistrictRequest

SUBMISSIONS = ratelimit.Limit("complaints.submit", limit=5, window=10 * 60)
CLIENT_TRIES = ratelimit.Limit("complaints.status.client", limit=10, window=60 * 60)
REFERENCE_TRIES = ratelimit.Limit("complaints.status.reference", limit=10, window=60 * 60)
CONTACT_FIELDS = ("name", "email", "phone")
HONEYPOT = "website"

# The state of the case in plain words, as the complainant reads it.
PUBLIC_STATUS: dict[str, Any] = {
    Complaint.Status.RECEIVED: _("We have received your complaint."),
    Complaint.Status.IN_REVIEW: _("We are looking into your complaint."),
    Complaint.Status.STATEMENT_REQUESTED: _(
        "We have asked the office or organisation concerned for a statement."
    ),
    Complaint.Status.ASSESSMENT_DRAFT: _("We are writing our assessment of your case."),
    Complaint.Status.APPROVED: _("Our assessment is ready and will be sent to you."),
    Complaint.Status.CLOSED: _("The case is closed."),
    Complaint.Status.REFERRED: _(
        "With your consent, we have passed your complaint on to the Landesstelle für "
        "Gleichbehandlung – gegen Diskriminierung (LADS)."
    ),
}
GENERIC_REFUSAL = _(
    "Your complaint could not be sent. Please try again, or contact the integration "
    "office by phone or e-mail."
)
WRONG_CODE = _("The reference or the receipt code is not correct. Please check both.")


def _wait_message(seconds: int) -> str:
    return str(
        _("For your protection, please wait about %(minutes)s minutes before trying again.")
        % {"minutes": math.ceil(seconds / 60)}
    )


class ComplaintForm(forms.Form):
    """The public complaint form; with "anonymous" the contact fields are ignored."""

    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        help_text=_("A few words, for example “Treated badly at the citizens' office”."),
    )
    description = forms.CharField(
        label=_("What happened?"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Where and when did it happen, who was involved, what did you experience?"),
    )
    categories = forms.MultipleChoiceField(
        label=_("Topics (optional)"),
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_anonymous = forms.BooleanField(
        label=_("Submit anonymously"),
        required=False,
        help_text=_(
            "We then store no name, no contact details and no internet address: you can "
            "follow your case only with the receipt code shown after sending."
        ),
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail (optional)"), max_length=254, required=False)
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    # Each language in its own name, so a reader finds theirs whatever the page's language.
    language = forms.ChoiceField(
        label=_("Language for our replies"),
        choices=[
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ],
    )
    # One per form shown: the same form sent twice records one complaint.
    token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    # The honeypot: hidden from people and assistive technology; only robots fill it.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = (get_language() or "de")[:2]
        for name in ("name", "email", "phone"):
            self.fields[name].widget.attrs["autocomplete"] = {"phone": "tel"}.get(name, name)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("is_anonymous"):
            for name in CONTACT_FIELDS:
                self.errors.pop(name, None)
                cleaned[name] = ""
        return cleaned

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())


class StatusForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference"), max_length=20, help_text=_("For example 10-2025-0042.")
    )
    code = forms.CharField(
        label=_("Receipt code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_reference(self) -> str:
        return str(self.cleaned_data["reference"]).strip()


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your message to the office"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_form(request: DistrictRequest, district: str) -> HttpResponse:
    template = "portal/complaint_form.html"
    if request.method != "POST":
        form = ComplaintForm(initial={"token": secrets.token_urlsafe(24)})
        return render(request, template, {"form": form})
    form = ComplaintForm(request.POST)
    client = ratelimit.client_key(request)
    wait = SUBMISSIONS.wait(client)
    if wait:
        context = {"form": form, "refusal": _wait_message(wait)}
        return render(request, template, context, status=429)
    if form.is_spam:
        SUBMISSIONS.hit(client)
        return render(request, template, {"form": ComplaintForm(), "refusal": GENERIC_REFUSAL})
    if not form.is_valid():
        return render(request, template, {"form": form})
    submission = _submission(form.cleaned_data["token"])
    if earlier := _submitted(request, submission):
        return render(request, "portal/complaint_repeated.html", {"complaint": earlier})
    data = {key: form.cleaned_data[key] for key in ("subject", "description", "language")}
    data.update(
        channel=Channel.WEB_FORM,
        is_anonymous=form.cleaned_data["is_anonymous"],
        submission=submission,
    )
    if not data["is_anonymous"]:
        data.update({key: form.cleaned_data[key].strip() for key in CONTACT_FIELDS})
    try:
        complaint, code = complaint_create(
            district=request.district,
            actor=None,
            data=data,
            categories=form.cleaned_data["categories"],
        )
    except ValidationError as error:
        form.add_error(None, error.messages)
        return render(request, template, {"form": form})
    except IntegrityError:  # the same form, sent twice at the same moment
        earlier = _submitted(request, submission)
        return render(request, "portal/complaint_repeated.html", {"complaint": earlier})
    SUBMISSIONS.hit(client)
    context = {"complaint": complaint, "code": code}
    return render(request, "portal/complaint_confirmation.html", context)


def _submission(token: str) -> str:
    """What is stored of the form's token: a keyed hash, nothing about the client."""
    return ratelimit.hashed(f"submission:{token}") if token else ""


def _submitted(request: DistrictRequest, submission: str) -> Complaint | None:
    """The complaint this very form already recorded, if any."""
    if not submission:
        return None
    return Complaint.objects.filter(district=request.district, submission=submission).first()


def _verified(request: DistrictRequest, reference: str, code: str) -> tuple[Complaint | None, int]:
    """The district's complaint that `code` opens, or None and the seconds to wait; failed
    tries count per client and per reference, so neither one client nor many guess."""
    client, target = ratelimit.client_key(request), ratelimit.hashed(reference)
    wait = max(CLIENT_TRIES.wait(client), REFERENCE_TRIES.wait(target))
    if wait:
        return None, wait
    complaint = Complaint.objects.filter(district=request.district, reference=reference).first()
    if code_matches(complaint, code):
        return complaint, 0
    CLIENT_TRIES.hit(client)
    REFERENCE_TRIES.hit(target)
    return None, max(CLIENT_TRIES.wait(client), REFERENCE_TRIES.wait(target))


def public_events(complaint: Complaint) -> list[ComplaintEvent]:
    """What the complainant may read: the office's messages and feedback, and their own."""
    events = ComplaintEvent.objects.filter(complaint=complaint, public=True)
    return list(events.only("kind", "at", "text").order_by("at", "pk"))


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_status(request: DistrictRequest, district: str) -> HttpResponse:
    template = "portal/complaint_status.html"
    form = StatusForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        return render(request, template, {"form": form})
    code = form.cleaned_data["code"]
    complaint, wait = _verified(request, form.cleaned_data["reference"], code)
    if complaint is None:
        errors = [WRONG_CODE] + ([_wait_message(wait)] if wait else [])
        retry = StatusForm(initial={"reference": form.cleaned_data["reference"]})
        context = {"form": retry, "errors": errors}
        return render(request, template, context, status=429 if wait else 200)
    reply, sent = ReplyForm(), False
    if "text" in request.POST:
        reply = ReplyForm(request.POST)
        if reply.is_valid():
            try:
                message_from_complainant(complaint=complaint, text=reply.cleaned_data["text"])
            except ValidationError as error:
                reply.add_error(None, error.messages)
            else:
                reply, sent = ReplyForm(), True
    context = {
        "complaint": complaint,
        "code": code,
        "state": PUBLIC_STATUS.get(complaint.status, complaint.get_status_display()),
        "events": public_events(complaint),
        "reply": reply,
        "sent": sent,
    }
    return render(request, "portal/complaint_case.html", context)
