from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictsConfig(AppConfig):
    name = "teilhabe.districts"
    label = "districts"
    verbose_name = _("Districts and offices")

    def ready(self) -> None:
        from teilhabe.core.navigation import NavItem, register

        register(NavItem(_("Overview"), "districts:dashboard", "core.view_dashboard", order=0))
        register(NavItem(_("Office and team"), "districts:office", "districts.view_office", 10))
        register(NavItem(_("Change log"), "core:district_audit", "core.view_district_audit", 900))
