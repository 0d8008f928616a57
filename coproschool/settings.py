"""Settings, read from the environment.

With nothing configured but DEBUG=true (what `make run` and `make test` do) the app uses its
embedded default: an SQLite file in the project folder and Celery tasks run eagerly. Set
DATABASE_URL and REDIS_URL to use PostgreSQL and a real Redis broker.
"""

import os
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool) -> bool:
    """Parse a boolean strictly: a typo must not silently turn DEBUG or a security flag off/on."""
    raw = os.environ.get(name, "")
    if not raw.strip():
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use true or false.")


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. For local development run `make run` "
            "(it sets DEBUG=true) or export DEBUG=true."
        )
    SECRET_KEY = "insecure-development-key-never-used-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# `make bench` only: routes the benchmark's floor view (bench/views.py) at /bench/floor/. Off, the
# route does not exist at all, so no deployment serves it.
BENCH_FLOOR = env_bool("BENCH_FLOOR", default=False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    # Single sign-on with the school's own accounts: one OpenID Connect app per school (people.single_sign_on).
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "template_partials",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_celery_beat",
    "csp",
    "audit",
    "people",
    "projects",
    "evaluation",
    "front",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "coproschool.middleware.ControlCharacterMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "coproschool.middleware.SessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "coproschool.middleware.CspNonceMiddleware",
    "coproschool.middleware.MethodNotAllowedPageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "people.middleware.SchoolMembershipMiddleware",
    "people.badges.session.BadgeSessionLimitsMiddleware",
    "people.middleware.ForcePasswordChangeMiddleware",
    "people.single_sign_on.middleware.ProviderDownMiddleware",
]

ROOT_URLCONF = "coproschool.urls"
WSGI_APPLICATION = "coproschool.wsgi.application"

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
                "csp.context_processors.nonce",
                "people.context_processors.school_membership",
                "people.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded install has two writers (requests and the in-process beat). A deferred transaction
    # that reads and then writes cannot wait for the other's lock ("database is locked" at once);
    # an immediate one takes the write lock at BEGIN and waits up to `timeout` seconds for it.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id first (people/hashers.py); the PBKDF2 ones only verify older hashes, upgraded at sign-in.
PASSWORD_HASHERS = [
    "people.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

# Staff, leaders and parents sign in with their email; pupils, who often have none, with a
# username handed out on a login card.
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "people.forms.ParentSignupForm"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "people.adapters.SchoolAccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
# Social accounts only vouch for people the school already has (people.single_sign_on.adapter); no
# account is made, none is matched by email outside the school, and no provider token is kept.
SOCIALACCOUNT_ADAPTER = "people.single_sign_on.adapter.SchoolSocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
# Seconds to wait for a school's provider before telling the person it is not answering.
SOCIALACCOUNT_REQUESTS_TIMEOUT = env.int("SSO_TIMEOUT", default=5)
ACCOUNT_SESSION_REMEMBER = False
# A school's pupils usually share one public address. Allauth's own per-address sign-in ceiling lets
# 2,000 of them sign in within one minute; failed sign-ins are limited per (username, address) and
# per address by people.ratelimit through the adapter, never per username alone, which would let
# anyone lock a classmate out (RATE_LIMITS).
ACCOUNT_RATE_LIMITS = {
    "login": "3000/m/ip",
    "login_failed": "",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "change_password": "5/m/user",
}

# people.ratelimit: action -> {scope: (attempts, window in seconds)}; past the limit the answer is 429.
# "login" = the username typed at that address, "account" = the signed-in person, "school" = all the
# signed-in members of their school together, "address" = the IP, counted only when not signed in.
# The school and sign-in address ceilings fit a school of 2,000 pupils behind one address: each can
# mistype their password twice in one window, post twice an hour, comment three times and vote five
# times in ten minutes.
RATE_LIMITS = {
    "sign_in": {"login": (5, 15 * 60), "address": (4000, 15 * 60)},
    "post": {"account": (20, 60 * 60), "school": (4000, 60 * 60), "address": (500, 60 * 60)},
    "comment": {"account": (30, 10 * 60), "school": (6000, 10 * 60), "address": (600, 10 * 60)},
    "vote": {"account": (30, 10 * 60), "school": (10_000, 10 * 60), "address": (3000, 10 * 60)},
    # Calendar feeds (people.calendar): per feed, and per address for guessed or reset addresses.
    "calendar_feed": {"account": (60, 60 * 60), "address": (3000, 60 * 60)},
    # Badge sign-in (people.badges): failures per badge or username at one address, and per address.
    "badge_sign_in": {"login": (5, 15 * 60), "address": (4000, 15 * 60)},
}
# A second sign-in step (allauth.mfa) for the adults who open pupils' personal data (people.second_step):
# an authenticator app's six-digit code or a passkey, with recovery codes for a lost phone. Passkeys are a
# second step after the password, not a way to sign in without one, so the sign-in page stays one form.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_ADAPTER = "people.second_step.adapter.SchoolMFAAdapter"
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="coproschool")
# A passkey is bound to the site's host name (its relying party id, taken from the request's host). Browsers
# allow passkeys on http://localhost; the origin check accepts plain http only when this is on (development
# and tests), never in production where the site is served over https.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env_bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", default=DEBUG)

