"""Session idle timeout and the two-factor requirement for signed-in users."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .models import is_verified
from .services import confirmed_device

LAST_SEEN_KEY = "teilhabe_last_seen"
STARTED_KEY = "teilhabe_started"


class SessionTimeoutMiddleware:
    """Sign a user out after `SESSION_IDLE_MINUTES` without a request, and after
    `SESSION_MAX_HOURS` in any case."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY, now)
            started = request.session.setdefault(STARTED_KEY, now)
            idle = now - last_seen > settings.SESSION_IDLE_MINUTES * 60
            if idle or now - started > settings.SESSION_MAX_HOURS * 3600:
                logout(request)
                messages.info(
                    request,
                    _("You were signed out after a period of inactivity. Please sign in again."),
                )
                return redirect(
                    f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': request.path})}"
                )
            # Writing the session costs a query; once a minute is precise enough.
            if now - last_seen >= 60 or LAST_SEEN_KEY not in request.session:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class TwoFactorEnforcementMiddleware:
    """Where 2FA is required, a signed-in user without a device must enrol one first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.TEILHABE_REQUIRE_2FA
            and request.user.is_authenticated
            and not is_verified(request.user)
            and not request.path.startswith(settings.STATIC_URL)
        ):
            if confirmed_device(request.user) is not None:
                # Enrolled, but this session never gave a code (e.g. it predates the
                # enrolment): sign in again with password and code.
                logout(request)
                return redirect(settings.LOGIN_URL)
            setup = reverse("accounts:totp_setup")
            if request.path not in {setup, reverse("accounts:logout")}:
                return redirect(setup)
        return self.get_response(request)
