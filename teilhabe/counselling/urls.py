from django.urls import path

from . import views

app_name = "counselling"

urlpatterns = [
    path("beratung/", views.consultation_list, name="list"),
    path("beratung/neu/", views.consultation_create, name="create"),
    path("beratung/vorschlaege/", views.referral_suggestions, name="suggestions"),
    path("beratung/statistik/", views.statistics, name="statistics"),
    path("beratung/statistik.csv", views.statistics_csv, name="statistics_csv"),
    path("beratung/<int:consultation>/", views.consultation_detail, name="detail"),
    path("beratung/<int:consultation>/bearbeiten/", views.consultation_edit, name="edit"),
]
