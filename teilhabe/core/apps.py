from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "teilhabe.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from . import checks, tasks  # noqa: F401  registers checks and periodic jobs
