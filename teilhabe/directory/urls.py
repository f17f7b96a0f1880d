from django.urls import path

from . import views, views_transfer

app_name = "directory"

urlpatterns = [
    path("verzeichnis/", views.organisation_list, name="list"),
    path("verzeichnis/neu/", views.organisation_create, name="create"),
    path("verzeichnis/<int:organisation>/", views.organisation_detail, name="detail"),
    path("verzeichnis/<int:organisation>/bearbeiten/", views.organisation_edit, name="edit"),
    path(
        "verzeichnis/<int:organisation>/ansprechpersonen/neu/",
        views.contact_create,
        name="contact_create",
    ),
    path("ansprechpersonen/<int:contact>/bearbeiten/", views.contact_edit, name="contact_edit"),
    path("ansprechpersonen/<int:contact>/entfernen/", views.contact_delete, name="contact_delete"),
    path("verzeichnis/import/", views_transfer.import_upload, name="import"),
    path("verzeichnis/import/<int:upload>/", views_transfer.import_preview, name="import_preview"),
    path("verzeichnis/export.csv", views_transfer.export_csv, name="export_csv"),
    path("verzeichnis/export.xlsx", views_transfer.export_xlsx, name="export_xlsx"),
]
