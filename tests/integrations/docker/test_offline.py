"""Docker against loopback servers answering with responses recorded from Docker 20.10 (API 1.41).

The recording has ``web`` running and ``crashed`` exited with code 3. The engine is served over
TCP (``tcp://`` URL, as with ``dockerd -H tcp://...``) and, once, over a unix socket in the test's
temp dir, which is how most people reach it (``unix:///var/run/docker.sock``).
"""

from __future__ import annotations

import copy
import json
import socketserver
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from integrations.docker.integration import ClientCertTLS, engine_address
from integrations.errors import BadResponseError, ConfigError, UnreachableError
from integrations.models import Severity
from integrations.tls import TLSOptions, bundle_context, default_context
from launcher_tui.runtime import Runtime, Target
from tests.framework.servers import self_signed_cert
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Response
from tests.support.timeouts import REQUEST_TIMEOUT

FIXTURES = Path(__file__).parent / "fixtures"


def body(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text())["body"]


def tcp(loopback: LoopbackServer) -> str:
    return loopback.url.replace("http://", "tcp://")


def target(url: str, **config: Any) -> Target:
    return Target("d", "Docker", url, "docker", config=config, timeout=REQUEST_TIMEOUT)


def serve(loopback: LoopbackServer, containers: Any = None, web_stats: Any = None) -> None:
    loopback.json("GET", "/version", body("version"))
    loopback.json(
        "GET", "/containers/json", body("containers") if containers is None else containers
    )
    loopback.json("GET", "/containers/web/stats", web_stats or body("stats-web"))
    loopback.json("GET", "/containers/crashed/stats", body("stats-crashed"))
    loopback.route("GET", "/containers/nope/stats", Response(404, body("stats-missing")))


def with_state(state: str, status: str) -> list[dict[str, Any]]:
    """The recorded list with ``web`` in another state."""
    containers = copy.deepcopy(body("containers"))
    for c in containers:
        if c["Names"] == ["/web"]:
            c["State"], c["Status"] = state, status
    return containers


