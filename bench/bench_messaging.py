"""Benchmark of messaging through daphne: 200 websockets on loopback, full path against echo.

    .venv/bin/python bench/bench_messaging.py [--clients 200] [--rates 100,250,500]
        [--duration 8] [--max-duration 8] [--window 1] [--only full|echo|full-concurrent]
        [--experiment] [--redis-url URL]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/...

Creates a fresh database (a temporary SQLite file; with ``DATABASE_URL`` set to PostgreSQL, a
new database next to the one named there, dropped at the end), migrates it in a separate
process, creates ``--clients`` adult members in pairs, connected, each pair with a direct
conversation made by ``network.messaging.do_start_direct_conversation``, and one logged-in
session row per member. Then, for each server in turn (one daphne process each, started by
this script on a free port, with the Redis channel layer when ``REDIS_URL`` is set, which it is
by default):

- ``full``: ``acrojump.asgi:application``. Each socket connects to ``/ws/`` with its session
  cookie and an Origin that passes ``AllowedHostsOriginValidator``, and sends
  ``message.send`` frames to its conversation: authentication, checks, the database write
  and the fan-out through the layer, as in production.
- ``echo``: ``bench/echo_asgi.py``: the same frames are answered ``message.ack`` and relayed
  as ``message.new`` to the partner's ``user.<id>`` group through the same channel layer, with
  no authentication, no check and no database.
- ``full-concurrent`` (``--experiment`` only): ``bench/experiment_asgi.py``, the real app with
  the consumer's database calls taken off the one shared thread, to measure that change.

Load: all sockets open at once; frames go round-robin over the sockets at a paced aggregate
rate for each step of ``--rates`` (open loop, latency measured from the moment the frame was
written), then a closed-loop step at maximum throughput: every socket keeps ``--window``
messages in flight and sends the next one when the partner received one. Latency is from the
sender writing the frame to the partner's socket receiving ``message.new`` with the same
``client_id``. Missing = sent and not received by the partner when the step ends: nothing
arrived for ``--drain`` seconds (lost), or a saturated server still had a backlog after
``--drain-cap`` seconds (late); duplicated = received twice by the partner. When a paced step
saturates the server (more than 1 % missing or under 90 % of the rate delivered), the higher
rates are skipped and the script waits for the backlog to clear before the max step.

The client runs in a child process that never imports Django (asyncio, autobahn's websocket
client, since the ``websockets`` package is not installed; once Django is set up, txaio is
bound to Twisted and autobahn's asyncio client refuses to load), on the same machine as
daphne, Redis and the database, so at maximum throughput the client takes its share of the
CPU: the CPU columns say how busy daphne and the client were, and ``cpu ms`` is daphne's CPU
time per message it handled. A benchmark prints its figures and never fails on them.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DAPHNE = ROOT / ".venv" / "bin" / "daphne"
DEFAULT_REDIS = "redis://127.0.0.1:6379/1"
TEXT = "Salut ! Tu es dispo demain à 14 h pour l'atelier CV à la Mission Locale ? "
CLK_TCK = os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200, help="websockets (an even number)")
    parser.add_argument("--rates", default="100,250,500", help="paced steps, messages/s")
    parser.add_argument("--duration", type=float, default=8.0, help="seconds per paced step")
    parser.add_argument("--max-duration", type=float, default=8.0, help="0 skips the max step")
    parser.add_argument("--window", type=int, default=1, help="in flight per socket, max step")
    parser.add_argument(
        "--drain",
        type=float,
        default=3.0,
        help="missing after this many seconds without a delivery",
    )
    parser.add_argument(
        "--drain-cap", type=float, default=30.0, help="longest wait for a backlog after a step"
    )
    parser.add_argument(
        "--only", choices=["full", "echo", "full-concurrent"], help="measure one server only"
    )
    parser.add_argument(
        "--experiment",
        action="store_true",
        help="also measure bench/experiment_asgi.py (database calls off the shared thread)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("REDIS_URL", DEFAULT_REDIS),
        help="channel layer; empty for the in-memory layer (one daphne process is enough)",
    )
    parser.add_argument("--load-worker", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.load_worker:
        load_worker(arguments.load_worker, arguments)
        return
    if arguments.clients < 2 or arguments.clients % 2:
        sys.exit("--clients must be an even number >= 2")
    print_machine()
    with fresh_database(os.environ.get("DATABASE_URL", "")) as url:
        os.environ.update(
            DATABASE_URL=url,
            REDIS_URL=arguments.redis_url,
            DJANGO_SETTINGS_MODULE="acrojump.settings.dev",
            # DEBUG keeps every query in memory and adds the debug machinery: not production.
            DEBUG="0",
        )
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, check=True
        )
        print(f"migrate (separate process): {time.perf_counter() - started:.1f} s")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.db import connection

        print(
            f"database: {connection.vendor} {server_version()}; channel layer: "
            f"{arguments.redis_url or 'in-memory'}"
        )
        started = time.perf_counter()
        members, full_ready = seed(arguments.clients)
        print(
            f"seed: {arguments.clients} members, {arguments.clients // 2} conversations, "
            f"sessions, in {time.perf_counter() - started:.1f} s"
        )
        connection.close()
        servers = [("echo", "bench.echo_asgi:application")]
        if full_ready:
            servers.append(("full", "acrojump.asgi:application"))
            if arguments.experiment or arguments.only == "full-concurrent":
                servers.append(("full-concurrent", "bench.experiment_asgi:application"))
        else:
            print(
                "\nFULL PATH SKIPPED: network.messaging.do_start_direct_conversation or the "
                "message.send frame in network/consumers.py is missing."
            )
        if arguments.only:
            servers = [server for server in servers if server[0] == arguments.only]
        results: dict[str, list[StepResult]] = {}
        for name, app in servers:
            with daphne(app) as (port, process):
                print(f"\n{name}: daphne {app} on 127.0.0.1:{port} (pid {process.pid})")
                results[name] = run_load_process(name, port, process.pid, members, arguments)
        stored_by = [rows for server, rows in results.items() if server != "echo"]
        if stored_by:
            report_stored([row for rows in stored_by for row in rows])
        print_summary(results)
        print(f"load average after: {', '.join(f'{value:.2f}' for value in os.getloadavg())}")


# --- machine, database, daphne ---------------------------------------------------------------


def print_machine() -> None:
    memory_kb = next(
        int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal:")
    )
    model = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if "model name" in line),
        platform.processor(),
    )
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores ({model}), {memory_kb / 1024**2:.1f} GiB RAM")
    print(f"python {platform.python_version()}, load average before: {load}")


def server_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "select sqlite_version()" if connection.vendor == "sqlite" else "show server_version"
        )
        return cursor.fetchone()[0]


@contextlib.contextmanager
def fresh_database(url: str) -> Iterator[str]:
    if not url or url.startswith("sqlite"):
        with tempfile.TemporaryDirectory(prefix="bench-messaging-") as scratch:
            yield f"sqlite:///{scratch}/bench.sqlite3"
        return
    import psycopg

    parts = urlsplit(url)
    name = f"bench_acrojump_messaging_{os.getpid()}"
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def daphne(app: str) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    port = free_port()
    with tempfile.NamedTemporaryFile(prefix="bench-daphne-", suffix=".log") as log:
        process = subprocess.Popen(
            [
                str(DAPHNE),
                "-b",
                "127.0.0.1",
                "-p",
                str(port),
                "-v",
                "1",
                # The default 5 s is too short to open 200 sockets at once on a busy machine.
                "--websocket_connect_timeout",
                "60",
                app,
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port)):
                    break
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"daphne did not start:\n{Path(log.name).read_text()}")
                time.sleep(0.2)
            yield port, process
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
            report_daphne_errors(Path(log.name).read_text(errors="replace"))


def report_daphne_errors(log: str) -> None:
    """Print the exceptions daphne logged, by type (the cancellations of shutdown aside)."""
    counts: dict[str, int] = {}
    for line in log.splitlines():
        match = re.match(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit))\b:?(.*)", line)
        if match and not match.group(1).endswith("CancelledError"):
            key = f"{match.group(1)}:{match.group(2)[:120]}"
            counts[key] = counts.get(key, 0) + 1
    for key, count in sorted(counts.items(), key=lambda item: -item[1])[:5]:
        print(f"  daphne logged {count} x {key}")


def run_load_process(
    server: str, port: int, pid: int, members: list[Member], arguments: argparse.Namespace
) -> list[StepResult]:
    """Drive the sockets from a child process that never imports Django.

    Django's set-up imports daphne, which selects Twisted for txaio, and autobahn's asyncio
    client then refuses to load; a separate process also keeps the client's event loop free of
    anything left over from the seeding.
    """
    with tempfile.TemporaryDirectory(prefix="bench-load-") as scratch:
        job = Path(scratch) / "job.json"
        job.write_text(
            json.dumps(
                {
                    "server": server,
                    "port": port,
                    "pid": pid,
                    "members": [asdict(member) for member in members],
                }
            )
        )
        subprocess.run(
            [sys.executable, __file__, *sys.argv[1:], "--load-worker", str(job)], check=True
        )
        return [StepResult(**row) for row in json.loads((Path(scratch) / "out.json").read_text())]


def load_worker(job_path: Path, arguments: argparse.Namespace) -> None:
    job = json.loads(job_path.read_text())
    members = [Member(**member) for member in job["members"]]
    rates = [int(rate) for rate in arguments.rates.split(",") if rate.strip()]
    results = asyncio.run(
        run_server(job["server"], job["port"], job["pid"], members, rates, arguments)
    )
    (job_path.parent / "out.json").write_text(json.dumps([asdict(row) for row in results]))


def process_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


# --- seed ------------------------------------------------------------------------------------


@dataclass
class Member:
    user_id: int
    partner_id: int
    conversation_id: int
    session_key: str


def seed(count: int) -> tuple[list[Member], bool]:
    """Adult members in connected pairs, a direct conversation per pair, a session each."""
    import datetime
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from network.models import Connection, Role, User

    long_ago = timezone.now() - datetime.timedelta(days=90)  # not a rate-limited new account
    password = make_password(None)
    User.objects.bulk_create(
        User(
            email=f"bench-{index}@example.org",
            first_name=f"Membre{index}",
            role=Role.YOUTH,
            date_of_birth=datetime.date(2000, 1, 1),
            date_joined=long_ago,
            password=password,
        )
        for index in range(count)
    )
    users = list(User.objects.order_by("pk"))
    Connection.objects.bulk_create(
        Connection(
            requester=users[index],
            addressee=users[index + 1],
            status=Connection.Status.ACCEPTED,
            responded_at=long_ago,
        )
        for index in range(0, count, 2)
    )
    full_ready = messaging_ready()
    conversations: list[int] = []
    for index in range(0, count, 2):
        if full_ready:
            from network.messaging import do_start_direct_conversation

            started = do_start_direct_conversation(users[index], users[index + 1])
            conversation = started[0] if isinstance(started, tuple) else started
            conversations.append(conversation.pk)
        else:
            conversations.append(index // 2 + 1)
    engine = import_module(settings.SESSION_ENGINE)
    members = []
    for index, user in enumerate(users):
        session = engine.SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        partner = users[index + 1] if index % 2 == 0 else users[index - 1]
        members.append(Member(user.pk, partner.pk, conversations[index // 2], session.session_key))
    return members, full_ready


def messaging_ready() -> bool:
    consumers = (ROOT / "network" / "consumers.py").read_text()
    if "message.send" not in consumers and "CLIENT_MESSAGE_SEND" not in consumers:
        return False
    try:
        from network.messaging import (  # noqa: F401
            check_send_message,
            do_start_direct_conversation,
        )
    except ImportError:
        return False
    return True


# --- load ------------------------------------------------------------------------------------


@dataclass
class Step:
    """What one step sent and received; filled by the sockets' callbacks."""

    name: str
    sent_at: dict[str, float] = field(default_factory=dict)
    sender_of: dict[str, int] = field(default_factory=dict)
    delivered_at: dict[str, float] = field(default_factory=dict)
    acked_at: dict[str, float] = field(default_factory=dict)
    duplicates: int = 0
    own_echoes: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    #: Closed loop: a delivery makes its sender send the next message.
    refill: bool = False


