"""Settings shared by every environment.

Nothing secret lives here and nothing here turns on debugging: dev.py, test.py
and production.py add what differs, and production reads its secrets from the
environment.
"""

import datetime
import hashlib
from pathlib import Path
from typing import Any

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE

from .client_address import client_address_settings
from .sso import single_sign_on

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Every setting an operator may change is read from the environment here, once,
# with its type and default; README's production table lists them.
env = environ.Env()

INSTALLED_APPS = [
    "portal",
    "policies",
    "exceptions",
    "portal.search",
    "portal.insights",
    "portal.approvals",
    "portal.webhooks",
    "portal.api",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First, so that every log line of the request, and its error page, has the id.
    "portal.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "portal.routing.KeptSiteMiddleware",
    "portal.security.PrivatePagesMiddleware",
    "portal.security.AdminQueryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it sees the outcome of every login view (see AXES_* below).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.abilities.abilities",
                "portal.freshness.fragment_versions",
            ],
            "builtins": ["portal.templatetags.people"],
        },
    },
]

# One cache for every process of the portal on this machine (each app worker, the task
# worker, a management command), so that a change made in one renews what the others
# show (portal.freshness): files under var/cache, unless production.py is given Redis
# (REDIS_URL), which several app servers share. A cache of each process's own memory
# would keep showing, in every other process, what a change had replaced.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env.str("PORTAL_CACHE_DIR", default=str(BASE_DIR / "var" / "cache")),
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}

# One transaction per request: an action either lands whole or not at all.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database takes its write lock when a request's transaction begins,
    # and a second request waits for it: two at once (a form sent twice) would
    # otherwise both read, then one fail to write with "database is locked".
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}

# A cache serves one database: its keys name it, so a cache kept across a change of
# DATABASE_URL, or shared by two portals, never shows one database's pages for another's.
_database = DATABASES["default"]
CACHE_KEY_PREFIX = hashlib.sha256(
    "|".join(str(_database.get(part, "")) for part in ("ENGINE", "HOST", "PORT", "NAME")).encode()
).hexdigest()[:12]
CACHES["default"]["KEY_PREFIX"] = CACHE_KEY_PREFIX

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The portal's pages run only scripts and styles from its own static files: no
# inline code and no eval, so markup slipped into a policy's text cannot run.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin needs three allowances, and only under its own path
# (portal.security.ContentSecurityPolicyMiddleware applies them):
# - its widgets start themselves with inline <script> elements whose text
#   differs per field (InlinePanel for exception paths, the date pickers), so
#   neither hashes nor nonces can cover them; inline event handlers
#   (script-src-attr) stay forbidden;
# - its editor's JavaScript adds <style> elements at run time;
# - the editor's live preview shows the page in a frame of the admin itself.
ADMIN_CONTENT_SECURITY_POLICY_PATH = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY_REPLACE = {
    "script-src-elem": [SELF, UNSAFE_INLINE],
    "style-src-elem": [SELF, UNSAFE_INLINE],
    "frame-ancestors": [SELF],
}

AUTHENTICATION_BACKENDS = [
    # Refuses a paused login before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, its answers kept until a role changes (portal.access).
    "portal.access.KeptPermissionsBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# Passwords are reset by the portal's administrators (or the company's directory),
# not by mail from the sign-in page: the admin's sign-in page offers no reset.
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Sessions live in the database, so a person signed in through one app server is
# signed in on every other (`make cluster-check` proves it).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A working day: a session left open on a shared counter PC ends by the next shift.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=8 * 60 * 60)

# Repeated wrong passwords pause that username from that address only: pausing
# the username everywhere would let anyone lock a colleague out of the portal.
# The attempts live in the database, so every app server sees the same count.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("PORTAL_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("PORTAL_LOGIN_PAUSE_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.views.login_paused"
# The address a pause is tied to, and that login logs name: the one the nearest of
# PORTAL_TRUSTED_PROXIES proxies saw (none by default: REMOTE_ADDR).
PORTAL_TRUSTED_PROXIES = env.int("PORTAL_TRUSTED_PROXIES", default=0)
globals().update(client_address_settings(PORTAL_TRUSTED_PROXIES))

# Single sign-on through the company's identity provider, when OIDC_RP_CLIENT_ID is
# set (README, "Single sign-on"); otherwise the portal's own passwords, as above.
PORTAL_SSO = single_sign_on(env)
if PORTAL_SSO is not None:
    globals().update(PORTAL_SSO.library_settings(CONTENT_SECURITY_POLICY))
# The admin's sign-in form says, as the portal's does, when passwords are off.
WAGTAILADMIN_USER_LOGIN_FORM = "portal.forms.AdminLoginForm"

LANGUAGE_CODE = "en-gb"
# Catalogues for the words of the project-wide templates/, which belong to no app:
# makemessages needs a place to put them.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("PORTAL_TIME_ZONE", default="Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Policy portal"
# Avatars are uploaded or left as the default: an intranet does not send its
# staff's email hashes to an outside avatar service.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
# PostgreSQL full-text search in production, SQLite FTS5 on the embedded default;
# both stem English words (see portal/migrations for SQLite's porter tokenizer).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"}
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "pdf", "pptx", "txt", "xlsx"]

