"""Local development: SQLite under var/, e-mails printed to the console, no 2FA enforced."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"
TEILHABE_DEMO_ALLOWED = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# `make run` creates this key file on first start (manage.py create_field_key).
TEILHABE_FIELD_KEY_FILE = os.environ.get("TEILHABE_FIELD_KEY_FILE", str(VAR_DIR / "field-keys"))
