from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounsellingConfig(AppConfig):
    name = "teilhabe.counselling"
    label = "counselling"
    verbose_name = _("Counselling")

    def ready(self) -> None:
        from teilhabe.core.navigation import NavItem, register

        from . import tasks  # noqa: F401  registers the retention job

        register(NavItem(_("Counselling"), "counselling:list", "counselling.view_consultation", 30))