@dataclass
class StepResult:
    server: str
    step: str
    sent: int
    delivered: int
    missing: int
    duplicates: int
    errors: dict[str, int]
    elapsed: float
    rate: float
    p50: float
    p99: float
    maximum: float
    ack_p50: float
    ack_p99: float
    daphne_cpu: float
    #: CPU time of the daphne process per message it handled (acknowledged) during the step:
    #: the figure the machine's load changes least (wall-clock ones depend on what else runs).
    daphne_ms_per_message: float
    client_cpu: float
    own_echoes: int


class Client:
    """One websocket: one member's tab."""

    def __init__(self, index: int, member: Member, mode: str) -> None:
        self.index = index
        self.member = member
        self.mode = mode
        self.protocol: Any = None
        self.opened: asyncio.Future[None] | None = None
        self.closed_code: int | None = None
        self.sequence = 0
        self.step: Step | None = None
        self.peers: list[Client] = []
        self.running = False
        self.last_frame_at = 0.0

    def send_one(self) -> None:
        step = self.step
        assert step is not None
        self.sequence += 1
        # Unique per server too: the full path answers a repeated client_id with the stored
        # message and pushes nothing (idempotent retries), which would look like a loss.
        client_id = f"{self.mode}-{step.name}-{self.index}-{self.sequence}"
        frame: dict[str, Any] = {
            "type": "message.send",
            "conversation_id": self.member.conversation_id,
            "client_id": client_id,
            "text": f"{TEXT}#{self.sequence}",
        }
        if self.mode == "echo":
            frame["to"] = self.member.partner_id
        step.sender_of[client_id] = self.index
        step.sent_at[client_id] = time.perf_counter()
        self.protocol.sendMessage(json.dumps(frame).encode())

    def on_frame(self, payload: bytes) -> None:
        now = self.last_frame_at = time.perf_counter()
        step = self.step
        if step is None:
            return
        event = json.loads(payload)
        kind = event.get("type")
        if kind == "message.new":
            client_id = (event.get("message") or {}).get("client_id")
            sender = step.sender_of.get(client_id)
            if sender is None:
                return
            if sender == self.index or self.peers[sender].member.user_id == self.member.user_id:
                step.own_echoes += 1  # the sender's own tabs get message.new too
                return
            if client_id in step.delivered_at:
                step.duplicates += 1
                return
            step.delivered_at[client_id] = now
            if step.refill and self.running:
                self.peers[sender].send_one()
        elif kind == "message.ack":
            step.acked_at.setdefault(event.get("client_id"), now)
        elif kind == "error":
            code = str(event.get("code"))
            step.errors[code] = step.errors.get(code, 0) + 1


