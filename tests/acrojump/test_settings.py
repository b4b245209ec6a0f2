"""Each settings module: the embedded default, the environment's services, production's refusals."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from acrojump.settings.base import caches_from_env, channel_layers_from_env, database_from_env

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "acrojump.example.org",
    "DATABASE_URL": "postgres://acrojump:secret@db.internal:5432/acrojump",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "ELASTICSEARCH_URL": "http://search.internal:9200",
    "EMAIL_HOST": "smtp.example.org",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENV and key != "DJANGO_SETTINGS_MODULE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_passes_the_deployment_checks_with_no_warning() -> None:
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={"DJANGO_SETTINGS_MODULE": "acrojump.settings.production", **PRODUCTION_ENV},
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL"]
)
def test_production_refuses_to_start_without_a_required_variable(missing: str) -> None:
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_manage(
        "check", env={"DJANGO_SETTINGS_MODULE": "acrojump.settings.production", **env}
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_refuses_a_weak_secret_key_and_sqlite() -> None:
    weak = run_manage(
        "check",
        env={
            "DJANGO_SETTINGS_MODULE": "acrojump.settings.production",
            **PRODUCTION_ENV,
            "SECRET_KEY": "short",
        },
    )
    assert weak.returncode != 0 and "SECRET_KEY" in weak.stderr
    sqlite = run_manage(
        "check",
        env={
            "DJANGO_SETTINGS_MODULE": "acrojump.settings.production",
            **PRODUCTION_ENV,
            "DATABASE_URL": "sqlite:////tmp/x.sqlite3",
        },
    )
    assert sqlite.returncode != 0 and "PostgreSQL" in sqlite.stderr


def test_database_url_is_honoured_else_sqlite_under_var(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    embedded = database_from_env(tmp_path / "db.sqlite3")
    assert embedded["ENGINE"] == "django.db.backends.sqlite3"
    assert embedded["NAME"] == tmp_path / "db.sqlite3"
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example:5433/acro")
    real = database_from_env(tmp_path / "db.sqlite3")
    assert real["ENGINE"] == "django.db.backends.postgresql"
    assert (real["HOST"], real["PORT"], real["NAME"]) == ("db.example", 5433, "acro")


def test_redis_url_switches_channel_layer_and_cache() -> None:
    assert channel_layers_from_env("")["default"]["BACKEND"].endswith("InMemoryChannelLayer")
    assert caches_from_env("")["default"]["BACKEND"].endswith("LocMemCache")
    layer = channel_layers_from_env("redis://127.0.0.1:6379/0")["default"]
    assert layer["BACKEND"].startswith("channels_redis")
    assert layer["CONFIG"]["hosts"] == ["redis://127.0.0.1:6379/0"]
    assert caches_from_env("redis://127.0.0.1:6379/0")["default"]["BACKEND"].endswith("RedisCache")


def test_every_settings_module_reads_the_service_urls() -> None:
    env = {
        "DATABASE_URL": "postgres://u:p@db.example:5432/acro",
        "REDIS_URL": "redis://r.example:6379/1",
        "ELASTICSEARCH_URL": "http://es.example:9200",
    }
    script = (
        "import django, json; from django.conf import settings; "
        "print(json.dumps([settings.DATABASES['default']['HOST'], "
        "settings.CHANNEL_LAYERS['default']['CONFIG']['hosts'][0], settings.ELASTICSEARCH_URL]))"
    )
    for module in ("acrojump.settings.dev", "acrojump.settings.test"):
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": module},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert (
            '["db.example", "redis://r.example:6379/1", "http://es.example:9200"]' in result.stdout
        )


def test_test_settings_are_the_ones_running() -> None:
    from django.conf import settings

    assert settings.SETTINGS_MODULE == "acrojump.settings.test"
    assert settings.LANGUAGE_CODE == "fr"
