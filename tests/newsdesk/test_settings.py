"""Production settings are checked in a fresh interpreter, exactly as gunicorn would load them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REAL_SECRET = "k3Jx9vQ2mP7sT4wY8zB1nC6dF0gH5jL-aE_rU+iO=pA#sD@fG!hJ%kL^zX&cV*bN(mQ)"


def manage(*args, env=None):
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}}
    base.update(DJANGO_SETTINGS_MODULE="newsdesk.settings.production", DATABASE_URL="postgres://u@127.0.0.1:1/x")
    base.update(env or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "secret", [None, "", "short", "dev-insecure-newsdesk-key-do-not-use-in-production", "a" * 60], ids=repr
)
def test_production_refuses_to_start_without_a_real_secret(secret):
    env = {"ALLOWED_HOSTS": "news.example.cn"}
    if secret is not None:
        env["SECRET_KEY"] = secret
    result = manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set to a real secret" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", env={"SECRET_KEY": REAL_SECRET})

    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env={"SECRET_KEY": REAL_SECRET, "ALLOWED_HOSTS": "news.example.cn"})

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
