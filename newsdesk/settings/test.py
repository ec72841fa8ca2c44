"""Tests: real PostgreSQL, fast hashing, in-memory cache. Media go to a temporary folder (tests/conftest.py)."""

from .dev import *  # noqa: F403
from .base import cache_from_url

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": cache_from_url("locmem://tests")}
# Serve static files from the finders, as in development: tests do not run collectstatic.
WHITENOISE_AUTOREFRESH = True
