"""Statistics of the Ombudsstelle."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
