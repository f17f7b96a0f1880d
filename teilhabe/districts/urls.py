from django.urls import path

from . import views

app_name = "districts"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("buero/", views.office, name="office"),
    path("buero/bearbeiten/", views.office_edit, name="office_edit"),
    path("buero/seite/<str:language>/", views.office_text_edit, name="office_text_edit"),
    path("stellen/neu/", views.position_create, name="position_create"),
    path("stellen/<int:position>/", views.position_detail, name="position_detail"),
    path("stellen/<int:position>/bearbeiten/", views.position_edit, name="position_edit"),
    path("stellen/<int:position>/besetzen/", views.holding_create, name="holding_create"),
    path("besetzungen/<int:holding>/beenden/", views.holding_end, name="holding_end"),
]
