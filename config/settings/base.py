"""Settings shared by every environment; everything that differs comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("TEILHABE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean from the environment ("1", "true", "yes" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated list from the environment."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_countries",
    "teilhabe.core",
    "teilhabe.accounts",
    "teilhabe.districts",
    "teilhabe.directory",
    "teilhabe.counselling",
    "teilhabe.committees",
    "teilhabe.workplan",
    "teilhabe.complaints",
    "teilhabe.portal",
    "teilhabe.lag",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "teilhabe.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "teilhabe.accounts.middleware.SessionTimeoutMiddleware",
    "teilhabe.accounts.middleware.TwoFactorEnforcementMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "teilhabe.core.middleware.DistrictScopeMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "teilhabe" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "teilhabe.core.context_processors.platform",
            ],
            "builtins": [
                "teilhabe.core.templatetags.teilhabe",
                "template_partials.templatetags.partials",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'teilhabe.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worker and the web server write without "database is locked".
    # PRAGMA optimize keeps the planner's statistics (SQLite's own advice for each new
    # connection); without them scoped queries pick the district index over a better one.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA analysis_limit=400; PRAGMA optimize=0x10002;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Two-factor: staff must enrol a TOTP device before they can work (prod.py turns it on).
TEILHABE_REQUIRE_2FA = env_bool("TEILHABE_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = "teilhabe"
# Wrong codes count towards the django-axes lock-out below; django-otp's own growing
# delay would silently reject a correct code typed right after a typo.
OTP_TOTP_THROTTLE_FACTOR = 0

# Lock-out after repeated failures (django-axes), keyed by the account, not the address.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_LOCKOUT_CALLABLE = "teilhabe.accounts.views.lockout_response"
AXES_VERBOSE = False

# Idle timeout: the session ends after this many minutes without a request.
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
# Absolute limit: a session ends after a working day, however active.
SESSION_MAX_HOURS = int(os.environ.get("SESSION_MAX_HOURS", "10"))
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "de"
# The portal's languages. Adding one: an entry here and its catalogue under locale/.
LANGUAGES = [("de", _("German")), ("en", _("English"))]
# Staff area and e-mails are German; the portal follows the visitor's choice.
LOCALE_PATHS = [BASE_DIR / "teilhabe" / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "teilhabe" / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
# Files only staff may read (complaint attachments): outside MEDIA_ROOT and the static
# files, never served by a web server, handed out by views that check permissions.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The cache holds the public pages' rate limits; it must be shared by every worker
# process, so it lives in the database (the table is made by core's migration 0002).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "teilhabe_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000, "CULL_FREQUENCY": 10},
    }
}
# Reverse proxies in front of the application (0: clients connect directly). With N
# proxies, the client's address is the N-th entry from the end of X-Forwarded-For; the
# rate limits count it (hashed) instead of the proxy's address.
TEILHABE_TRUSTED_PROXIES = int(os.environ.get("TEILHABE_TRUSTED_PROXIES", "0"))

# The installation's address, e.g. https://teilhabe.example.berlin, for links in e-mails
# sent by the worker (which has no request to take the host from).
SITE_URL = os.environ.get("SITE_URL", "")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "teilhabe <noreply@teilhabe.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Encryption at rest of contact details (core.crypto): keys live outside the database,
# in the environment (comma-separated, newest first) or in a file. See docs/operations.md.
TEILHABE_FIELD_KEYS = env_list("TEILHABE_FIELD_KEYS")
TEILHABE_FIELD_KEY_FILE = os.environ.get("TEILHABE_FIELD_KEY_FILE", "")

# Counselling: contact details are erased and notes emptied this many months after
# the last contact with the person; the anonymous statistics stay.
COUNSELLING_RETENTION_MONTHS = int(os.environ.get("COUNSELLING_RETENTION_MONTHS", "24"))
# Closed complaints are anonymised this many days after they were closed (three years).
COMPLAINTS_RETENTION_DAYS = int(os.environ.get("COMPLAINTS_RETENTION_DAYS", str(3 * 365)))
# The responsible position is reminded by e-mail this many days before a deadline
# (feedback to the complainant, a body's statement).
COMPLAINTS_REMINDER_DAYS = int(os.environ.get("COMPLAINTS_REMINDER_DAYS", "3"))
# Largest attachment of a complaint; larger uploads are refused before they are stored.
COMPLAINTS_MAX_ATTACHMENT_BYTES = int(
    os.environ.get("COMPLAINTS_MAX_ATTACHMENT_BYTES", str(20 * 1024 * 1024))
)

# Scheduled work: django-tasks with its database backend; `manage.py worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "teilhabe.core.views.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request lines carry no personal data beyond the path; keep them at warning level.
        "django.request": {"level": "WARNING"},
        "django.server": {"level": "WARNING"},
        # django-axes names the account in its messages; e-mail addresses stay out of logs.
        "axes": {"level": "ERROR"},
        # fontTools reports every step of subsetting the fonts of each PDF at info level.
        "fontTools": {"level": "WARNING"},
    },
}

# Lock-out by account only: all staff of a Bezirksamt share a few outgoing addresses,
# so counting by IP address would lock out a whole office for one person's typos.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
