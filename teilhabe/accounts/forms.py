from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """E-mail and password; the field keeps Django's name `username` for django-axes."""

    username = forms.EmailField(
        label=_("E-mail address"),
        # No autofocus: keyboard users start at the skip link like on every page.
        widget=forms.EmailInput(attrs={"autocomplete": "username"}),
    )

    error_messages = {
        "invalid_login": _(
            "E-mail address or password is not correct. Please check both and try again."
        ),
        "inactive": _("This account is deactivated. Please contact the platform administration."),
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]{6}",
                "autofocus": True,
            }
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("The code consists of six digits."))
        return token
