"""Settings for the test suite: the embedded default, or PostgreSQL and Redis when their
URLs are set (CI runs both)."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret-acrojump"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# One test database per test run, so that runs side by side on one machine do not share it.
_run = os.getpid()
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not memory: browser tests serve the site from a daphne process that must
    # see the same database.
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-acrojump-{_run}.sqlite3")}  # noqa: F405
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_acrojump_{_run}"}  # noqa: F405
    # Connections opened by worker threads (async tests) close after each use, so the test
    # database can be dropped at the end of the run.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# Static files come from the apps' folders (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Search: the taxonomy cache checks the database on every use (tests change concepts), and
# Elasticsearch writes are visible at once.
SEARCH_TAXONOMY_CHECK_SECONDS = 0
ELASTICSEARCH_REFRESH = True
