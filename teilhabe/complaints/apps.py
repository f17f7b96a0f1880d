from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "teilhabe.complaints"
    label = "complaints"
    verbose_name = _("Ombudsman office")

    def ready(self) -> None:
        from teilhabe.core.navigation import NavItem, register

        from . import tasks  # noqa: F401  registers the retention job

        register(NavItem(_("Complaints"), "complaints:list", "complaints.view_anonymised_list", 35))