async def test_connection_over_tcp(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    outcome = await runtime.test_connection(target(tcp(loopback)))
    assert outcome.ok, outcome.error
    assert outcome.summary == "Docker 20.10.24+dfsg1 (API 1.41), 2 containers"


async def test_docker_host_overrides_the_app_url(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    serve(loopback)
    outcome = await runtime.test_connection(
        target("http://portainer.lan:9000", docker_host=loopback.url)
    )
    assert outcome.ok, outcome.error


async def test_container_counts(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    result = await fetch(runtime, target(tcp(loopback)), "containers")
    stats = {s.label: s for s in result.data.stats}
    assert (stats["Running"].value, stats["Stopped"].value, stats["Total"].value) == (1, 1, 2)
    assert stats["Stopped"].level is Severity.CRITICAL  # the stopped one crashed
    assert stats["Unhealthy"].value == 0
    assert loopback.requests_to("/containers/json")[-1].param("all") == "1"


async def test_container_list(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    data = (await fetch(runtime, target(tcp(loopback)), "container_list")).data
    assert [r.title for r in data.rows] == ["crashed", "web"]
    crashed, web = data.rows
    assert crashed.status == "exited" and crashed.level is Severity.CRITICAL
    assert crashed.detail.startswith("launcher-tui/sleeper:1 · Exited (3)")
    assert web.status == "running" and web.level is Severity.OK
    assert data.total == 2


async def test_health_shows_in_the_list_and_alerts(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    serve(loopback, containers=with_state("running", "Up 3 hours (unhealthy)"))
    tgt = target(tcp(loopback))
    web = (await fetch(runtime, tgt, "container_list")).data.rows[1]
    assert web.status == "running (unhealthy)" and web.level is Severity.WARNING
    alerts = {a.key: a for a in (await fetch(runtime, tgt, "alerts")).alerts}
    assert alerts["container:web"].severity is Severity.WARNING
    stats = {s.label: s.value for s in (await fetch(runtime, tgt, "containers")).data.stats}
    assert stats["Unhealthy"] == 1


async def test_crashed_container_raises_a_critical_alert(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    serve(loopback)
    result = await fetch(runtime, target(tcp(loopback)), "alerts")
    assert [a.key for a in result.alerts] == ["container:crashed"]
    alert = result.alerts[0]
    assert alert.severity is Severity.CRITICAL and "code 3" in alert.message
    assert alert.source == "Docker"
    assert result.data.severity is Severity.CRITICAL
    # the runtime's alert sweep finds the same one (option endpoints are skipped)
    assert [a.key for a in await runtime.alerts(target(tcp(loopback)))] == [alert.key]


@pytest.mark.parametrize(
    ("state", "status", "expected"),
    [
        ("exited", "Exited (0) 2 hours ago", None),
        ("exited", "Exited (143) 2 hours ago", Severity.WARNING),
        ("exited", "Exited (137) 5 minutes ago", Severity.WARNING),
        ("restarting", "Restarting (1) 3 seconds ago", Severity.CRITICAL),
        ("dead", "Dead", Severity.CRITICAL),
        ("paused", "Up 2 hours (Paused)", None),
        ("created", "Created", None),
    ],
)
async def test_alert_levels(
    loopback: LoopbackServer,
    runtime: Runtime,
    state: str,
    status: str,
    expected: Severity | None,
) -> None:
    serve(loopback, containers=with_state(state, status))
    alerts = {a.key: a for a in (await fetch(runtime, target(tcp(loopback)), "alerts")).alerts}
    web = alerts.get("container:web")
    assert (web.severity if web else None) is expected
    assert alerts["container:crashed"].severity is Severity.CRITICAL  # unchanged


def busy_stats() -> dict[str, Any]:
    """The recorded sample with 50 ms of CPU over 2 s of system time on 2 CPUs: 5 %."""
    stats = copy.deepcopy(body("stats-web"))
    stats["cpu_stats"]["cpu_usage"]["total_usage"] = (
        stats["precpu_stats"]["cpu_usage"]["total_usage"] + 50_000_000
    )
    stats["cpu_stats"]["system_cpu_usage"] = stats["precpu_stats"]["system_cpu_usage"] + 2 * 10**9
    stats["memory_stats"]["usage"] = 300 * 1024**2
    stats["memory_stats"]["stats"]["total_inactive_file"] = 44 * 1024**2
    stats["memory_stats"]["limit"] = 1024**3
    return stats


async def test_cpu_gauge_like_docker_stats(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback, web_stats=busy_stats())
    data = (
        await fetch(runtime, target(tcp(loopback)), "cpu", {"container": "web", "warning": 4})
    ).data
    assert data.value == pytest.approx(5.0)
    assert data.max == 200.0  # two CPUs, like `docker stats`
    assert data.level is Severity.WARNING
    assert loopback.requests_to("/containers/web/stats")[-1].param("stream") == "false"


async def test_memory_gauge_without_page_cache(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback, web_stats=busy_stats())
    data = (await fetch(runtime, target(tcp(loopback)), "memory", {"container": "web"})).data
    assert data.value == pytest.approx(25.0)  # (300 - 44) MiB of 1 GiB
    assert "256.0 MiB of 1.0 GiB" in data.label


async def test_usage_chart(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback, web_stats=busy_stats())
    data = (await fetch(runtime, target(tcp(loopback)), "usage", {"container": "web"})).data
    series = {s.name: s.points[0].v for s in data.series}
    assert series == {"CPU": pytest.approx(2.5), "Memory": pytest.approx(25.0)}


async def test_recorded_idle_sample(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    data = (await fetch(runtime, target(tcp(loopback)), "memory", {"container": "web"})).data
    assert 0 < data.value < 0.01  # 328 KiB of 23.5 GiB
    assert data.label == "web memory 328.0 KiB of 23.5 GiB"


async def test_stopped_container_reads_zero(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    data = (await fetch(runtime, target(tcp(loopback)), "cpu", {"container": "crashed"})).data
    assert data.value == 0 and data.label == "crashed (not running)"


async def test_unknown_container_is_a_config_error(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    serve(loopback)
    with pytest.raises(ConfigError) as err:
        await fetch(runtime, target(tcp(loopback)), "cpu", {"container": "nope"})
    assert "nope" in err.value.message


async def test_container_option_is_required(runtime: Runtime) -> None:
    with pytest.raises(ConfigError):
        await fetch(runtime, target("tcp://127.0.0.1:1"), "memory", {})


@pytest.mark.parametrize(
    "answer",
    [
        Response(200, "<!DOCTYPE html><html>Portainer</html>", {"Content-Type": "text/html"}),
        Response(200, {"containers": []}),
        Response(200, [{"Id": "x"}]),
    ],
    ids=["html", "object", "list-of-other"],
)
async def test_wrong_shape(loopback: LoopbackServer, runtime: Runtime, answer: Response) -> None:
    loopback.route("GET", "/containers/json", answer)
    with pytest.raises(BadResponseError) as err:
        await fetch(runtime, target(tcp(loopback)), "containers")
    assert "docker" in str(err.value)


async def test_unreachable(runtime: Runtime) -> None:
    with LoopbackServer() as gone:
        url = gone.url
    outcome = await runtime.test_connection(target(url.replace("http://", "tcp://")))
    assert isinstance(outcome.error, UnreachableError)


async def test_missing_socket_is_unreachable(runtime: Runtime, tmp_path: Path) -> None:
    outcome = await runtime.test_connection(target(f"unix://{tmp_path}/docker.sock"))
    assert isinstance(outcome.error, UnreachableError)


def test_engine_addresses() -> None:
    assert engine_address("unix:///var/run/docker.sock", tls=False) == (
        "http://docker",
        "/var/run/docker.sock",
    )
    assert engine_address("tcp://nas:2375", tls=False) == ("http://nas:2375", None)
    assert engine_address("tcp://nas:2376", tls=True) == ("https://nas:2376", None)
    assert engine_address("https://nas:2376/", tls=False) == ("https://nas:2376", None)
    with pytest.raises(ConfigError):
        engine_address("ssh://nas", tls=False)


async def test_bad_docker_host_is_a_config_error(runtime: Runtime) -> None:
    outcome = await runtime.test_connection(target("http://x", docker_host="ssh://user@nas"))
    assert isinstance(outcome.error, ConfigError) and "docker_host" in outcome.error.message


async def test_unreadable_client_certificate(runtime: Runtime, tmp_path: Path) -> None:
    outcome = await runtime.test_connection(
        target("tcp://127.0.0.1:2376", tls_cert=str(tmp_path / "cert.pem"))
    )
    assert isinstance(outcome.error, ConfigError) and "cert.pem" in outcome.error.message


# -- the same API over a unix socket -----------------------------------------------------------


class _UnixHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    routes: dict[str, Any] = {}

    def log_message(self, *args: Any) -> None:
        pass

    def address_string(self) -> str:
        return "unix"

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        status, payload = (200, self.routes[path]) if path in self.routes else (404, {})
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def docker_socket(tmp_path: Path) -> Iterator[Path]:
    """A tiny HTTP server on a unix socket, answering like the engine."""
    path = tmp_path / "docker.sock"

    class Handler(_UnixHandler):
        routes = {"/version": body("version"), "/containers/json": body("containers")}

    server = socketserver.ThreadingUnixStreamServer(str(path), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield path
    server.shutdown()
    server.server_close()


async def test_over_a_unix_socket(docker_socket: Path, runtime: Runtime) -> None:
    tgt = target(f"unix://{docker_socket}")
    outcome = await runtime.test_connection(tgt)
    assert outcome.ok, outcome.error
    assert outcome.summary.startswith("Docker 20.10")
    rows = (await fetch(runtime, tgt, "container_list")).data.rows
    assert [r.title for r in rows] == ["crashed", "web"]


async def test_podman_stopped_container_empty_stats(
    loopback: LoopbackServer, runtime: Runtime
) -> None:
    # podman's compat API answers a stopped container's stats with 200 and an empty body
    serve(loopback)
    loopback.route("GET", "/containers/crashed/stats", Response(200, b""))
    for endpoint in ("cpu", "memory"):
        data = (
            await fetch(runtime, target(tcp(loopback)), endpoint, {"container": "crashed"})
        ).data
        assert data.value == 0 and data.label == "crashed (not running)"
    usage = (await fetch(runtime, target(tcp(loopback)), "usage", {"container": "crashed"})).data
    assert [s.points[-1].v for s in usage.series] == [0.0, 0.0]


async def test_podman_names_itself(loopback: LoopbackServer, runtime: Runtime) -> None:
    # /version as podman 4.3.1's compat API answers it (trimmed): its own version, Docker's API
    serve(loopback)
    podman = {"Platform": {"Name": "linux/amd64/debian-12"}, "Version": "4.3.1", "ApiVersion": "1.41",
              "Components": [{"Name": "Podman Engine", "Version": "4.3.1"}, {"Name": "Conmon"}]}  # fmt: skip
    loopback.json("GET", "/version", podman)
    outcome = await runtime.test_connection(target(tcp(loopback)))
    assert outcome.summary == "Podman 4.3.1 (API 1.41), 2 containers", outcome.error
    loopback.json("GET", "/version", {**podman, "Components": "not a list"})
    outcome = await runtime.test_connection(target(tcp(loopback)))
    assert isinstance(outcome.error, BadResponseError)


def test_a_client_certificate_never_lands_in_a_shared_context(tmp_path: Path) -> None:
    """Docker's client certificate is that app's: other apps' TLS connections must not send it."""
    cert, key = self_signed_cert(tmp_path)
    shared = {id(default_context()), id(TLSOptions().httpx_verify())}
    mine = ClientCertTLS(cert=str(cert), key=str(key)).httpx_verify()
    other = ClientCertTLS(cert=str(cert), key=str(key)).httpx_verify()
    assert isinstance(mine, ssl.SSLContext) and id(mine) not in shared and mine is not other
    assert mine.verify_mode == ssl.CERT_REQUIRED and mine.check_hostname

    bundled = ClientCertTLS(ca_bundle=str(cert), cert=str(cert), key=str(key)).httpx_verify()
    assert isinstance(bundled, ssl.SSLContext) and bundled is not bundle_context(str(cert))
    assert bundled.get_ca_certs() == bundle_context(str(cert)).get_ca_certs()

    unverified = ClientCertTLS(verify=False, cert=str(cert), key=str(key)).httpx_verify()
    assert isinstance(unverified, ssl.SSLContext) and unverified.verify_mode == ssl.CERT_NONE
