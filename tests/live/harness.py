"""Shared harness for tests that run against real services on 127.0.0.1.

Why this exists: integration tests must hit the real thing (Transmission, Prometheus, NUT...)
where it installs here. Each service lives in ``tests/live/services/<name>.py`` and exposes
``start(tmpdir: Path) -> RunningService``; this module holds everything they share (ports,
process lifecycle, readiness polling, skip-or-fail policy) plus the pytest glue.

Running
-------
The daemons run as root inside a *private network namespace* (only ``lo``): many of them phone
home (update checks, DHT, relays, telemetry) and a fresh namespace also makes port clashes with
anything else on the box impossible::

    unshare -n sh -c 'ip link set lo up && exec python -m pytest tests/live -q'

``service_fixture`` refuses to start a service outside such a namespace (skip, or fail under
``LAUNCHER_TUI_REQUIRE_LIVE=1``). On a dev box where that is not possible, set
``LAUNCHER_TUI_LIVE_HOST_NET=1`` to accept the host network at your own risk.

Provisioning: ``.ci/provision-debian.sh`` (Debian packages) and ``.ci/provision-python-node.sh``
(PyPI/npm). When something is not installed, ``require_binary`` / ``require_path`` skip the test
- unless ``LAUNCHER_TUI_REQUIRE_LIVE=1`` (CI sets it after provisioning), where a missing piece is
a failure: a silently skipped suite would hide a broken install.

Writing a test::

    import pytest
    from tests.live.harness import service_fixture

    pytestmark = pytest.mark.live("transmission")
    transmission = service_fixture("transmission")      # module-scoped by default

    def test_something(transmission):
        url, creds = transmission.url, transmission.credentials

Writing a service module::

    def start(tmpdir: Path) -> RunningService:
        exe = require_binary("transmission-daemon")
        with Starting("transmission", tmpdir) as s:
            port = s.port()                  # recorded: the smoke test checks it is freed
            proc = s.spawn([exe, "-f", ...], log="transmission.log")
            wait_http(f"http://127.0.0.1:{port}/...", ok_statuses={401, 409}, proc=proc)
            return s.running(url=..., credentials={...}, extra={...})

If anything in the ``with`` block raises, every process spawned so far is stopped.
``RunningService.stop()`` runs ``before_stop`` hooks, stops the processes newest first, runs
``on_stop`` cleanups, and finally waits for (then SIGKILLs) any stray process whose command
line mentions the service's temp dir (e.g. containerd shims, which leave our process group).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import httpx
import pytest

REQUIRE_LIVE_ENV = "LAUNCHER_TUI_REQUIRE_LIVE"
HOST_NET_ENV = "LAUNCHER_TUI_LIVE_HOST_NET"
SERVICES_PACKAGE = "tests.live.services"

T = TypeVar("T")


class ServiceStartError(RuntimeError):
    """A service did not come up; the message carries the reason and the tail of its log.

    ``crashed`` is true when the daemon was killed by a signal (a segfault) before it was ready.
    """

    def __init__(self, message: str, *, crashed: bool = False) -> None:
        super().__init__(message)
        self.crashed = crashed


# --------------------------------------------------------------------------- skip-or-fail policy


def live_required() -> bool:
    """True when a missing service must fail the run (CI after provisioning)."""
    return os.environ.get(REQUIRE_LIVE_ENV, "").strip() not in ("", "0", "false", "no")


def unavailable(reason: str) -> NoReturn:
    """Skip the current test, or fail it when live services are required."""
    if live_required():
        pytest.fail(f"{reason} ({REQUIRE_LIVE_ENV}=1)", pytrace=False)
    pytest.skip(reason)


def require_binary(name: str, *more: str) -> str:
    """Resolve executables on PATH (plus the sbin dirs); return the path of the first one.

    Every name must exist; otherwise the test is skipped (or failed under REQUIRE_LIVE).
    """
    search = os.pathsep.join([os.environ.get("PATH", ""), "/usr/local/sbin", "/usr/sbin", "/sbin"])
    found: list[str] = []
    missing: list[str] = []
    for n in (name, *more):
        path = shutil.which(n, path=search)
        (found if path else missing).append(path or n)
    if missing:
        unavailable(
            f"not provisioned: {', '.join(missing)} (`sudo bash .ci/run` provisions every service "
            "and runs all live tests)"
        )
    return found[0]


def require_path(path: str | os.PathLike[str]) -> Path:
    """Return ``path`` if it exists; otherwise skip (or fail under REQUIRE_LIVE)."""
    p = Path(path)
    if not p.exists():
        unavailable(f"not provisioned: {p} is missing (`sudo bash .ci/run` provisions it)")
    return p


# --------------------------------------------------------------------------- network namespace


def _interfaces() -> list[str]:
    # /proc/self/net follows the caller's netns; /sys/class/net would show the namespace of
    # whoever mounted sysfs, i.e. the host's, even inside `unshare -n`.
    try:
        lines = Path("/proc/self/net/dev").read_text().splitlines()[2:]
        return [ln.split(":", 1)[0].strip() for ln in lines if ":" in ln]
    except OSError:
        return [name for _, name in socket.if_nameindex()]


def in_private_netns() -> bool:
    """True when the only network interface is ``lo`` (e.g. under ``unshare -n``)."""
    return _interfaces() == ["lo"]


def loopback_up() -> bool:
    """True when 127.0.0.1 is usable (a fresh netns has ``lo`` down until ``ip link set lo up``)."""
    try:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            s.listen(1)
            with socket.create_connection(s.getsockname(), timeout=1):
                return True
    except OSError:
        return False


def require_private_netns() -> None:
    """Refuse to run live services on the host network (skip, or fail under REQUIRE_LIVE)."""
    if os.environ.get(HOST_NET_ENV) != "1" and not in_private_netns():
        unavailable(
            "live tests need root and a private network namespace: `sudo bash .ci/run` runs them "
            "all (it provisions the services, then runs the suite inside unshare -n); by hand: "
            "unshare -n sh -c 'ip link set lo up && exec .venv/bin/python -m pytest' "
            f"(interfaces here: {', '.join(_interfaces())}; {HOST_NET_ENV}=1 overrides)"
        )
    if not loopback_up():
        unavailable("loopback is down in this network namespace: run `ip link set lo up` first")


# --------------------------------------------------------------------------- ports

_ports_lock = threading.Lock()
_ports_given: set[int] = set()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now and not handed out before in this process.

    Remembering handed-out ports avoids two services started back to back (or in parallel)
    getting the same number before either has bound it.
    """
    with _ports_lock:
        for _ in range(100):
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = int(s.getsockname()[1])
            if port not in _ports_given:
                _ports_given.add(port)
                return port
    raise ServiceStartError("no free port found on 127.0.0.1")


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing accepts connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return False
    except OSError:
        return True


