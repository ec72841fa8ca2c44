"""Settings shared by every environment. Anything that differs between machines comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def cache_from_url(url):
    """Turn CACHE_URL into a CACHES entry: redis://…, locmem://, or dummy://."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": url[9:] or "newsdesk"}
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL {url!r}: use redis://, locmem:// or dummy://")


def database_from_url(url):
    config = dj_database_url.parse(url, conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")), conn_health_checks=True)
    if config["ENGINE"] != "django.db.backends.postgresql":
        # Search, constraints and the test suite rely on PostgreSQL; another engine would fail later and worse.
        raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgres://…).")
    return config


INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    "django_prose_editor",
    "sections",
    "images",
    "articles",
    "editions",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The edition (简体 or 繁體) comes from the URL alone; the traditional one is converted here.
    "editions.middleware.EditionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"
WSGI_APPLICATION = "newsdesk.wsgi.application"

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
                "newsdesk.context_processors.site",
                "editions.context_processors.edition",
            ],
        },
    },
]

DATABASES = {}  # set by each environment's module
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
# The simplified edition is canonical and lives at unprefixed URLs; the traditional edition is
# converted from it (editions/) and lives under /zh-hant/.
LANGUAGES = [("zh-hans", "简体中文"), ("zh-hant", "繁體中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CACHES = {"default": cache_from_url(env("CACHE_URL", "locmem://"))}

LOGIN_URL = "admin:login"

# Reader pages may be kept this long by browsers and shared caches. Scheduled articles must
# appear within a minute of their time, so this must stay at or under 60 seconds.
PUBLIC_CACHE_SECONDS = int(env("PUBLIC_CACHE_SECONDS", "60"))

TAGGIT_CASE_INSENSITIVE = True

NEWSDESK = {
    "SITE_NAME": env("NEWSDESK_SITE_NAME", "江西台办新闻"),
    "SITE_DESCRIPTION": env("NEWSDESK_SITE_DESCRIPTION", "江西对台交流与两岸新闻"),
    "RELATED_COUNT": int(env("NEWSDESK_RELATED_COUNT", "8")),
    "SECTION_PAGE_SIZE": int(env("NEWSDESK_SECTION_PAGE_SIZE", "20")),
    "HOME_SECTION_COUNT": 6,
    "PICTURE_BLOCK_COUNT": 4,
    "FEED_ITEMS": int(env("NEWSDESK_FEED_ITEMS", "20")),
    # How long a converted traditional page or feed is kept; it is keyed by the simplified output's hash.
    "EDITION_CACHE_SECONDS": int(env("NEWSDESK_EDITION_CACHE_SECONDS", str(7 * 24 * 3600))),
    "SEARCH_PAGE_SIZE": int(env("NEWSDESK_SEARCH_PAGE_SIZE", "20")),
    # Relevance is ranked among this many most recent matches, so a common word stays fast;
    # a word is "common" when that many are found among the RECENT_WINDOW newest articles.
    "SEARCH_CANDIDATES": int(env("NEWSDESK_SEARCH_CANDIDATES", "200")),
    "SEARCH_RECENT_WINDOW": int(env("NEWSDESK_SEARCH_RECENT_WINDOW", "2000")),
    # Covers and uploads larger than this are refused before Pillow decodes them.
    "MAX_IMAGE_BYTES": int(env("NEWSDESK_MAX_IMAGE_BYTES", str(20 * 1024 * 1024))),
    "MAX_IMAGE_PIXELS": int(env("NEWSDESK_MAX_IMAGE_PIXELS", str(50_000_000))),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
