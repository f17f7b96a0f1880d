from django.urls import path

from .views import attachments, case, casework, letters, statistics

app_name = "complaints"

urlpatterns = [
    path("beschwerden/", case.complaint_list, name="list"),
    path("beschwerden/neu/", case.complaint_create, name="create"),
    path("beschwerden/<int:complaint>/", case.complaint_detail, name="detail"),
    path("beschwerden/<int:complaint>/bearbeiten/", case.complaint_edit, name="edit"),
    path("beschwerden/<int:complaint>/status/", case.complaint_status, name="status"),
    path("beschwerden/<int:complaint>/rueckmeldung/", case.complaint_feedback, name="feedback"),
    path("beschwerden/<int:complaint>/nachricht/", case.complaint_message, name="message"),
    path("beschwerden/<int:complaint>/notiz/", case.complaint_note, name="note"),
    path("beschwerden/<int:complaint>/neuer-code/", case.complaint_code, name="code"),
    *casework.urlpatterns,
    *attachments.urlpatterns,
    *letters.urlpatterns,
    *statistics.urlpatterns,
]