# Every saved policy version must carry its own change note, which an
# unattended autosave cannot give: editors save deliberately.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# Policies change only through the approval workflow; an owner never publishes.
WAGTAIL_WORKFLOW_ENABLED = True
# A change edited while it waits needs approving again, on what was edited: an
# approval given to what was submitted never puts later, unseen edits live.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_MODERATION_ENABLED = True

# Every log line names the request it belongs to; the 500 page shows the same id.
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.request_id.RequestIdLogFilter"}},
    "formatters": {
        "with_request_id": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "with_request_id",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # Django's lines reach the console through the root logger, with their id;
    # its own console handler would print them a second time while debugging.
    # Background tasks (search index, reference index) log every run at INFO, and
    # WeasyPrint each step of every PDF, with a warning for each rule of the screen
    # stylesheet it does not lay out (media queries on width).
    "loggers": {
        "django": {"handlers": [], "level": "INFO"},
        "django_tasks": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
    },
}

# Background work (mail, Wagtail's reference index) waits in the database for the
# worker, `manage.py db_worker`, which `make run` starts beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Every email is queued for the worker (portal.mail), which sends it through
# PORTAL_EMAIL_SENDING_BACKEND and tries again later if the mail server does not
# take it: no request waits for a mail server. EMAIL_TIMEOUT bounds each try.
EMAIL_BACKEND = "portal.mail.QueuedEmailBackend"
PORTAL_EMAIL_SENDING_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# Webhooks are sent by the worker too (portal.webhooks.tasks); each try waits this many
# seconds for the receiver's answer before it counts as failed and is tried again later.
PORTAL_WEBHOOK_TIMEOUT = env.int("PORTAL_WEBHOOK_TIMEOUT", default=10)

# Exception pressure (points per 30 days, see portal/insights/score.py) at which a
# policy is flagged "review recommended": about one grant outside any path a month.
PORTAL_PRESSURE_THRESHOLD = env.float("PORTAL_PRESSURE_THRESHOLD", default=3.0)
# How long a cached fragment is kept at most; portal.freshness keeps it fresh.
PORTAL_FRAGMENT_SECONDS = 24 * 60 * 60
# How far back a draft is replayed against the cases recorded under its policy.
PORTAL_REPLAY_MONTHS = env.int("PORTAL_REPLAY_MONTHS", default=12)
# Headings of a Word document (compared without case, numbering or a closing colon) and
# the policy field each one's section fills when imported; the rest is the rule.
PORTAL_DOCX_HEADINGS = {
    "summary": ["Summary", "In short", "In brief"],
    "rule": ["Rule", "The rule", "Policy", "Policy statement"],
    "rationale": ["Why", "Why this rule exists", "Why we have this rule", "Rationale", "Reason"],
    "exception_paths": ["Exceptions", "Exception paths", "Bending the rule"],
    "how_to_explain": [
        "How to explain",
        "How to explain it",
        "How to explain it to a customer",
        "Explaining it to customers",
        "What to tell the customer",
    ],
    "scope": ["Scope", "Who it applies to", "Applies to"],
}

# Evidence to change the rules (portal/insights/limits.py, consistency.py): a limit is
# suggested where deciders granted at least this percentage of the escalations above it,
# with at least this many cases behind it; a decider whose grant rate on similar amounts
# differs from their peers' by more than this many percentage points is pointed out.
PORTAL_EVIDENCE_GRANT_PERCENT = env.int("PORTAL_EVIDENCE_GRANT_PERCENT", default=90)
PORTAL_EVIDENCE_MIN_CASES = env.int("PORTAL_EVIDENCE_MIN_CASES", default=10)
PORTAL_CONSISTENCY_MARGIN_PERCENT = env.int("PORTAL_CONSISTENCY_MARGIN_PERCENT", default=30)

TAGGIT_CASE_INSENSITIVE = True

SIMPLE_HISTORY_REVERT_DISABLED = True

# The JSON API (portal.api): a session for the portal's own scripts, a personal token
# for other systems; each call acts with its user's role. Every answer that is not a
# success has one shape (portal.api.errors).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal.api.authentication.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["portal.api.throttling.PerTokenOrUserThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "portal.api.pagination.NumberedPages",
    "EXCEPTION_HANDLER": "portal.api.errors.one_error_shape",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Calls a token (or a person's session) may make, counted in the default cache: Redis
# in production, so every app server shares the count.
PORTAL_API_RATE = env.str("PORTAL_API_RATE", default="600/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": "Policy portal API",
    "DESCRIPTION": (
        "Read live policies (why they exist, their exception paths, limits, tiers and "
        "answer times), their published versions and the cases that drove them; search; "
        "record and decide cases through the same rules as the portal's pages."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its documentation are for signed-in people and token holders, as
    # every page of the portal is: it names no data, but an intranet shows nothing to
    # whoever is not signed in.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"TierEnum": "policies.choices.Tier"},
    # Wagtail's own admin API is the admin's business, not the portal's documented API.
    "PREPROCESSING_HOOKS": ["portal.api.schema.only_the_portal_api"],
    # The documentation's scripts and styles are served from the portal's own static
    # files (drf-spectacular-sidecar), as the content security policy requires.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.api.schema.empty_filters_mean_any",
        "portal.api.schema.add_links",
    ],
}
