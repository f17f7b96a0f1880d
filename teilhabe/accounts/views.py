"""Sign-in in two steps (password, then TOTP code), enrolment, and the account pages."""

from __future__ import annotations

import time
from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, user_login_failed
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from teilhabe.core.http import AuthenticatedRequest

from .forms import LoginForm, TokenForm
from .models import is_verified
from .services import confirmed_device, totp_device_confirm, totp_device_pending

PENDING_KEY = "teilhabe_pending_2fa"
PENDING_SECONDS = 300
ENROLMENT_KEY = "teilhabe_totp_enrolment"


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def lockout_response(request: HttpRequest, credentials: dict | None = None, *args, **kwargs):
    """Shown by django-axes after too many failed attempts."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked.html", {"minutes": minutes}, status=429)


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if confirmed_device(user) is not None:
            request.session[PENDING_KEY] = {"user": user.pk, "at": int(time.time())}
            query = urlencode({"next": _next_url(request)})
            return redirect(f"{reverse('accounts:login_token')}?{query}")
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(_next_url(request))
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)})


@require_http_methods(["GET", "POST"])
def login_token_view(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        messages.info(request, _("Please sign in again."))
        return redirect("accounts:login")
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        request.session.pop(PENDING_KEY, None)
        return redirect("accounts:login")
    credentials = {"username": user.email}
    if AxesProxyHandler.is_locked(request, credentials):
        return lockout_response(request, credentials)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = confirmed_device(user)
        if device is not None and device.verify_token(form.cleaned_data["token"]):
            del request.session[PENDING_KEY]
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            otp_login(request, device)
            return redirect(_next_url(request))
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if AxesProxyHandler.is_locked(request, credentials):
            return lockout_response(request, credentials)
        form.add_error("token", _("This code is not valid. Please enter the current code."))
    return render(request, "accounts/login_token.html", {"form": form, "next": _next_url(request)})


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin site's sign-in is ours: password, then the second factor."""
    if request.user.is_authenticated and not request.user.is_staff:
        raise PermissionDenied  # signed in, but no platform admin: no redirect loop
    query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
    return redirect(f"{reverse('accounts:login')}?{query}")


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """Where a signed-in user lands: their district, or a choice of districts."""
    memberships = request.user.working_memberships()
    if len(memberships) == 1 and not request.user.has_lag_access():
        return redirect("districts:dashboard", district=memberships[0].district.slug)
    return render(request, "accounts/home.html", {"memberships": memberships})


@login_required
def security(request: AuthenticatedRequest) -> HttpResponse:
    device = confirmed_device(request.user)
    return render(request, "accounts/security.html", {"device": device})


@login_required
@require_http_methods(["GET", "POST"])
def totp_setup(request: AuthenticatedRequest) -> HttpResponse:
    if confirmed_device(request.user) is not None and not is_verified(request.user):
        # Replacing a device needs the old one: a password alone must not suffice.
        messages.error(
            request,
            _(
                "To set up a new phone, please sign in with a code from your current one first. "
                "If you lost it, the platform administration can reset it."
            ),
        )
        return redirect("accounts:security")
    device = totp_device_pending(user=request.user, device_id=request.session.get(ENROLMENT_KEY))
    request.session[ENROLMENT_KEY] = device.pk
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp_device_confirm(user=request.user, device=device, token=form.cleaned_data["token"]):
            del request.session[ENROLMENT_KEY]
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is now active."))
            return redirect("accounts:security")
        form.add_error(
            "token", _("This code is not valid. Check the time on your phone and try again.")
        )
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode().split("?>", 1)[-1]
    context = {
        "form": form,
        # The SVG comes from our own QR encoder, not from user input.
        "qr_svg": mark_safe(svg),  # noqa: S308
        "secret": _group(device.bin_key),
        "required": settings.TEILHABE_REQUIRE_2FA and not is_verified(request.user),
    }
    return render(request, "accounts/totp_setup.html", context)


def _group(key: bytes) -> str:
    """The secret in groups of four, for typing it into an app by hand."""
    secret = b32encode(key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