async def open_clients(port: int, members: list[Member], mode: str) -> list[Client]:
    from autobahn.asyncio.websocket import WebSocketClientFactory, WebSocketClientProtocol

    class Protocol(WebSocketClientProtocol):
        client: Client

        def onOpen(self) -> None:  # noqa: N802 (autobahn's names)
            if self.client.opened and not self.client.opened.done():
                self.client.opened.set_result(None)

        def onMessage(self, payload: bytes, isBinary: bool) -> None:  # noqa: N802, N803
            self.client.on_frame(payload)

        def onClose(self, wasClean: bool, code: int | None, reason: str | None) -> None:  # noqa: N802, N803
            self.client.closed_code = code
            if self.client.opened and not self.client.opened.done():
                self.client.opened.set_exception(ConnectionError(f"closed: {code} {reason}"))

    loop = asyncio.get_running_loop()
    clients = [Client(index, member, mode) for index, member in enumerate(members)]

    async def connect(client: Client) -> None:
        query = f"?user={client.member.user_id}" if mode == "echo" else ""
        factory = WebSocketClientFactory(
            f"ws://127.0.0.1:{port}/ws/{query}",
            origin=f"http://127.0.0.1:{port}",
            headers={"Cookie": f"sessionid={client.member.session_key}"},
        )
        # Generous handshake timeouts: opening 200 sockets at once on a busy machine takes
        # seconds (each one reads its session), and the opening time is printed anyway.
        factory.setProtocolOptions(
            utf8validateIncoming=False,
            autoPingInterval=0,
            openHandshakeTimeout=60,
            closeHandshakeTimeout=30,
        )

        def build() -> Protocol:
            protocol = Protocol()
            protocol.factory = factory
            protocol.client = client
            client.protocol = protocol
            return protocol

        client.opened = loop.create_future()
        await loop.create_connection(build, "127.0.0.1", port)
        await asyncio.wait_for(client.opened, timeout=30)

    started = time.perf_counter()
    outcomes = await asyncio.gather(
        *(connect(client) for client in clients), return_exceptions=True
    )
    failures = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    print(
        f"  {len(clients) - len(failures)}/{len(clients)} sockets open in "
        f"{time.perf_counter() - started:.2f} s"
        + (f"; failures: {failures[:3]}" if failures else "")
    )
    if failures:
        raise RuntimeError("some websockets did not open")
    for client in clients:
        client.peers = clients
    return clients


