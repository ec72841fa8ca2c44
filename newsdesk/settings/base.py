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


def media_storage_from_url(url):
    """Turn MEDIA_STORAGE_URL into STORAGES["default"]: local disk (file://, the default) or S3-compatible storage.

    s3://bucket/optional/prefix?endpoint_url=https://minio.example.cn&region_name=cn-east-1&custom_domain=cdn.example.cn
    Credentials never go in the URL: boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment.
    """
    from urllib.parse import parse_qsl, urlsplit

    parts = urlsplit(url)
    if parts.scheme in ("", "file"):
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if parts.scheme != "s3" or not parts.netloc:
        raise ImproperlyConfigured(f"MEDIA_STORAGE_URL {url!r}: use file:// or s3://bucket?endpoint_url=…")
    options = {
        "bucket_name": parts.netloc,
        "location": parts.path.strip("/"),
        # Media URLs are public and permanent (every stored name is unique), so they are unsigned and cache forever.
        "querystring_auth": False,
        "file_overwrite": False,
        "default_acl": None,
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    allowed = {"endpoint_url", "region_name", "custom_domain", "addressing_style", "signature_version", "default_acl"}
    for name, value in parse_qsl(parts.query):
        if name not in allowed:
            raise ImproperlyConfigured(f"MEDIA_STORAGE_URL: unknown option {name!r} (allowed: {', '.join(sorted(allowed))})")
        options[name] = value
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


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
    "workflow",
    "editions",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsdesk.http.RejectNulQueryMiddleware",
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
    # Originals and renditions alike go through this storage: local disk on one machine, S3 on several.
    "default": media_storage_from_url(env("MEDIA_STORAGE_URL", "file://")),
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
    # 三审: 初审, 复审, 终审. A small desk may run 2 (初审, 终审) or 1 (终审 only, which 编辑 may do).
    "REVIEW_STAGES": int(env("NEWSDESK_REVIEW_STAGES", "3")),
    # Feeds that carry only the summary, not the full text: "site", a kind ("section", "tag",
    # "editor") for all feeds of that kind, or one feed ("section:yaowen", "tag:台企", "editor:3").
    "FEED_SUMMARY_ONLY": env_list("NEWSDESK_FEED_SUMMARY_ONLY"),
    # Article changes refresh feeds, sitemaps and list pages at once; other edits (a section's name,
    # a person's name) show up within this many seconds, when cached copies and ETags roll over.
    "DISTRIBUTION_REFRESH_SECONDS": int(env("NEWSDESK_DISTRIBUTION_REFRESH_SECONDS", "3600")),
    # The publisher's logo for search engines (JSON-LD), a static file.
    "PUBLISHER_LOGO": "img/publisher-logo.png",
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
    # A font with Chinese glyphs for text watermarks; by default the first CJK font found on the machine.
    "WATERMARK_FONT": env("NEWSDESK_WATERMARK_FONT", ""),
}

if NEWSDESK["REVIEW_STAGES"] not in (1, 2, 3):
    raise ImproperlyConfigured("NEWSDESK_REVIEW_STAGES must be 1, 2 or 3.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
