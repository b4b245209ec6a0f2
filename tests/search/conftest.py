"""Search tests run against both backends: the embedded database backend and a real server
that speaks the Elasticsearch 8 API.

The server is ``ELASTICSEARCH_URL`` when it is set; otherwise the session starts ``noida-db``
(a test dependency that bundles such a server) on a free loopback port and stops it at the
end. When neither can run, the Elasticsearch tests fail: they never pass without a server.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sysconfig
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator

import pytest

START_TIMEOUT = 60


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _stop(server: subprocess.Popen) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="session")
def elasticsearch_url() -> Iterator[str]:
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if url:
        yield url
        return
    executable = os.path.join(sysconfig.get_path("scripts"), "noida-db")
    if not os.path.exists(executable):
        executable = shutil.which("noida-db") or executable
    if not os.path.exists(executable):
        pytest.fail("noida-db is not installed (make install-test) and ELASTICSEARCH_URL is unset")
    port = _free_port()
    data_dir = tempfile.mkdtemp(prefix="acrojump-es-")
    log = open(os.path.join(data_dir, "server.log"), "wb")  # noqa: SIM115
    server = subprocess.Popen(
        [
            executable,
            "start",
            "--host",
            "127.0.0.1",
            "--only",
            "elasticsearch",
            "--elasticsearch-port",
            str(port),
            "--data-dir",
            data_dir,
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        # Its own process group: the launcher starts the server as a child, and stopping
        # the group stops both.
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while not _answers(url):
        if server.poll() is not None or time.monotonic() > deadline:
            _stop(server)
            log.close()
            output = open(os.path.join(data_dir, "server.log")).read()[-2000:]
            pytest.fail(f"noida-db did not start on {url}:\n{output}")
        time.sleep(0.2)
    try:
        yield url
    finally:
        _stop(server)
        log.close()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
def use_elasticsearch(settings, elasticsearch_url: str) -> Iterator[object]:
    """Elasticsearch as the search backend, with indices of this test only."""
    from search import service

    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:12]}"
    backend = service.elastic_backend()
    try:
        yield backend
    finally:
        try:
            backend.drop_all()
        except Exception:  # noqa: BLE001 - a test that stopped the server cleans nothing
            pass


@pytest.fixture(params=["database", "elasticsearch"])
def backend_name(request: pytest.FixtureRequest, settings, db: None) -> str:
    """Run the test once per backend."""
    if request.param == "elasticsearch":
        request.getfixturevalue("use_elasticsearch")
    else:
        settings.ELASTICSEARCH_URL = ""
    return request.param


@pytest.fixture
def make_youth(make_user: Callable[..., object]) -> Callable[..., object]:
    """A youth with a discoverable profile (through the real actions), skills and texts."""
    from network.models import DisplayMode, Visibility
    from skills.actions.common import do_add_profile_skills
    from skills.actions.profile import ProfileSettings, do_update_profile_settings
    from skills.models import ProfileSkill
    from tests.factories import starter_concept

    counter = iter(range(10_000))

    def make(
        first_name: str = "Inès",
        *,
        town: str = "Roubaix",
        age: int = 19,
        skills: dict[str, int] | None = None,
        discoverable: bool = True,
        visibility: str = Visibility.RECRUITERS,
        named: bool = False,
        headline: str = "",
        goals: str = "",
        languages: tuple[str, ...] = (),
        available_from=None,
        driving_licence: bool = False,
        mobility_km: int | None = None,
    ):
        user = make_user(
            f"{first_name.lower()}-{next(counter)}@example.org",
            first_name=first_name,
            town=town,
            age=age,
        )
        do_update_profile_settings(
            user,
            settings=ProfileSettings(
                headline=headline,
                goals=goals,
                available_from=available_from,
                mobility_km=mobility_km,
                languages=languages,
                driving_licence=driving_licence,
                visibility=visibility,
                discoverable=discoverable,
                display_mode=DisplayMode.NAMED if named else DisplayMode.ANONYMOUS,
            ),
        )
        skills = skills or {}
        if skills:
            concepts = [starter_concept(slug) for slug in skills]
            do_add_profile_skills(user, concepts=concepts)
            for slug, level in skills.items():
                ProfileSkill.objects.filter(youth=user, concept=starter_concept(slug)).update(
                    level=level
                )
        from search.service import index_profiles

        index_profiles([user.pk])
        return user

    return make
