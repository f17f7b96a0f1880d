"""/oparl/v1/…: the system, one Body per district, and each district's lists and objects.

Objects live under their district (/oparl/v1/body/<district>/meeting/<meeting>), so
every lookup runs in that district's scope like any other district URL.
"""

from django.urls import path

from . import views
from .serializers import KEYWORDS

app_name = "oparl"

BODY = "body/<slug:district>/"

urlpatterns = [
    path("system", views.system, name="system"),
    path("body", views.body_list, name="body_list"),
    path("body/<slug:district>", views.body, name="body"),
    path(f"{BODY}paper", views.paper_list, name="paper_list"),
    path(
        f"{BODY}organization/<int:body>/meeting",
        views.organization_meetings,
        name="organization_meetings",
    ),
    path(f"{BODY}file/<int:document>/access", views.file_content, name="file_access"),
    path(
        f"{BODY}file/<int:document>/download",
        views.file_content,
        {"attachment": True},
        name="file_download",
    ),
]
for _kind in views.KINDS:
    urlpatterns += [
        path(f"{BODY}{_kind}", views.object_list, {"kind": _kind}, name=f"{_kind}_list"),
        path(
            f"{BODY}{_kind}/<int:{KEYWORDS[_kind]}>",
            views.object_detail,
            {"kind": _kind},
            name=_kind,
        ),
    ]
