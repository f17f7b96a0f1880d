from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("beschwerden/", views.complaint_list, name="list"),
    path("beschwerden/neu/", views.complaint_create, name="create"),
    path("beschwerden/<int:complaint>/", views.complaint_detail, name="detail"),
    path("beschwerden/<int:complaint>/status/", views.complaint_status, name="status"),
    path("beschwerden/<int:complaint>/rueckmeldung/", views.complaint_feedback, name="feedback"),
    path("beschwerden/<int:complaint>/nachricht/", views.complaint_message, name="message"),
    path("beschwerden/<int:complaint>/notiz/", views.complaint_note, name="note"),
    path("beschwerden/<int:complaint>/neuer-code/", views.complaint_code, name="code"),
]
