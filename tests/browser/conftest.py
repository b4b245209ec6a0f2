"""Browser tests: AcroJump served by daphne, driven by a real Chromium through Playwright.

- ``daphne_server`` (session): the site over HTTP and websockets, in its own process, on
  pytest-django's test database. Tests see committed data only, so every browser test
  gets ``transactional_db`` (with ``serialized_rollback``, which puts back the rows the
  migrations create, such as the Wagtail home page, after each flush).
- ``mailbox``: the e-mails that server sent, read from the files it writes.
- ``context`` / ``page``: a French-speaking browser, launched per test. Sync Playwright
  keeps an asyncio loop running in the test's thread while it lives, so Django's ORM and
  ``async_to_sync`` refuse to run there: call them through ``outside_browser_loop``.
- ``a11y``: axe-core. Every page a test visits must be checked with ``a11y.check(page)``;
  a page left unchecked fails the test.

Browser tests are skipped only when Chromium is not installed at ``/usr/bin/chromium``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.error import URLError
from urllib.request import urlopen

import pytest
from django.conf import settings
from django.db import connection, connections
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

from . import serve
from .support import AXE_JS, AccessibilityChecker, Mailbox

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SERVER_START_TIMEOUT = 30.0
SERVER_STOP_TIMEOUT = 10.0
# Generous for a loaded CI machine; a passing assertion returns as soon as it holds.
EXPECT_TIMEOUT_MS = 10_000
ACTION_TIMEOUT_MS = 15_000
RESULTS_DIR = Path(settings.BASE_DIR) / "test-results"

T = TypeVar("T")


# -- Reports, so teardown knows whether the test failed ------------------------------------


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Any:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _failed(request: pytest.FixtureRequest) -> bool:
    report = getattr(request.node, "report_call", None)
    return report is None or report.failed


# -- The server ------------------------------------------------------------------------


@dataclass
class DaphneServer:
    process: subprocess.Popen
    work_dir: Path
    url: str = ""

    @property
    def mail_dir(self) -> Path:
        return self.work_dir / "mail"

    @property
    def log_path(self) -> Path:
        return self.work_dir / "server.log"

    @property
    def port_file(self) -> Path:
        return self.work_dir / "port"

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    def wait_until_answering(self) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"daphne exited with code {self.process.returncode} before answering:\n"
                    f"{self.log_tail()}"
                )
            if not self.url and self.port_file.exists():
                self.url = f"http://127.0.0.1:{int(self.port_file.read_text())}"
            if self.url:
                try:
                    # Any answer will do; a static file needs no database.
                    with urlopen(f"{self.url}/static/acrojump/css/site.css", timeout=2):
                        return
                except (URLError, ConnectionError, TimeoutError):
                    pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"daphne did not answer within {SERVER_START_TIMEOUT:.0f}s:\n{self.log_tail()}"
                )
            time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=SERVER_STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _wait_until_server_connections_end(django_db_blocker: Any) -> None:
    """PostgreSQL cannot drop the test database while a server connection lingers."""
    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + SERVER_STOP_TIMEOUT
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND application_name = %s",
                [serve.APPLICATION_NAME],
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)


@pytest.fixture(scope="session")
def daphne_server(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DaphneServer]:
    """AcroJump under daphne, in its own process (``serve.py``), on the test database."""
    work_dir = tmp_path_factory.mktemp("daphne")
    (work_dir / "mail").mkdir()
    command = [
        sys.executable,
        serve.__file__,
        f"--settings={os.environ['DJANGO_SETTINGS_MODULE']}",
        f"--database-name={connection.settings_dict['NAME']}",
        f"--mail-dir={work_dir / 'mail'}",
        f"--cache-prefix=-browser-{uuid.uuid4().hex[:12]}",
        f"--access-log={work_dir / 'access.log'}",
        f"--port-file={work_dir / 'port'}",
    ]
    with (work_dir / "server.log").open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = DaphneServer(process=process, work_dir=work_dir)
    try:
        server.wait_until_answering()
        yield server
    finally:
        server.stop()
        _wait_until_server_connections_end(django_db_blocker)


# -- E-mails ---------------------------------------------------------------------------


@pytest.fixture
def mailbox(daphne_server: DaphneServer) -> Mailbox:
    box = Mailbox(daphne_server.mail_dir)
    box.clear()
    return box


# -- Django calls from a browser test --------------------------------------------------


def _in_own_thread(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    try:
        return function(*args, **kwargs)
    finally:
        connections.close_all()


@pytest.fixture
def outside_browser_loop() -> Callable[..., Any]:
    """Run a Django call (ORM, actions, ``async_to_sync``) in a thread of its own.

    The test's thread has Playwright's event loop running, where Django refuses
    synchronous database access and ``async_to_sync``. The call gets its own database
    connection, closed when it returns; it sees committed data only.
    """

    def call(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="django-call") as pool:
            return pool.submit(_in_own_thread, function, *args, **kwargs).result(timeout=60)

    return call


# -- Accessibility ---------------------------------------------------------------------


@pytest.fixture
def a11y() -> AccessibilityChecker:
    return AccessibilityChecker()


# -- The browser -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is missing at {AXE_JS}: run `make install-test` (npm ci)")
    return CHROMIUM


@pytest.fixture
def context(
    request: pytest.FixtureRequest,
    chromium_path: Path,
    daphne_server: DaphneServer,
    transactional_db: None,
    django_db_serialized_rollback: None,
    a11y: AccessibilityChecker,
) -> Iterator[BrowserContext]:
    """A fresh French-speaking browser profile pointed at the daphne server.

    Started after the database fixtures, so it is closed before the tables are flushed.
    """
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    page_errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS
        )
        browser_context = browser.new_context(
            base_url=daphne_server.url,
            locale="fr-FR",
            timezone_id="Europe/Paris",
            viewport={"width": 390, "height": 844},  # a phone: most youths only have one
        )
        browser_context.set_default_timeout(ACTION_TIMEOUT_MS)

        def watch(page: Page) -> None:
            a11y.watch(page)
            page.on("pageerror", lambda error: page_errors.append(f"{page.url}: {error}"))

        browser_context.on("page", watch)
        try:
            yield browser_context
            if not _failed(request):
                a11y.assert_all_checked()
                assert not page_errors, "JavaScript errors in the page:\n" + "\n".join(page_errors)
        finally:
            if _failed(request):
                _save_failure_evidence(request, browser_context, daphne_server)
            browser_context.close()
            browser.close()


def _save_failure_evidence(
    request: pytest.FixtureRequest, browser_context: BrowserContext, server: DaphneServer
) -> None:
    RESULTS_DIR.mkdir(exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
    for number, page in enumerate(browser_context.pages):
        try:
            page.screenshot(path=str(RESULTS_DIR / f"{name}-{number}.png"), full_page=True)
        except Exception as error:  # the evidence must never hide the failure
            print(f"Could not take a screenshot of {page.url}: {error}")
    print(f"Screenshots in {RESULTS_DIR}. Server log ({server.log_path}):\n{server.log_tail()}")


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
