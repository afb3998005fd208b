"""Settings shared by every environment. Values that differ per deployment come from the environment.

Entry points: opengov.settings.dev (default for manage.py), .production, .test.
"""

from __future__ import annotations

from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_database, env_int, env_list, env_rate, env_redis_url, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "django_countries",
    "simple_history",
    "opengov.core",
    "opengov.accounts",
    "opengov.members",
    "opengov.plans",
    "opengov.irm",
    "opengov.cocreation",
    "opengov.opendata",
    "opengov.notifications",
    "opengov.insights",
    "opengov.events",
    "opengov.stories",
    "opengov.campaigns",
    "opengov.search",
    "opengov.following",
    "opengov.governance",
    "opengov.support",
    "opengov.coalitions",
    "opengov.portal",  # the top layer: pages that gather many apps (docs/architecture.md)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that only serves one visitor: a shared page answers without sessions, CSRF or messages
    # (it replays the headers the inner middleware gave it when it was built).
    "opengov.core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

# Content-Security-Policy on every response (django-csp): our own origin only, no inline script or style (pages
# load site.js / *.css; a stored HTML report adds the hashes of its own <style> blocks, core/csp.py). Swagger UI
# draws its icons as data: images. docs/security.md lists what each directive is for.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Permissions-Policy (django-permissions-policy): no page needs any of these powerful features.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}

ROOT_URLCONF = "opengov.urls"
WSGI_APPLICATION = "opengov.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "opengov.notifications.context_processors.unread",
            ],
        },
    }
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'opengov.sqlite3'}")}
# A PostgreSQL streaming replica for public reads (core/db_routing.py): writes and the writer's next reads stay on
# the primary. Tests mirror it onto the primary's test database.
if env_str("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = env_database("DATABASE_REPLICA_URL", "")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["opengov.core.db_routing.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "opengov.core.db_routing.ReadYourWritesMiddleware",
    )
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 30)

# Whole anonymous pages in the shared cache (core/pagecache.py), rebuilt after any write to a table they read.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
PAGE_CACHE_EXCLUDED_PREFIXES = (
    "/admin/",
    "/accounts/",
    "/manage/",
    "/notifications/",
    "/health/",
    "/i18n/",
    "/language/",
    "/media/",
    "/api/docs/",
    "/api/redoc/",
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_redis_url = env_redis_url("REDIS_URL")
if _redis_url:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # Django's ModelBackend with log-in throttling (accounts/throttle.py).
    "opengov.accounts.backends.ThrottledModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "core:home"
# How long an e-mail confirmation or password-reset link stays valid.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "opengov" / "locale"]
TIME_ZONE = "UTC"
# Our English date formats (opengov/formats/en): no trailing full stop to double at the end of a sentence.
FORMAT_MODULE_PATH = ["opengov.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"


def _xstatic_dirs() -> list[tuple[str, str]]:
    """Leaflet and its marker-cluster plugin, served from the PyPI packages that ship them (no CDN)."""
    import xstatic.pkg.leaflet
    import xstatic.pkg.leaflet_markercluster

    return [
        ("leaflet", xstatic.pkg.leaflet.BASE_DIR),
        ("leaflet-markercluster", xstatic.pkg.leaflet_markercluster.BASE_DIR),
    ]


STATICFILES_DIRS = [*_xstatic_dirs()]
# The events map draws these tiles when set (a deployment with a tile server); offline it draws country outlines.
EVENTS_MAP_TILE_URL = env_str("EVENTS_MAP_TILE_URL", "")
EVENTS_MAP_TILE_ATTRIBUTION = env_str("EVENTS_MAP_TILE_ATTRIBUTION", "")
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "var" / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "OpenGov Platform <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the Contact and Accessibility pages send people with a question (empty: those pages point to the support
# request form only).
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "info@opengovpartnership.org")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "opengov.core.api.OpenGovAutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "opengov.core.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # API requests are counted by the platform's one rate-limit mechanism (core/ratelimit.py, RATE_LIMITS below).
    "DEFAULT_THROTTLE_CLASSES": ["opengov.core.throttling.RateLimitThrottle"],
}
# Limits per action of core/ratelimit.py ({action: (count, seconds)}) over its DEFAULTS.
RATE_LIMITS = {
    "api-anon": env_rate("API_ANON_RATE", "600/minute"),
    "api-user": env_rate("API_USER_RATE", "1200/minute"),
}
# How many reverse proxies in front of the app append to X-Forwarded-For: the client address that rate limits
# and lock-outs count is the entry the nearest trusted proxy saw (0: REMOTE_ADDR, no proxy).
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
SPECTACULAR_SETTINGS = {
    "TITLE": "OpenGov Platform API",
    "DESCRIPTION": "Members, action plans, commitments, milestones and policy areas of the Open Government "
    "Partnership. Read endpoints are public; writes need a token (Authorization: Token <key>).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every page it lays out at INFO: hundreds of lines per Global Report edition.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

# Kosovo is an OGP member (data code XK / XKX) but not in ISO 3166-1.
COUNTRIES_OVERRIDE = {"XK": {"names": [_("Kosovo")], "alpha3": "XKX"}}