async def run_server(
    server: str, port: int, pid: int, members: list[Member], rates: list[int], arguments: Any
) -> list[StepResult]:
    clients = await open_clients(port, members, server)
    warm_up = await run_step(
        server, "warm-up", clients, pid, rate=50, duration=1.0, arguments=arguments
    )
    results = [warm_up]
    for rate in rates:
        result = await run_step(
            server,
            f"{rate}/s",
            clients,
            pid,
            rate=rate,
            duration=arguments.duration,
            arguments=arguments,
        )
        results.append(result)
        if result.missing > result.sent * 0.01 or result.rate < rate * 0.9:
            # A higher rate would only pile up more backlog and spill into the next steps.
            skipped = [f"{higher}/s" for higher in rates if higher > rate]
            if skipped:
                print(f"  saturated at {rate}/s: skipping {', '.join(skipped)}")
            break
    await wait_for_quiet(clients, arguments.drain_cap * 2)
    if arguments.max_duration > 0:
        results.append(
            await run_step(
                server,
                "max",
                clients,
                pid,
                rate=0,
                duration=arguments.max_duration,
                arguments=arguments,
            )
        )
    for client in clients:
        client.protocol.sendClose(1000)
    deadline = time.perf_counter() + 30
    while any(client.closed_code is None for client in clients) and time.perf_counter() < deadline:
        await asyncio.sleep(0.1)
    return results


