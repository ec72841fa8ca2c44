"""Development: works on a fresh machine with nothing installed but Python."""

from newsdesk import localdb

from .base import *  # noqa: F403
from .base import BASE_DIR, database_from_url, env, env_list

DEBUG = env("DEBUG", "1") == "1"
# A fixed key is acceptable only here: dev data is throwaway and production.py refuses this value.
SECRET_KEY = env("SECRET_KEY", "dev-insecure-newsdesk-key-do-not-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
DATABASES = {"default": database_from_url(env("DATABASE_URL") or localdb.database_url(BASE_DIR))}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names need collectstatic; development serves straight from the source folders.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
