"""URL space: portal at / (German; /en/ etc. for other languages), accounts at /konto/,
LAG at /lag/, the admin site at /admin/, staff areas at /<district>/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from teilhabe.accounts.views import admin_login
from teilhabe.portal.committees import calendar_feed

handler403 = "teilhabe.core.views.permission_denied"
handler404 = "teilhabe.core.views.page_not_found"
handler500 = "teilhabe.core.views.server_error"

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    # The admin site signs in through the same two-step sign-in as everybody else.
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
    path("konto/", include("teilhabe.accounts.urls")),
    path("lag/", include("teilhabe.lag.urls")),
    path("oparl/v1/", include("teilhabe.oparl.urls")),
    path("kalender/<str:token>.ics", calendar_feed, name="calendar_feed"),
]
urlpatterns += i18n_patterns(
    path("", include("teilhabe.portal.urls")),
    prefix_default_language=False,
)
urlpatterns += [
    path("<slug:district>/", include("teilhabe.districts.urls")),
    path("<slug:district>/", include("teilhabe.core.urls")),
    path("<slug:district>/", include("teilhabe.directory.urls")),
    path("<slug:district>/", include("teilhabe.counselling.urls")),
    path("<slug:district>/", include("teilhabe.committees.urls")),
    path("<slug:district>/", include("teilhabe.workplan.urls")),
    path("<slug:district>/", include("teilhabe.complaints.urls")),
]
