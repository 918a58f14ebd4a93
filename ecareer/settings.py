"""Django settings for ecareer: everything that differs between machines comes from the environment.

See README.md, "Configuration", for the variables.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from ecareer.env import check_secret_key, envbool, envint, envlist, envrate, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", "0")
SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ecareer.accounts",
    "ecareer.planning",
    "ecareer.sharing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ecareer.accounts.middleware.ProfileLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ecareer.htmx_messages.HtmxMessagesMiddleware",
]

ROOT_URLCONF = "ecareer.urls"
WSGI_APPLICATION = "ecareer.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite file by default (WAL, busy timeout), PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---- Speed (issue 15): compression and persistent connections. Begin. -------------------------
# Views' answers (pages, htmx fragments, JSON, CSV) are gzipped by Django; static files are not
# (WhiteNoise answers them first and serves the brotli and gzip files collectstatic made).
# BREACH: Django's GZipMiddleware pads each compressed body with random bytes ("Heal the
# Breach"), and the CSRF token in pages is masked anew on every response.
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "django.middleware.gzip.GZipMiddleware",
)
# Persistent connections for every database, SQLite included: the PRAGMAs above
# (OPTIONS["init_command"]) then run once per connection instead of once per request. The
# health check replaces a connection that broke before a request uses it.
DATABASES["default"]["CONN_MAX_AGE"] = envint("DB_CONN_MAX_AGE", "60")
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Database sessions (shared by every app server), read by one plain SQL statement per request.
SESSION_ENGINE = "ecareer.accounts.sessions"
# ---- Speed (issue 15). End. --------------------------------------------------------------------

# Cache: Redis through CACHE_URL or REDIS_URL; otherwise a table in the database, which every
# worker and instance shares (ecareer/cache.py; `migrate` creates it): the lock-out, one-time
# authenticator codes and the rate limits count in it, so a per-process cache would let each
# worker count on its own.
_cache_url = envstr("CACHE_URL") or envstr("REDIS_URL")
if _cache_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": "ecareer",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "ecareer.cache.DatabaseCache",
            "LOCATION": "ecareer_cache",
            # Rows kept before the oldest third is dropped (counted at each write): the cached
            # scenario pages and projections of the active users, the counts of the limits.
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    }

# ---- accounts: django-allauth, Argon2 (issue 17) -------------------------------------------
# One block on purpose: sign-up, sign-in, verification, reset, rate limits, 2FA and sessions.
INSTALLED_APPS += [
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django.contrib.humanize",  # the sessions list says "3 minutes ago"
]
MIDDLEWARE += [
    "allauth.account.middleware.AccountMiddleware",
    "ecareer.accounts.middleware.SessionActivityMiddleware",  # allauth's, every 5 minutes
]
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2 first (Django's recommendation); PBKDF2 hashes still check and are upgraded at sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/scenarios/"
LOGOUT_REDIRECT_URL = "/"

ACCOUNT_ADAPTER = "ecareer.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "ecareer.accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True  # one address per account; changing it verifies the new one
ACCOUNT_EMAIL_VERIFICATION = envstr("ACCOUNT_EMAIL_VERIFICATION", "optional").strip().lower()
if ACCOUNT_EMAIL_VERIFICATION not in {"none", "optional", "mandatory"}:
    raise ImproperlyConfigured(
        f"ACCOUNT_EMAIL_VERIFICATION={ACCOUNT_EMAIL_VERIFICATION!r}: "
        "expected one of none, optional, mandatory"
    )
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a mail scanner following the link does not confirm
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
# Sign-up with a taken address answers like a new one and mails the owner (forms.SignupForm).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # no mails to addresses that have no account here
ACCOUNT_EMAIL_NOTIFICATIONS = True  # password or address changed: the owner is told
ACCOUNT_SESSION_REMEMBER = True  # as before: stay signed in across browser restarts
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False  # this session stays; the others end
ACCOUNT_EMAIL_SUBJECT_PREFIX = "ecareer: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Rate limits (allauth's one mechanism): "key" is the trimmed, lower-cased email, "ip" the
# client address. Counted in the cache: share CACHE_URL/REDIS_URL between instances.
ACCOUNT_RATE_LIMITS = {
    "login_failed": (
        f"{envint('LOGIN_FAILURE_LIMIT', '5')}/{envint('LOGIN_LOCKOUT_MINUTES', '15')}m/key,20/m/ip"
    ),
    "login": "30/m/ip",
    "signup": f"{envint('SIGNUP_LIMIT_PER_HOUR', '10')}/h/ip",
    "reset_password": "20/m/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key,3/h/key",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}
ALLAUTH_TRUSTED_PROXY_COUNT = envint("PROXY_COUNT", "0")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "ecareer"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG  # passkeys on http://localhost for `make run`
USERSESSIONS_TRACK_ACTIVITY = True  # "last seen" in the sessions list
# ---- end of accounts block --------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("de", _("German"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = envstr("TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "ecareer.staticfiles.StaticFilesStorage"
        )
    },
}

# Security headers; cookies secure unless DEBUG (make run serves plain http on localhost).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    # Plotly sets style attributes from script; no script can be injected through styles.
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "0" if DEBUG else "1")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "1")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "0")
if envbool("BEHIND_TLS_PROXY", "0"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Email: console in development, SMTP from the environment in production (Django 6.1 MAILERS).
if envstr("EMAIL_HOST") or not DEBUG:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": envstr("EMAIL_HOST", "localhost"),
                "port": envint("EMAIL_PORT", "25"),
                "username": envstr("EMAIL_HOST_USER"),
                "password": envstr("EMAIL_HOST_PASSWORD"),
                "use_tls": envbool("EMAIL_USE_TLS", "0"),
                "use_ssl": envbool("EMAIL_USE_SSL", "0"),
                "timeout": envint("EMAIL_TIMEOUT", "10"),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "ecareer <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
}

# --- Hardening (issue 14): start-up checks, request limits, cache headers, rate limits ---
if not DEBUG:
    check_secret_key(SECRET_KEY)
# Bodies past REQUEST_MAX_BYTES are refused (413) from Content-Length, before any is read; the
# import's own limit (2 MB) and Django's in-memory limits stay below it.
REQUEST_MAX_BYTES = envint("REQUEST_MAX_BYTES", str(3 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2621440  # 2.5 MB of form fields (Django's default, named)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440  # uploads up to this stay in memory, never on disk
MIDDLEWARE = [
    "ecareer.middleware.RequestSizeLimitMiddleware",  # first: refuse before anything reads
    *MIDDLEWARE[: MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1],
    "ecareer.middleware.PrivateNoStoreMiddleware",
    *MIDDLEWARE[MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1 :],
]
# Rate limits (ecareer/ratelimits.py) count in the default cache: Redis when several instances
# run, so the count is shared; a failing cache lets requests through rather than lock users out.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_FAIL_OPEN = True
RATELIMIT_ENABLE = envbool("RATELIMIT_ENABLE", "1")
# Per signed-in user, as "N/s", "N/m", "N/h" or "N/10m" (django-ratelimit's rate syntax).
WHAT_IF_RATE_LIMIT = envrate("WHAT_IF_RATE_LIMIT", "60/m")  # what-if previews of the dashboard
COMPARE_RATE_LIMIT = envrate("COMPARE_RATE_LIMIT", "30/m")
IMPORT_RATE_LIMIT = envrate("IMPORT_RATE_LIMIT", "10/m")  # posted files; the form is free
# --- end of hardening (issue 14) ---

# --- The task queue (issue 27): long computations and mail run in a worker ---------------------
# Django's tasks framework on django-tasks-db by default: the queue is a table of the database,
# so `make run` needs no other server; run `manage.py db_worker --queue-name computations` (as
# many as there are cores to spare) and `manage.py db_worker --queue-name mail` next to the app.
INSTALLED_APPS += ["django_tasks_db", "django_rq", "django_tasks_rq", "ecareer.jobs"]
TASK_QUEUES = ["computations", "mail"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}
# Several servers: TASKS_REDIS_URL puts the queue on Redis, run by RQ's workers
# (`manage.py rqworker computations mail --job-class django_tasks_rq.Job --with-scheduler`).
_tasks_redis_url = envstr("TASKS_REDIS_URL")
RQ_QUEUES = {name: {"URL": _tasks_redis_url or "redis://127.0.0.1:6379/0"} for name in TASK_QUEUES}
if _tasks_redis_url:
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": TASK_QUEUES}}
# A computation running longer than this stops with a message (checked between model runs).
COMPUTATION_TIME_LIMIT = envint("COMPUTATION_TIME_LIMIT", "60")
# Per user: computations queued or running at once, and CPU seconds finished per minute; past
# either, the next one waits (its page says why) instead of being refused.
COMPUTATIONS_RUNNING_MAX = envint("COMPUTATIONS_RUNNING_MAX", "2")
COMPUTATION_CPU_SECONDS_PER_MINUTE = envint("COMPUTATION_CPU_SECONDS_PER_MINUTE", "60")
COMPUTATION_RESULT_SECONDS = 24 * 3600  # an answer is kept (and shared) this long
# Requests per user and minute for each kind of computation, whichever page asks for it.
WHAT_MATTERS_RATE_LIMIT = envrate("WHAT_MATTERS_RATE_LIMIT", "30/m")
DECISIONS_RATE_LIMIT = envrate("DECISIONS_RATE_LIMIT", "30/m")
PRICE_RATE_LIMIT = envrate("PRICE_RATE_LIMIT", "60/m")
# Mail: sent by the worker; a failed attempt is tried again after 30 s, 60 s, 120 s, ...
MAIL_ATTEMPTS = envint("MAIL_ATTEMPTS", "6")
MAIL_RETRY_SECONDS = envint("MAIL_RETRY_SECONDS", "30")
