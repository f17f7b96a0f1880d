"""The four focus areas (Arbeitsschwerpunkte) that offices classify their work by.

They come from the Charlottenburg-Wilmersdorf office's description of its work and are
shared by every module that classifies work (work plan activities now; events, funded
projects and the annual statistics later), so the choices live here, not in one app.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FocusArea(models.TextChoices):
    CATCH_UP = "catch_up", _("Catch-up integration")
    NEW_IMMIGRATION = "new_immigration", _("New immigration")
    DIVERSITY = "diversity", _("Living together in diversity")
    ADMINISTRATION = "administration", _("Administration shaped by the migration society")
