"""The test suite's settings: pytest-django loads this module (DJANGO_SETTINGS_MODULE in
pyproject.toml's [tool.pytest.ini_options]). Test mode is switched on here, explicitly, never by
detecting that pytest is importable.

The suite runs the production configuration (debug off unless DJANGO_DEBUG says otherwise) with a
throwaway secret key, fast password hashing, unhashed static file names and plain-HTTP cookies.
"""

import os

# set before the import: the production settings refuse to start without a key when debug is off
os.environ.setdefault("DJANGO_SECRET_KEY", "insecure-test-key-never-use-in-production")

from salesops.settings import *  # noqa: E402, F403
from salesops.settings import PASSWORD_HASHERS  # noqa: E402

TESTING = True

# hashing cost is irrelevant to what tests check and dominates their run time
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

# no collectstatic before the tests: serve static files by their plain names; files on the local
# disk (MEDIA_ROOT, a temporary directory per test) and a cache per process, whatever REDIS_URL or
# S3_BUCKET the shell has (tests/ops switch them on where they test them)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# the test client and the e2e live server speak plain HTTP
SECURE = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False

# the test mail outbox; webhooks are tried quickly against the local fake server
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
NOTIFY_DELIVERY = "inline"
NOTIFY_HTTP_TIMEOUT = 0.5
NOTIFY_HTTP_BACKOFF = 0
# the tests' fake robots listen on 127.0.0.1 over plain http (tests/notifications/conftest.py)
NOTIFY_WEBHOOK_ALLOW_PRIVATE = True
SALESOPS_BASE_URL = "http://testserver"
SALESOPS_OFFICE_EMAIL = "office@example.com"
