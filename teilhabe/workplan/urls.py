from django.urls import path

from . import views, views_import

app_name = "workplan"

urlpatterns = [
    path("arbeitsplan/", views.plan_list, name="list"),
    path("arbeitsplan/neu/", views.plan_create, name="create"),
    path("arbeitsplan/import/", views_import.plan_import, name="import"),
    path("arbeitsplan/<int:year>/", views.plan_detail, name="detail"),
    path("arbeitsplan/<int:year>/bearbeiten/", views.plan_edit, name="edit"),
    path("arbeitsplan/<int:year>/beschluss/", views.plan_status, name="status"),
    path("arbeitsplan/<int:year>/gremien/", views.plan_gremien, name="gremien"),
    path("arbeitsplan/<int:year>/zeitleiste/", views.plan_timeline, name="timeline"),
    path(
        "arbeitsplan/<int:year>/<slug:paper>.<slug:fmt>",
        views.plan_document,
        name="document",
    ),
    path("arbeitsplan/<int:year>/taetigkeiten/", views.task_add, name="task_add"),
    path("arbeitsplan/taetigkeiten/<int:running_task>/", views.task_edit, name="task_edit"),
    path(
        "arbeitsplan/taetigkeiten/<int:running_task>/loeschen/",
        views.task_delete,
        name="task_delete",
    ),
    path(
        "arbeitsplan/taetigkeiten/<int:running_task>/verschieben/",
        views.task_move,
        name="task_move",
    ),
    path("arbeitsplan/<int:year>/vorhaben/neu/", views.activity_create, name="activity_create"),
    path("arbeitsplan/<int:year>/vorhaben/<int:number>/", views.activity_detail, name="activity"),
    path(
        "arbeitsplan/<int:year>/vorhaben/<int:number>/bearbeiten/",
        views.activity_edit,
        name="activity_edit",
    ),
    path(
        "arbeitsplan/<int:year>/vorhaben/<int:number>/loeschen/",
        views.activity_delete,
        name="activity_delete",
    ),
    path(
        "arbeitsplan/<int:year>/vorhaben/<int:number>/fortschritt/",
        views.activity_progress,
        name="activity_progress",
    ),
]
