from django.urls import path

from . import guide, views

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
]
