"""Docker: the Engine API over the local unix socket, plain TCP or TLS with a client certificate.

Where the engine is: the config's ``docker_host`` or else the app URL, one of
``unix:///var/run/docker.sock`` (HTTP over the socket), ``tcp://host:2375`` (plain HTTP, or HTTPS
when TLS is on or a client certificate is given, as ``docker -H tcp://... --tlsverify`` does) and
``http(s)://host:port`` (e.g. a socket proxy). Nothing is sent but GETs.

Counts, the list and the alerts come from one ``/containers/json?all=1``: the list's status text
already carries health (``Up 2 hours (unhealthy)``) and the last exit code (``Exited (3) ...``),
so no per-container inspect is needed. A container that ended with a non-zero exit code raises an
alert (``container:<name>``): critical for a crash, a warning for exit codes that mean "killed by
SIGTERM/SIGKILL/SIGINT" (what ``docker stop`` or the OOM killer leave behind). ``Exited (0)`` is a
clean stop and raises nothing. CPU and memory of one container (named in the widget options) come
from ``/containers/{name}/stats?stream=false`` and are computed the way ``docker stats`` does.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from pydantic import Field, field_validator

from integrations.base import (
    Context,
    Endpoint,
    EndpointOptions,
    Integration,
    IntegrationConfig,
    parse_model,
)
from integrations.client import HttpClient, TLSOptions
from integrations.docker.api import Container, ContainerList, CpuStats, Stats, Version
from integrations.errors import ConfigError, ForbiddenError
from integrations.format import format_bytes
from integrations.models import (
    Alert,
    AlertData,
    ChartData,
    FetchResult,
    GaugeData,
    ListData,
    ListRow,
    RendererKind,
    Series,
    Severity,
    Stat,
    StatData,
    now_point,
)
from integrations.tls import new_context

ID = "docker"
SCHEMES = ("unix", "tcp", "http", "https")
#: 128 + signal: SIGINT, SIGKILL, SIGTERM - a stop from outside rather than a crash.
SIGNAL_EXITS = {130: "SIGINT", 137: "SIGKILL", 143: "SIGTERM"}
NOT_RUNNING = "0001-01-01T00:00:00Z"  # the zero time Docker reports for a container not running
_STATE_LEVEL = {
    "running": Severity.OK,
    "created": Severity.OK,
    "paused": Severity.INFO,
    "removing": Severity.INFO,
    "restarting": Severity.CRITICAL,
    "dead": Severity.CRITICAL,
}


class DockerConfig(IntegrationConfig):
    docker_host: str = Field(
        default="",
        title="Docker endpoint",
        description="unix:///var/run/docker.sock, tcp://host:2375, https://host:2376 or a socket "
        "proxy's http:// URL. Empty: the app URL.",
    )
    tls: bool = Field(
        default=False,
        title="TLS for tcp://",
        description="Talk HTTPS to a tcp:// endpoint (dockerd --tlsverify, usually port 2376). "
        "On by itself when a client certificate is given.",
    )
    tls_cert: str = Field(
        default="",
        title="Client certificate",
        description="Path of the PEM client certificate (cert.pem) for a TLS-protected engine.",
    )
    tls_key: str = Field(
        default="",
        title="Client key",
        description="Path of the PEM private key (key.pem) of the client certificate.",
    )

    @field_validator("docker_host")
    @classmethod
    def _known_scheme(cls, value: str) -> str:
        if value and urlsplit(value).scheme not in SCHEMES:
            raise ValueError("use unix:///path/docker.sock, tcp://host:port or http(s)://host:port")
        return value


class ContainerOptions(EndpointOptions):
    container: str = Field(
        min_length=1,
        title="Container",
        description="Container name (as in `docker ps`) or ID.",
    )


class GaugeOptions(ContainerOptions):
    warning: float | None = Field(
        default=None, title="Warning at", description="Percent at or above which it is a warning."
    )
    critical: float | None = Field(
        default=None, title="Critical at", description="Percent at or above which it is critical."
    )


@dataclass(frozen=True)
class ClientCertTLS(TLSOptions):
    """The app's TLS policy plus a client certificate (Docker's ``--tlsverify`` mode)."""

    cert: str = ""
    key: str = ""

    def httpx_verify(self, *, plain_http: bool = False) -> ssl.SSLContext | bool:
        base = super().httpx_verify(plain_http=plain_http and not self.cert)
        if not self.cert:
            return base
        # a context of its own: the shared ones would present this certificate (and use its
        # key) on every other app's TLS connection
        context = new_context(self.ca_bundle or None)
        if base is False:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        try:
            context.load_cert_chain(self.cert, self.key or None)
        except (OSError, ssl.SSLError) as exc:
            raise ConfigError(
                f"{ID}: cannot load the client certificate {self.cert}: {exc}",
                hint="Give the PEM files Docker's --tlsverify setup made (cert.pem, key.pem).",
                integration=ID,
            ) from exc
        return context


def engine_address(address: str, *, tls: bool) -> tuple[str, str | None]:
    """(base URL, unix socket path or None) for a Docker endpoint as people write it."""
    parts = urlsplit(address.strip())
    if parts.scheme == "unix":
        path = parts.path or parts.netloc
        if not path:
            raise ConfigError(f"{ID}: {address!r} names no socket path", integration=ID)
        return "http://docker", path
    if parts.scheme == "tcp":
        if not parts.netloc:
            raise ConfigError(f"{ID}: {address!r} names no host", integration=ID)
        return f"{'https' if tls else 'http'}://{parts.netloc}", None
    if parts.scheme in ("http", "https"):
        return address.strip().rstrip("/"), None
    raise ConfigError(
        f"{ID}: {address!r} is not a Docker endpoint",
        hint="Use unix:///var/run/docker.sock, tcp://host:2375 or https://host:2376.",
        integration=ID,
    )


def engine(ctx: Context) -> HttpClient:
    """The engine client of this app (created once; closed with the context)."""

    def make() -> HttpClient:
        config: DockerConfig = ctx.config
        use_tls = config.tls or bool(config.tls_cert)
        base, uds = engine_address(config.docker_host or ctx.url, tls=use_tls)
        tls = ClientCertTLS(
            verify=ctx.tls.verify,
            ca_bundle=ctx.tls.ca_bundle,
            cert=config.tls_cert,
            key=config.tls_key,
        )
        return ctx.make_http(base, uds=uds, tls=tls)

    return ctx.memo("engine", make)


PROXY_HINT = (
    "A socket proxy (e.g. docker-socket-proxy) in front of Docker forbids this API section: "
    "allow it there (CONTAINERS=1 for the container list and stats)."
)


async def list_containers(ctx: Context) -> list[Container]:
    try:
        body = await engine(ctx).get_json(
            "/containers/json", params={"all": "1"}, what="the container list"
        )
    except ForbiddenError as exc:
        exc.hint = PROXY_HINT  # Docker has no credentials: a 401/403 is a proxy's rule
        raise
    return parse_model(ContainerList, body, integration=ID, what="/containers/json").root


async def container_stats(ctx: Context, name: str) -> Stats:
    """One stats sample pair; an unknown container is the widget's configuration problem."""
    client = engine(ctx)
    response = await client.request(
        "GET", f"/containers/{name}/stats", params={"stream": "false"}, ok_statuses=(404,)
    )
    if response.status_code == 404:
        raise ConfigError(
            f"{ID}: no container named {name!r}",
            hint="Check the container name in the widget options (`docker ps -a`).",
            integration=ID,
        )
    if not response.content.strip():
        # podman (4.3) answers a stopped container's stats with 200 and no body; Docker with zeros
        return Stats(read=NOT_RUNNING, cpu_stats=CpuStats())
    return parse_model(Stats, response.json("container stats"), integration=ID, what="stats")


