from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplanConfig(AppConfig):
    name = "teilhabe.workplan"
    label = "workplan"
    verbose_name = _("Work plan")

    def ready(self) -> None:
        from teilhabe.core.navigation import NavItem, register

        register(NavItem(_("Work plan"), "workplan:list", "workplan.view_workplan", 45))
