from django.urls import path

from . import views, views_import, views_meetings

app_name = "committees"

urlpatterns = [
    path("gremien/", views.body_list, name="list"),
    path("gremien/neu/", views.body_create, name="create"),
    path("gremien/import/", views_import.body_import, name="import"),
    path("gremien/auslastung/", views.workload, name="workload"),
    path("gremien/kalender/", views.calendars, name="calendars"),
    path("gremien/amtszeiten/", views.terms, name="terms"),
    path("gremien/amtszeiten/<int:term>/", views.term_edit, name="term_edit"),
    path("gremien/orte/", views.locations, name="locations"),
    path("gremien/orte/<int:location>/", views.location_edit, name="location_edit"),
    path("gremien/<int:body>/", views.body_detail, name="detail"),
    path("gremien/<int:body>/bearbeiten/", views.body_edit, name="edit"),
    path("gremien/<int:body>/loeschen/", views.body_delete, name="delete"),
    path("gremien/<int:body>/erzeugen/", views.body_generate, name="generate"),
    path("gremien/<int:body>/ausnahmen/", views.exception_add, name="exception_add"),
    path(
        "gremien/ausnahmen/<int:exception>/loeschen/",
        views.exception_delete,
        name="exception_delete",
    ),
    path(
        "gremien/<int:body>/beteiligung/", views.participation_create, name="participation_create"
    ),
    path(
        "gremien/beteiligung/<int:participation>/",
        views.participation_edit,
        name="participation_edit",
    ),
    path("gremien/<int:body>/sitzungen/neu/", views.meeting_create, name="meeting_create"),
    path("gremien/<int:body>/mitglieder/", views.members, name="members"),
    path("gremien/<int:body>/mitglieder/neu/", views.member_create, name="member_create"),
    path("gremien/mitglieder/<int:member>/", views.member_edit, name="member_edit"),
    path("gremien/mitglieder/<int:member>/nachfolge/", views.member_succeed, name="member_succeed"),
    path("gremien/personen/<int:person>/", views.person_edit, name="person_edit"),
    path("gremien/sitzungen/<int:meeting>/", views_meetings.meeting_detail, name="meeting"),
    path(
        "gremien/sitzungen/<int:meeting>/bearbeiten/",
        views_meetings.meeting_edit,
        name="meeting_edit",
    ),
    path(
        "gremien/sitzungen/<int:meeting>/protokoll/", views_meetings.meeting_minutes, name="minutes"
    ),
    path(
        "gremien/sitzungen/<int:meeting>/verschieben/",
        views_meetings.meeting_move,
        name="meeting_move",
    ),
    path(
        "gremien/sitzungen/<int:meeting>/absagen/",
        views_meetings.meeting_cancel,
        name="meeting_cancel",
    ),
    path(
        "gremien/sitzungen/<int:meeting>/loeschen/",
        views_meetings.meeting_delete,
        name="meeting_delete",
    ),
    path(
        "gremien/sitzungen/<int:meeting>/anwesenheit/", views_meetings.attendance, name="attendance"
    ),
    path("gremien/sitzungen/<int:meeting>/top/", views_meetings.item_add, name="item_add"),
    path("gremien/sitzungen/<int:meeting>/aufgaben/", views_meetings.task_add, name="task_add"),
    path("gremien/sitzungen/<int:meeting>/dokumente/", views_meetings.file_add, name="file_add"),
    path("gremien/top/<int:item>/", views_meetings.item_edit, name="item_edit"),
    path("gremien/top/<int:item>/verschieben/", views_meetings.item_move, name="item_move"),
    path("gremien/aufgaben/<int:task>/", views_meetings.task_edit, name="task_edit"),
    path("gremien/dokumente/<int:document>/", views_meetings.document, name="document"),
]