def container_problem(container: Container) -> tuple[Severity, str] | None:
    """What is wrong with a container, if anything, and how bad it is."""
    name, code = container.name, container.exit_code
    if container.state == "exited" and code:
        if code in SIGNAL_EXITS:
            return (
                Severity.WARNING,
                f"Container {name} was stopped by {SIGNAL_EXITS[code]} (exit code {code})",
            )
        return Severity.CRITICAL, f"Container {name} exited with code {code}"
    if container.state == "restarting":
        detail = f" (last exit code {code})" if code is not None else ""
        return Severity.CRITICAL, f"Container {name} keeps restarting{detail}"
    if container.state == "dead":
        return Severity.CRITICAL, f"Container {name} is dead (the engine could not remove it)"
    if container.health == "unhealthy":
        return Severity.WARNING, f"Container {name} is unhealthy"
    return None


def container_level(container: Container) -> Severity:
    problem = container_problem(container)
    if problem:
        return problem[0]
    return _STATE_LEVEL.get(container.state, Severity.OK)


def _gauge(label: str, value: float, top: float, options: GaugeOptions) -> GaugeData:
    return GaugeData(
        label=label,
        value=value,
        max=top,
        warning=options.warning,
        critical=options.critical,
    )


class Docker(Integration):
    id = ID
    name = "Docker"
    icon = "🐳"
    category = "Infrastructure"
    description = "Containers running and stopped, their health, crashes, CPU and memory."
    docs_url = "https://docs.docker.com/engine/api/"
    needs_url = True
    config_model = DockerConfig
    endpoints = (
        Endpoint("containers", "Containers", RendererKind.STAT, ttl=15, refresh=15,
                 description="Running, stopped, unhealthy and total containers."),
        Endpoint("container_list", "Container list", RendererKind.LIST, ttl=15, refresh=15,
                 description="Every container: name, image, state, status text and health."),
        Endpoint("alerts", "Container alerts", RendererKind.ALERT, ttl=15, refresh=15,
                 description="Containers that crashed (non-zero exit), restart in a loop, "
                 "are dead or unhealthy."),
        Endpoint("cpu", "Container CPU", RendererKind.GAUGE, ttl=10, refresh=10,
                 description="CPU use of one container as docker stats shows it.",
                 options_model=GaugeOptions),
        Endpoint("memory", "Container memory", RendererKind.GAUGE, ttl=10, refresh=10,
                 description="Memory use of one container against its limit.",
                 options_model=GaugeOptions),
        Endpoint("usage", "Container usage", RendererKind.CHART, ttl=10, refresh=10,
                 description="CPU (share of the whole host) and memory percent of one container over time.",
                 options_model=ContainerOptions),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        body = await engine(ctx).get_json("/version", what="the engine version")
        version = parse_model(Version, body, integration=ID, what="/version")
        # every endpoint reads the container list: a socket proxy may pass /version and forbid
        # /containers, so a test that stops at /version says OK while every card fails
        containers = await list_containers(ctx)
        return f"{version.engine} {version.version} (API {version.api_version}), {len(containers)} containers"

    async def fetch_containers(self, ctx: Context, options: None) -> StatData:
        containers = await list_containers(ctx)
        running = sum(c.state == "running" for c in containers)
        unhealthy = sum(c.health == "unhealthy" for c in containers)
        crashed = sum(container_level(c) is Severity.CRITICAL for c in containers)
        return StatData(
            stats=[
                Stat(label="Running", value=running),
                Stat(
                    label="Stopped",
                    value=len(containers) - running,
                    level=Severity.CRITICAL if crashed else Severity.OK,
                ),
                Stat(
                    label="Unhealthy",
                    value=unhealthy,
                    level=Severity.WARNING if unhealthy else Severity.OK,
                ),
                Stat(label="Total", value=len(containers)),
            ]
        )

    async def fetch_container_list(self, ctx: Context, options: None) -> ListData:
        containers = sorted(await list_containers(ctx), key=lambda c: c.name)
        rows = []
        for c in containers:
            state = f"{c.state} ({c.health})" if c.health else c.state
            rows.append(
                ListRow(
                    title=c.name,
                    detail=f"{c.image} · {c.status}" if c.status else c.image,
                    status=state,
                    level=container_level(c),
                )
            )
        return ListData(rows=rows, total=len(rows), empty_text="No containers")

    async def fetch_alerts(self, ctx: Context, options: None) -> FetchResult:
        alerts = []
        for container in sorted(await list_containers(ctx), key=lambda c: c.name):
            problem = container_problem(container)
            if problem:
                alerts.append(
                    Alert(
                        severity=problem[0], message=problem[1], key=f"container:{container.name}"
                    )
                )
        return FetchResult(
            data=AlertData(alerts=alerts, ok_text="All containers fine"), alerts=alerts
        )

    async def fetch_cpu(self, ctx: Context, options: GaugeOptions) -> GaugeData:
        stats = await container_stats(ctx, options.container)
        label = (
            f"{options.container} CPU" if stats.running else f"{options.container} (not running)"
        )
        return _gauge(label, stats.cpu_percent(), 100.0 * stats.cpus, options)

    async def fetch_memory(self, ctx: Context, options: GaugeOptions) -> GaugeData:
        stats = await container_stats(ctx, options.container)
        if not stats.running:
            return _gauge(f"{options.container} (not running)", 0.0, 100.0, options)
        used, limit = stats.memory_used(), stats.memory_stats.limit or 0
        label = f"{options.container} memory {format_bytes(used)} of {format_bytes(limit)}"
        return _gauge(label, stats.memory_percent(), 100.0, options)

    async def fetch_usage(self, ctx: Context, options: ContainerOptions) -> ChartData:
        stats = await container_stats(ctx, options.container)
        cpu = stats.cpu_percent() / stats.cpus  # share of the whole host, to fit 0..100
        return ChartData(
            series=[
                Series(name="CPU", points=[now_point(round(cpu, 2))]),
                Series(name="Memory", points=[now_point(round(stats.memory_percent(), 2))]),
            ],
            unit="%",
            y_min=0.0,
            y_max=100.0,
        )


INTEGRATION = Docker()
