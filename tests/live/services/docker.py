"""Real Docker engine (Debian docker.io) with its own socket and state in the temp dir.

dockerd runs with ``--bridge=none --iptables=false`` (no docker0, no firewall changes) and
data-root/exec-root/pidfile/socket under the temp dir, so it never touches a system Docker.
No registry is needed: the image is ``docker import``-ed (via the API) from a tarball holding one
static binary built with gcc from the C source below. Containers use ``NetworkMode: none``:

* ``web``     running (the binary waits for SIGTERM), label ``homepage.group=Media``
* ``crashed`` exited with code 3 (same binary, told to exit 3)

Containers are force-removed before dockerd is stopped, so no containerd shim outlives the test.

RunningService:
  url          unix:///<tmpdir>/docker.sock   (Engine API over the socket; no auth)
  credentials  {}
  extra        socket (path), image, running_container ("web"), exited_container ("crashed"),
               exited_code (3), label_key, label_value
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tarfile
from collections.abc import Callable
from pathlib import Path

import httpx

from tests.live.harness import (
    Proc,
    RunningService,
    ServiceStartError,
    Starting,
    require_binary,
    run,
    unavailable,
    unix_http_client,
    wait_until,
    write_text,
)

IMAGE = "launcher-tui/sleeper:1"
RUNNING = "web"
EXITED = "crashed"
EXIT_CODE = 3
LABEL = ("homepage.group", "Media")

# PID 1 in the container: waits for SIGTERM (exit 0), or `exit N` exits with N at once.
SLEEPER_C = r"""
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
static void on_term(int sig) { (void)sig; _exit(0); }
int main(int argc, char **argv) {
    if (argc > 2 && strcmp(argv[1], "exit") == 0) {
        printf("exiting with %s\n", argv[2]);
        return atoi(argv[2]);
    }
    signal(SIGTERM, on_term);
    signal(SIGINT, on_term);
    printf("sleeper up\n");
    fflush(stdout);
    for (;;) pause();
}
"""


def _image_tar(tmpdir: Path) -> bytes:
    """Compile the sleeper statically and pack it as a one-file root filesystem."""
    gcc = require_binary("gcc")
    src = write_text(tmpdir / "sleeper.c", SLEEPER_C)
    binary = tmpdir / "sleeper"
    run([gcc, "-static", "-Os", "-s", "-o", binary, src], timeout=60)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        tar.add(binary, arcname="sleeper")
    return buf.getvalue()


def _check(r: httpx.Response, what: str) -> httpx.Response:
    if r.status_code >= 300:
        raise ServiceStartError(f"docker {what}: HTTP {r.status_code} {r.text}")
    return r


def _populate(client: httpx.Client, tar: bytes) -> None:
    repo, tag = IMAGE.rsplit(":", 1)
    r = client.post(
        "/images/create",
        params={"fromSrc": "-", "repo": repo, "tag": tag},
        content=tar,
        headers={"Content-Type": "application/x-tar"},
        timeout=60,
    )
    if r.status_code != 200 or '"error"' in r.text:
        raise ServiceStartError(f"docker import: HTTP {r.status_code} {r.text}")
    create_containers(client, IMAGE)


def create_containers(client: httpx.Client, image: str) -> None:
    """``web`` running and ``crashed`` exited with EXIT_CODE (any Docker-API engine: podman too)."""
    for name, cmd in ((RUNNING, ["/sleeper"]), (EXITED, ["/sleeper", "exit", str(EXIT_CODE)])):
        body = {
            "Image": image,
            "Cmd": cmd,
            "Labels": {LABEL[0]: LABEL[1]},
            "HostConfig": {"NetworkMode": "none"},
        }
        _check(client.post("/containers/create", params={"name": name}, json=body), "create")
        _check(client.post(f"/containers/{name}/start"), f"start {name}")
    waited = _check(client.post(f"/containers/{EXITED}/wait", timeout=30), "wait").json()
    if waited.get("StatusCode") != EXIT_CODE:
        raise ServiceStartError(f"engine: {EXITED} exited with {waited!r}")


def _remove_containers(sock: Path) -> None:
    if not sock.exists():
        return
    with unix_http_client(sock, timeout=20) as client:
        for name in (RUNNING, EXITED):
            with contextlib.suppress(httpx.HTTPError):
                client.delete(f"/containers/{name}", params={"force": "true"})


def start(tmpdir: Path) -> RunningService:
    if os.geteuid() != 0:
        unavailable("docker engine tests need root")
    dockerd = require_binary("dockerd", "containerd", "runc")
    with Starting("docker", tmpdir) as s:
        tar = _image_tar(tmpdir)
        sock = tmpdir / "docker.sock"
        data_root = tmpdir / "data"
        proc = s.spawn(
            [
                dockerd,
                "--data-root", data_root,
                "--exec-root", tmpdir / "exec",
                "--pidfile", tmpdir / "docker.pid",
                "--host", f"unix://{sock}",
                "--bridge=none",
                "--iptables=false",
                "--ip6tables=false",
                "--ip-masq=false",
                "--userland-proxy=false",
                "--log-level=warn",
            ],
            log="dockerd.log",
            env={"HOME": str(tmpdir)},
        )  # fmt: skip
        s.on_stop(lambda: shutil.rmtree(data_root, ignore_errors=True))
        return serve_engine(s, proc, sock, lambda client: _populate(client, tar), IMAGE)


def serve_engine(
    s: Starting, proc: Proc, sock: Path, populate: Callable[[httpx.Client], None], image: str
) -> RunningService:
    """Wait for an engine's /_ping on ``sock``, populate it, and hand it over (docker, podman).

    Its containers are force-removed before the engine stops, so no shim or conmon outlives it.
    """
    s.before_stop(lambda: _remove_containers(sock))
    client = unix_http_client(sock, timeout=10)
    s.on_stop(client.close)

    def ping() -> bool:
        return client.get("/_ping").status_code == 200

    wait_until(ping, 60, interval=0.1, proc=proc, what=f"{s.name} /_ping")
    populate(client)
    return s.running(
        url=f"unix://{sock}",
        extra={
            "socket": str(sock),
            "image": image,
            "running_container": RUNNING,
            "exited_container": EXITED,
            "exited_code": EXIT_CODE,
            "label_key": LABEL[0],
            "label_value": LABEL[1],
        },
    )
