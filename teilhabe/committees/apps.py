from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "teilhabe.committees"
    label = "committees"
    verbose_name = _("Bodies")

    def ready(self) -> None:
        from teilhabe.core.navigation import NavItem, register

        from . import tasks  # noqa: F401  registers the meeting generation job

        register(NavItem(_("Bodies"), "committees:list", "committees.view_body", 40))
