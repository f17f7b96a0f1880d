from django.urls import path

from . import views

app_name = "lag"

urlpatterns = [path("", views.overview, name="overview")]