# --------------------------------------------------------------------------- processes


def _merged_env(extra: Mapping[str, str] | None) -> dict[str, str]:
    """The inherited environment with ``extra`` on top (children need PATH, LANG...).

    pytest's own variables are dropped: services must not know they run under a test runner
    (changedetection.io switches to its test-mode code when it sees PYTEST_CURRENT_TEST).
    """
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    return {**inherited, **(extra or {})}


def _live_group_members(pgid: int) -> list[int]:
    """PIDs in process group ``pgid`` that are not zombies (from /proc/<pid>/stat)."""
    members: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp ...": comm may contain spaces, so split after ")"
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 2 and int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry.name))
    return members


class Proc:
    """A child in its own session/process group, logging to a file.

    ``stop()`` signals the whole group so helpers a daemon forks die with it, and waits until
    the group is empty (not just the leader) so "process gone, port free" really holds.
    """

    def __init__(
        self,
        cmd: Sequence[str | os.PathLike[str]],
        *,
        log: Path,
        cwd: Path | None = None,
        env: Mapping[str, str] | None = None,
        user: str | int | None = None,
    ) -> None:
        self.cmd = [str(c) for c in cmd]
        self.log_path = log
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "ab") as logf:
            self.popen = subprocess.Popen(
                self.cmd,
                cwd=cwd,
                env=_merged_env(env),
                stdin=subprocess.DEVNULL,
                stdout=logf,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                user=user,
            )
        self.pid = self.popen.pid

    @property
    def name(self) -> str:
        return Path(self.cmd[0]).name

    def alive(self) -> bool:
        return self.popen.poll() is None

    @property
    def returncode(self) -> int | None:
        return self.popen.poll()

    def log_tail(self, max_bytes: int = 3000) -> str:
        try:
            with open(self.log_path, "rb") as f:
                f.seek(0, os.SEEK_END)
                f.seek(max(0, f.tell() - max_bytes))
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def group_alive(self) -> bool:
        """True while any non-zombie process of our group still exists.

        Zombies are ignored: a helper orphaned by the leader's death is reaped by init (or not,
        in some containers) whenever it gets to it, but it no longer holds ports or files.
        """
        if self.alive():
            return True
        return bool(_live_group_members(self.pid))

    def _signal_group(self, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, sig)

    def stop(self, timeout: float = 15.0) -> int | None:
        """SIGTERM the group, SIGKILL whatever is left after ``timeout``; return the exit code."""
        if self.group_alive():
            self._signal_group(signal.SIGTERM)
            deadline = time.monotonic() + timeout
            while self.group_alive() and time.monotonic() < deadline:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.popen.wait(0.05)
            if self.group_alive():
                self._signal_group(signal.SIGKILL)
                deadline = time.monotonic() + 5
                while self.group_alive() and time.monotonic() < deadline:
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        self.popen.wait(0.05)
        return self.popen.poll()

    def describe(self) -> str:
        state = "running" if self.alive() else f"exited rc={self.returncode}"
        return f"{self.name} (pid {self.pid}, {state}); log {self.log_path}:\n{self.log_tail()}"


