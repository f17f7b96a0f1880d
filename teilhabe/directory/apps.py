from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "teilhabe.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from teilhabe.core.navigation import NavItem, register

        register(NavItem(_("Directory"), "directory:list", "directory.view_directory", order=20))
