"""Serve AcroJump with daphne for the browser tests, on pytest-django's test database.

The ``daphne_server`` fixture runs this file in a fresh interpreter, the way production
runs ``daphne acrojump.asgi:application``: nothing of the test process (open database
connections, threads, Playwright's event loop, caches) leaks into the server. Daphne
listens on a free port of 127.0.0.1 and this script writes that port to ``--port-file``.

Only what a test must observe differs from the test settings: the database name is the
test database's, e-mails are written to files the test reads, static files are served
from the source folders (no ``collectstatic``), and the cache keys get a prefix of their
own so rate limits do not leak from one run to the next through a shared Redis.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
APPLICATION_NAME = "acrojump-browser-tests-daphne"


def configure_django(args: argparse.Namespace) -> None:
    # As for manage.py, which lives there: the project is importable from its root.
    sys.path.insert(0, str(PROJECT_ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings
    from django.conf import settings

    # Before django.setup(): the connection and cache handlers read these on first use.
    database = settings.DATABASES["default"]
    database["NAME"] = args.database_name
    if database["ENGINE"].endswith("postgresql"):
        # Named, so the test process can wait for these connections to end (conftest.py).
        database.setdefault("OPTIONS", {})["application_name"] = APPLICATION_NAME
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = args.mail_dir
    settings.WHITENOISE_USE_FINDERS = True
    for cache in settings.CACHES.values():
        cache["KEY_PREFIX"] = f"{cache.get('KEY_PREFIX', '')}{args.cache_prefix}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", required=True, help="Django settings module")
    parser.add_argument("--database-name", required=True)
    parser.add_argument("--mail-dir", required=True)
    parser.add_argument("--cache-prefix", required=True)
    parser.add_argument("--access-log", required=True)
    parser.add_argument("--port-file", required=True, help="where to write the port")
    args = parser.parse_args()
    configure_django(args)
    logging.basicConfig(level=logging.INFO)

    # daphne.server installs Twisted's asyncio reactor: import it before the reactor.
    from daphne.access import AccessLogGenerator
    from daphne.server import Server
    from twisted.internet import reactor

    from acrojump.asgi import application

    server = Server(
        application=application,
        endpoints=["tcp:port=0:interface=127.0.0.1"],
        action_logger=AccessLogGenerator(open(args.access_log, "a", 1)),  # noqa: SIM115
    )

    def report_port() -> None:
        if not server.listening_addresses:
            reactor.callLater(0.05, report_port)
            return
        port_file = Path(args.port_file)
        partial = port_file.with_suffix(".partial")
        partial.write_text(str(server.listening_addresses[0][1]))
        partial.replace(port_file)  # atomic: the test never reads half a number

    reactor.callLater(0, report_port)
    server.run()  # until SIGTERM


if __name__ == "__main__":
    main()
