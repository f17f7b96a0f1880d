from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("protokoll/", views.district_audit, name="district_audit"),
    path("protokoll/<str:label>/<str:object_id>/", views.record_audit, name="record_audit"),
]