def pids_mentioning(path: str | os.PathLike[str]) -> list[int]:
    """PIDs (other than ours) whose command line refers to ``path`` or something below it.

    Catches helpers that escape our process group, e.g. containerd shims (own session) or
    syncthing's monitored child, so "stopped" can mean "nothing of this service is left".
    """
    target = os.fspath(path).rstrip("/")
    found: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            args = (entry / "cmdline").read_bytes().decode("utf-8", "replace").split("\0")
        except OSError:
            continue
        if any(a.endswith(target) or f"{target}/" in a for a in args):
            found.append(int(entry.name))
    return found


def reap_strays(path: str | os.PathLike[str], timeout: float = 10.0) -> list[int]:
    """Wait for processes mentioning ``path`` to exit; SIGKILL the ones left after ``timeout``.

    Returns the PIDs that had to be killed (empty when everything exited by itself).
    """
    deadline = time.monotonic() + timeout
    while (pids := pids_mentioning(path)) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    return pids


def run(
    cmd: Sequence[str | os.PathLike[str]],
    *,
    timeout: float = 30.0,
    env: Mapping[str, str] | None = None,
    input: bytes | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run a short helper command; raise ServiceStartError with its output when it fails."""
    try:
        cp = subprocess.run(
            [str(c) for c in cmd],
            input=input,
            capture_output=True,
            timeout=timeout,
            env=_merged_env(env),
            cwd=cwd,
            check=False,
        )
    except subprocess.TimeoutExpired as e:
        raise ServiceStartError(f"{cmd[0]} timed out after {timeout}s") from e
    if cp.returncode != 0:
        out = (cp.stdout + cp.stderr).decode("utf-8", "replace")[-2000:]
        raise ServiceStartError(f"{' '.join(map(str, cmd))} failed rc={cp.returncode}:\n{out}")
    return cp


# --------------------------------------------------------------------------- waiting


def wait_until(
    predicate: Callable[[], T | None],
    timeout: float = 30.0,
    *,
    interval: float = 0.1,
    proc: Proc | None = None,
    what: str = "condition",
) -> T:
    """Poll ``predicate`` until it returns something truthy, and return that.

    Exceptions from the predicate count as "not yet" (the last one is reported). When ``proc``
    dies meanwhile, fail at once with its log instead of waiting out the timeout.
    """
    deadline = time.monotonic() + timeout
    last_error: BaseException | None = None
    while True:
        if proc is not None and not proc.alive():
            rc = proc.returncode
            raise ServiceStartError(
                f"{what}: process died before ready: {proc.describe()}",
                crashed=rc is not None and rc < 0,
            )
        try:
            value = predicate()
            if value:
                return value
        except Exception as e:
            last_error = e
        if time.monotonic() >= deadline:
            detail = f" (last error: {last_error!r})" if last_error else ""
            log = f"\n{proc.describe()}" if proc else ""
            raise ServiceStartError(f"{what}: not ready after {timeout}s{detail}{log}")
        time.sleep(interval)


def wait_ready(
    checks: Mapping[str, Callable[[], object]],
    timeout: float = 60.0,
    *,
    interval: float = 0.2,
    proc: Proc | None = None,
    what: str = "service",
) -> None:
    """Poll every named check until all hold; on timeout, name each one that never did.

    A service is ready when the data the tests read is there, not when its port answers: each
    check states one such fact ("up{job="node"} == 1"). Exceptions count as "not yet" and are
    quoted in the failure, so the message says exactly what was missing and why.
    """
    pending: dict[str, str] = {name: "not checked yet" for name in checks}

    def all_ready() -> bool:
        for name in list(pending):
            try:
                ok = checks[name]()
                reason = "false"
            except Exception as e:
                ok, reason = False, repr(e)
            if ok:
                del pending[name]
            else:
                pending[name] = reason
        return not pending

    try:
        wait_until(all_ready, timeout, interval=interval, proc=proc, what=what)
    except ServiceStartError as e:
        never = "; ".join(f"{name} ({reason})" for name, reason in pending.items())
        raise ServiceStartError(f"{what}: never became ready: {never}\n{e}") from e


def http_client(**kwargs: Any) -> httpx.Client:
    """An httpx client that ignores proxy env vars (loopback must never go through a proxy)."""
    kwargs.setdefault("timeout", 5.0)
    kwargs.setdefault("trust_env", False)
    return httpx.Client(**kwargs)


def unix_http_client(socket_path: str | os.PathLike[str], **kwargs: Any) -> httpx.Client:
    """An httpx client talking HTTP over a unix socket (Docker engine API)."""
    kwargs.setdefault("base_url", "http://localhost")
    transport = httpx.HTTPTransport(uds=str(socket_path))
    return http_client(transport=transport, **kwargs)


def wait_http(
    url: str,
    ok_statuses: Iterable[int] = (200,),
    timeout: float = 30.0,
    *,
    proc: Proc | None = None,
    auth: tuple[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> int:
    """Poll GET ``url`` until its status is in ``ok_statuses``; return that status."""
    allowed = set(ok_statuses)
    with http_client(timeout=2.0) as client:

        def check() -> int | None:
            status = client.get(url, auth=auth, headers=headers).status_code
            return status if status in allowed else None

        return wait_until(check, timeout, proc=proc, what=f"GET {url}")


def wait_tcp(
    port: int, timeout: float = 30.0, *, host: str = "127.0.0.1", proc: Proc | None = None
) -> None:
    """Wait until ``host:port`` accepts a TCP connection."""

    def check() -> bool:
        with socket.create_connection((host, port), timeout=1):
            return True

    wait_until(check, timeout, proc=proc, what=f"tcp {host}:{port}")


def wait_port_free(port: int, timeout: float = 10.0, host: str = "127.0.0.1") -> None:
    """Wait until nothing listens on ``host:port`` any more (after a stop)."""
    wait_until(lambda: port_is_free(port, host), timeout, what=f"port {port} to be released")


# --------------------------------------------------------------------------- running services


@dataclass
class RunningService:
    """A started, ready service. ``stop()`` is idempotent and stops everything it started.

    url          base URL (``http://127.0.0.1:PORT``), or ``nut://127.0.0.1:PORT``,
                 ``unix:///path/docker.sock``
    credentials  what a client needs: ``username``/``password``/``api_key`` as applicable
    extra        service-specific facts for tests (torrent names, the down target, .dev path...)
    ports        every TCP port the service listens on (to check they are released on stop)
    """

    name: str
    url: str
    credentials: dict[str, str]
    extra: dict[str, Any]
    tmpdir: Path
    ready_seconds: float
    ports: list[int] = field(default_factory=list)
    procs: list[Proc] = field(default_factory=list, repr=False)
    cleanups: list[Callable[[], None]] = field(default_factory=list, repr=False)
    pre_stop: list[Callable[[], None]] = field(default_factory=list, repr=False)
    stopped: bool = False
    killed_strays: list[int] = field(default_factory=list)

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        try:
            _stop_all(self.procs, self.cleanups, self.pre_stop)
        finally:
            self.killed_strays = reap_strays(self.tmpdir)

    def alive(self) -> bool:
        return any(p.group_alive() for p in self.procs)

    def logs(self) -> str:
        return "\n".join(p.describe() for p in self.procs)


def _stop_all(
    procs: list[Proc],
    cleanups: list[Callable[[], None]],
    pre_stop: list[Callable[[], None]] | None = None,
) -> None:
    """Run pre-stop hooks, stop processes newest first (dependants before what they depend
    on), then clean up. Every step runs even when an earlier one failed."""
    errors: list[BaseException] = []
    for fn in reversed(pre_stop or []):
        try:
            fn()
        except Exception as e:
            errors.append(e)
    for proc in reversed(procs):
        try:
            proc.stop()
        except Exception as e:
            errors.append(e)
    for fn in reversed(cleanups):
        try:
            fn()
        except Exception as e:
            errors.append(e)
    if errors:
        raise ServiceStartError(f"errors while stopping: {errors!r}")


class Starting:
    """Context manager collecting what a service's ``start()`` spawns.

    On an exception inside the block, everything spawned so far is stopped and the error
    propagates; on success, ``running()`` hands ownership to the returned RunningService.
    """

    def __init__(self, name: str, tmpdir: Path) -> None:
        self.name = name
        self.tmpdir = Path(tmpdir)
        self.procs: list[Proc] = []
        self.cleanups: list[Callable[[], None]] = []
        self.pre_stop: list[Callable[[], None]] = []
        self.ports: list[int] = []
        self._t0 = time.monotonic()
        self._handed_over = False

    def __enter__(self) -> Starting:
        self.tmpdir.mkdir(parents=True, exist_ok=True)
        self._t0 = time.monotonic()
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None and not self._handed_over:
            with contextlib.suppress(Exception):
                _stop_all(self.procs, self.cleanups, self.pre_stop)
            reap_strays(self.tmpdir)

    def port(self) -> int:
        """A free port, recorded so the smoke test can check it is released on stop."""
        p = free_port()
        self.ports.append(p)
        return p

    def spawn(
        self,
        cmd: Sequence[str | os.PathLike[str]],
        *,
        log: str,
        cwd: Path | None = None,
        env: Mapping[str, str] | None = None,
        user: str | int | None = None,
    ) -> Proc:
        proc = Proc(cmd, log=self.tmpdir / log, cwd=cwd or self.tmpdir, env=env, user=user)
        self.procs.append(proc)
        return proc

    def on_stop(self, fn: Callable[[], None]) -> None:
        """Register a cleanup to run after all processes are stopped."""
        self.cleanups.append(fn)

    def before_stop(self, fn: Callable[[], None]) -> None:
        """Register a hook to run while the processes are still up (e.g. remove containers)."""
        self.pre_stop.append(fn)

    def elapsed(self) -> float:
        return time.monotonic() - self._t0

    def running(
        self,
        *,
        url: str,
        credentials: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> RunningService:
        self._handed_over = True
        return RunningService(
            name=self.name,
            url=url,
            credentials=dict(credentials or {}),
            extra=dict(extra or {}),
            tmpdir=self.tmpdir,
            ready_seconds=round(self.elapsed(), 3),
            ports=list(self.ports),
            procs=list(self.procs),
            cleanups=list(self.cleanups),
            pre_stop=list(self.pre_stop),
        )


def write_text(path: Path, text: str, mode: int | None = None) -> Path:
    """Write a config file (creating parents), optionally chmod it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    if mode is not None:
        path.chmod(mode)
    return path


# --------------------------------------------------------------------------- pytest glue


def start_service(name: str, tmpdir: Path) -> RunningService:
    """Import ``tests.live.services.<name>`` and start it (netns checked first).

    A start that raises ServiceStartError fails the test with the daemon's log: a provisioned
    service that does not come up is a real problem, never a skip.

    A daemon that crashes (killed by a signal) before it is ready is started once more, in a
    fresh directory: Icecast 2.4 was seen to segfault on the first status request on a loaded
    machine (rc -11). Our code is not involved before "ready", and a second crash still fails.
    """
    require_private_netns()
    module = importlib.import_module(f"{SERVICES_PACKAGE}.{name}")
    try:
        return module.start(Path(tmpdir))
    except ServiceStartError as e:
        if not e.crashed:
            pytest.fail(f"{name} did not start: {e}", pytrace=False)
        first = e
    print(f"[live] {name} crashed before it was ready; starting it once more:\n{first}")
    try:
        return module.start(Path(tmpdir) / "after-crash")
    except ServiceStartError as e:
        pytest.fail(f"{name} did not start (twice): {e}\nfirst attempt: {first}", pytrace=False)


def service_fixture(name: str, scope: str = "module") -> Any:
    """Return a pytest fixture that starts service ``name`` and always stops it.

    Assign it at module level; the attribute name becomes the fixture name::

        transmission = service_fixture("transmission")
    """

    @pytest.fixture(scope=scope)  # type: ignore[call-overload]
    def _fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningService]:
        svc = start_service(name, tmp_path_factory.mktemp(f"live-{name}", numbered=True))
        try:
            yield svc
        finally:
            svc.stop()

    _fixture.__name__ = name
    _fixture.__doc__ = f"A running real {name} on 127.0.0.1 (see tests/live/services/{name}.py)."
    return _fixture
