"""Settings for the test suite: the embedded default, or PostgreSQL and Redis when their
URLs are set (CI runs both)."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret-acrojump"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not memory: browser tests serve the site from a daphne process that must
    # see the same database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-acrojump.sqlite3")}  # noqa: F405
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