async def wait_for_quiet(clients: list[Client], cap: float) -> None:
    """Let a saturated server finish its backlog (no frame for 2 s), at most ``cap`` s."""
    started = time.perf_counter()
    while time.perf_counter() - started < cap:
        last = max(client.last_frame_at for client in clients)
        if time.perf_counter() - last > 2.0:
            return
        await asyncio.sleep(0.1)
    print(f"  server still busy after {cap:.0f} s: the next step starts with a backlog")


async def run_step(
    server: str,
    name: str,
    clients: list[Client],
    pid: int,
    *,
    rate: int,
    duration: float,
    arguments: Any,
) -> StepResult:
    step = Step(name=name.replace("/", ""), refill=rate == 0)
    for client in clients:
        client.step = step
        client.running = True
    cpu_daphne = process_cpu_seconds(pid)
    cpu_client = time.process_time()
    start = time.perf_counter()
    if rate:
        # Open loop: frames are due at start + i / rate, whatever the server does.
        total = int(rate * duration)
        sent = 0
        while sent < total:
            due = min(total, int((time.perf_counter() - start) * rate) + 1)
            while sent < due:
                clients[sent % len(clients)].send_one()
                sent += 1
            await asyncio.sleep(max(0.0, start + sent / rate - time.perf_counter()))
    else:
        # Closed loop: each socket keeps ``window`` messages in flight (refilled on delivery).
        for _ in range(arguments.window):
            for client in clients:
                client.send_one()
        await asyncio.sleep(duration)
        for client in clients:
            client.running = False
    send_end = time.perf_counter()
    # Wait for the stragglers: until everything arrived, or nothing arrived for ``drain``
    # seconds (missing), or a saturated server still has a backlog after ``drain_cap`` seconds.
    # Waiting for the backlog keeps it from spilling over into the next step.
    drain_cap = send_end + arguments.drain_cap
    last_count, last_progress = -1, send_end
    while len(step.delivered_at) < len(step.sent_at):
        now = time.perf_counter()
        if len(step.delivered_at) != last_count:
            last_count, last_progress = len(step.delivered_at), now
        if now - last_progress > arguments.drain or now > drain_cap:
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.2)  # late duplicates
    for client in clients:
        client.step = None
    cpu_daphne = process_cpu_seconds(pid) - cpu_daphne
    cpu_client = time.process_time() - cpu_client
    latencies = sorted(
        (step.delivered_at[key] - step.sent_at[key]) * 1000 for key in step.delivered_at
    )
    acks = sorted(
        (step.acked_at[key] - step.sent_at[key]) * 1000
        for key in step.acked_at
        if key in step.sent_at
    )
    last = max(step.delivered_at.values(), default=send_end)
    elapsed = max(last, send_end) - start
    result = StepResult(
        server=server,
        step=name,
        sent=len(step.sent_at),
        delivered=len(step.delivered_at),
        missing=len(step.sent_at) - len(step.delivered_at),
        duplicates=step.duplicates,
        errors=step.errors,
        elapsed=elapsed,
        rate=len(step.delivered_at) / elapsed if elapsed else 0.0,
        p50=percentile(latencies, 50),
        p99=percentile(latencies, 99),
        maximum=latencies[-1] if latencies else float("nan"),
        ack_p50=percentile(acks, 50),
        ack_p99=percentile(acks, 99),
        daphne_cpu=cpu_daphne / elapsed * 100 if elapsed else 0.0,
        daphne_ms_per_message=cpu_daphne * 1000 / len(step.acked_at) if step.acked_at else 0.0,
        client_cpu=cpu_client / elapsed * 100 if elapsed else 0.0,
        own_echoes=step.own_echoes,
    )
    if name != "warm-up":
        print(format_row(result))
    return result