# The proxies in front of the app that append to X-Forwarded-For (1 behind the usual TLS proxy), so
# rate limits see the pupil's address, not the proxy's.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end packages come from the npm registry (`npm ci`), never copied into the repo.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/jsqr", BASE_DIR / "node_modules" / "jsqr" / "dist"),
    ("vendor/sortablejs", BASE_DIR / "node_modules" / "sortablejs"),
]
# In development whitenoise serves straight from the finders (node_modules included), no collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploads (pictures, roster files): no one file is kept beyond FILE_UPLOAD_MAX_BYTES, so a 30 MB
# file is refused by its form with a clear message (coproschool/uploads.py). The media folder is
# never served as static files: pictures are served by a view that checks the permission.
FILE_UPLOAD_MAX_BYTES = env.int("FILE_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "coproschool.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Celery: a real Redis broker when REDIS_URL is set, otherwise tasks run in-process.
REDIS_URL = env.str("REDIS_URL", default="")
# The cache holds rate-limit counters, which must be shared by every web process: Redis when
# REDIS_URL is set, process memory in the embedded default.
CACHES = {
    "default": {
        # Redis away: limits pause, pages keep working (coproschool/cache.py).
        "BACKEND": "coproschool.cache.TolerantRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "cps",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Without a broker nothing else runs the schedule below, so the web process runs beat in a thread
# (coproschool.celery.beat_start_in_process). With REDIS_URL, `celery beat` is a process of its own.
SCHEDULE_IN_PROCESS = env_bool("SCHEDULE_IN_PROCESS", default=not REDIS_URL)
CELERY_TIMEZONE = TIME_ZONE
# Publishing fails fast when Redis is down: the task stays in the outbox (people.notifications.outbox)
# and the web request is not held up by connection retries.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
    "socket_connect_timeout": 2,
}
# Synced into django-celery-beat's DatabaseScheduler. Reminders are idempotent (exactly-once key),
# so running them more often than needed is harmless.
CELERY_BEAT_SCHEDULE = {
    "outbox-drain": {"task": "people.outbox_drain", "schedule": 60.0},
    # Pupils' emails held through the quiet hours (21:00-07:00) go at seven.
    "emails-release-held": {"task": "people.emails_release_held", "schedule": crontab(minute="*/5")},
    "close-due-decisions": {"task": "projects.close_due_decisions", "schedule": 60.0},
    "safeguarding-escalate": {"task": "projects.safeguarding_escalate", "schedule": 60.0},
    "close-due-surveys": {"task": "evaluation.close_due_surveys", "schedule": 60.0},
    # Anonymous answers and ballots into the results in shuffled batches of 5 or more (issue 18).
    "move-held-answers": {"task": "evaluation.move_held_answers", "schedule": 60.0},
    "move-held-ballots": {"task": "projects.move_held_ballots", "schedule": 60.0},
    "roster-cards-clear": {"task": "people.roster_cards_clear", "schedule": crontab(hour=3, minute=0)},
    "privacy-purge": {"task": "people.privacy_purge", "schedule": crontab(hour=2, minute=30)},
    "survey-drafts-purge": {"task": "evaluation.purge_closed_drafts", "schedule": crontab(hour=3, minute=15)},
    **{
        f"reminder-{name.replace('_', '-')}": {
            "task": "people.reminder_run",
            "schedule": crontab(hour=7, minute=30),
            "kwargs": {"name": name},
        }
        for name in ["stage_deadline", "vote_closing", "survey_closing", "session_tomorrow", "task_overdue"]
    },
    # Needs past their answer deadline: their answerers and the leaders, once a day (school days only).
    "reminder-need-answers-due": {
        "task": "people.reminder_run",
        "schedule": crontab(hour=7, minute=45),
        "kwargs": {"name": "need_answers_due"},
    },
    "reminder-task-due-tomorrow": {
        "task": "people.reminder_run",
        "schedule": crontab(hour=7, minute=30),
        "kwargs": {"name": "task_due_tomorrow"},
    },
    "reminder-facilitator-digest": {
        "task": "people.reminder_run",
        "schedule": crontab(day_of_week="mon", hour=6, minute=30),
        "kwargs": {"name": "facilitator_digest"},
    },
    "weekly-digest": {"task": "people.digests_send", "schedule": crontab(day_of_week="mon", hour=7, minute=0)},
    # Daily, so the report of a term that just ended goes out the morning after; reruns do nothing.
    "termly-school-report": {"task": "evaluation.termly_reports", "schedule": crontab(hour=6, minute=0)},
}

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="coproschool <noreply@localhost>")
# Where links in emails point: the address people use to reach the site.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Production (DEBUG off) is HTTPS-only; the development server is not.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
# Signed out after this long without a request (pupils share school computers). The sign-in also
# ends SESSION_COOKIE_AGE after it began, however active (coproschool.middleware.SessionTimeoutMiddleware).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    # Preloading binds every subdomain of the school's domain to HTTPS for good: the operator's
    # decision (README, "Configuration"), so its reminder is silenced.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Scripts only from this app (htmx, Bootstrap) or carrying the per-response nonce. Inline style
# attributes stay allowed because Bootstrap's progress bars and htmx's swap use them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
