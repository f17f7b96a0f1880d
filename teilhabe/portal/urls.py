from django.urls import path

from . import committees, complaints, guide, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("bezirke/<slug:district>/", views.office, name="office"),
    path("bezirke/<slug:district>/wegweiser/", guide.guide, name="guide"),
    path(
        "bezirke/<slug:district>/wegweiser/<int:organisation>/",
        guide.guide_detail,
        name="guide_detail",
    ),
    path("bezirke/<slug:district>/beschwerde/", complaints.complaint_form, name="complaint"),
    path(
        "bezirke/<slug:district>/beschwerde/status/",
        complaints.complaint_status,
        name="complaint_status",
    ),
    path("bezirke/<slug:district>/gremien/", committees.bodies, name="bodies"),
    path(
        "bezirke/<slug:district>/gremien/kalender.ics",
        committees.meetings_ical,
        name="meetings_ical",
    ),
    path("bezirke/<slug:district>/gremien/<int:body>/", committees.body, name="body"),
    path(
        "bezirke/<slug:district>/gremien/<int:body>/kalender.ics",
        committees.body_ical,
        name="body_ical",
    ),
    path(
        "bezirke/<slug:district>/gremien/sitzungen/<int:meeting>/",
        committees.meeting,
        name="meeting",
    ),
    path(
        "bezirke/<slug:district>/gremien/dokumente/<int:document>/",
        committees.document,
        name="document",
    ),
]