def percentile(values: list[float], rank: float) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, max(0, round(rank / 100 * len(values) + 0.5) - 1))]


HEADER = (
    f"  {'server':15} {'step':>7} {'sent':>6} {'deliv.':>6} {'miss.':>5} {'dup':>4} "
    f"{'deliv/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'ack p50':>7} {'ack p99':>7} "
    f"{'daphne%':>7} {'cpu ms':>6} {'client%':>7} errors"
)


def format_row(result: StepResult) -> str:
    errors = ", ".join(f"{code}: {count}" for code, count in result.errors.items()) or "-"
    return (
        f"  {result.server:15} {result.step:>7} {result.sent:6d} {result.delivered:6d} "
        f"{result.missing:5d} {result.duplicates:4d} {result.rate:8.0f} {result.p50:7.1f} "
        f"{result.p99:7.1f} {result.maximum:7.1f} {result.ack_p50:7.1f} {result.ack_p99:7.1f} "
        f"{result.daphne_cpu:7.0f} {result.daphne_ms_per_message:6.1f} {result.client_cpu:7.0f} "
        f"{errors}"
    )


def report_stored(results: list[StepResult]) -> None:
    """The full path stores what it acknowledges: count the rows."""
    import django.db

    from network.models import Message

    django.db.connections.close_all()
    stored = Message.objects.count()
    distinct = Message.objects.values("sender_id", "client_id").distinct().count()
    print(
        f"\nfull path: {stored} messages in the database ({distinct} distinct client ids; "
        f"{sum(result.sent for result in results)} sent in the measured steps + warm-up)"
    )


def print_summary(results: dict[str, list[StepResult]]) -> None:
    print("\nsummary (latency: sender writes message.send -> partner receives message.new)")
    print(HEADER)
    for rows in results.values():
        for row in rows:
            if row.step != "warm-up":
                print(format_row(row))
    echo = {row.step: row for row in results.get("echo", [])}
    print()
    for server, rows in results.items():
        if server == "echo":
            continue
        full = {row.step: row for row in rows}
        if "max" in full and "max" in echo and echo["max"].rate:
            ratio = full["max"].rate / echo["max"].rate
            print(
                f"max throughput: {server} {full['max'].rate:.0f}/s, echo "
                f"{echo['max'].rate:.0f}/s, ratio {server}/echo {ratio:.2f} (aim >= 0.5)"
            )
        if "500/s" in full:
            row = full["500/s"]
            print(
                f"{server} at 500/s: p99 {row.p99:.1f} ms (aim < 100 ms), missing {row.missing}, "
                f"duplicated {row.duplicates}"
            )
        else:
            paced = [row for row in rows if row.step.endswith("/s")]
            if paced:
                print(
                    f"{server}: 500/s not run, saturated at {paced[-1].step} "
                    f"({paced[-1].rate:.0f}/s delivered, p99 {paced[-1].p99:.0f} ms)"
                )


if __name__ == "__main__":
    main()
