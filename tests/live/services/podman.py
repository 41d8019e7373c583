"""Real podman 4.3 (Debian) serving the Docker-compatible Engine API on a socket in the temp dir.

A second engine behind the ``docker`` integration: ``podman system service --time=0`` with every
piece of state in the temp dir (``--root``/``--runroot``/``--tmpdir``, vfs storage, events in a
file, cgroupfs: no systemd here) and a containers.conf of our own. Same containers as the
docker service (tests/live/services/docker.py), from the same locally built one-binary image,
no registry: ``web`` running with a label, ``crashed`` exited with code 3.

Two podman quirks met here:

* root inside this sandbox may lower resource limits but not raise them, and podman gives
  containers nofile/nproc limits of 1048576, which runc then fails to set ("error setting
  rlimits … operation not permitted"; even this process's own nproc limit is refused):
  containers.conf sets both to 1024 (or lower, if ours are), plenty for a one-binary container;
* the runroot may be at most 50 characters long, so podman's state lives in a short
  /tmp/lt-podman-* directory (removed on stop, after any conmon left there is reaped);
* the compat ``POST /images/create?fromSrc=-`` imports the image but ignores ``repo``/``tag``,
  so the image is tagged afterwards (``localhost/…``, where podman keeps local names).

RunningService:
  url          unix:///<tmpdir>/podman.sock   (Docker Engine API over the socket; no auth)
  credentials  {}
  extra        socket, image, running_container, exited_container, exited_code, label_key,
               label_value   (as the docker service)
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import tempfile
from pathlib import Path

import httpx

from tests.live.harness import (
    RunningService,
    ServiceStartError,
    Starting,
    reap_strays,
    require_binary,
    unavailable,
    write_text,
)
from tests.live.services.docker import (
    _check,
    _image_tar,
    create_containers,
    serve_engine,
)

REPO, TAG = "localhost/launcher-tui/sleeper", "1"
IMAGE = f"{REPO}:{TAG}"


def _limit(kind: int, name: str) -> str:
    soft, hard = resource.getrlimit(kind)
    top = min(v for v in (soft, hard, 1024) if v != resource.RLIM_INFINITY)
    return f"{name}={top}:{top}"


def _containers_conf() -> str:
    limits = [_limit(resource.RLIMIT_NOFILE, "nofile"), _limit(resource.RLIMIT_NPROC, "nproc")]
    return f"""[containers]
netns = "none"
default_ulimits = {json.dumps(limits)}
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"
"""


def _populate(client: httpx.Client, tar: bytes) -> None:
    r = _check(
        client.post(
            "/images/create",
            params={"fromSrc": "-"},
            content=tar,
            headers={"Content-Type": "application/x-tar"},
            timeout=60,
        ),
        "import",
    )
    image_id = json.loads(r.text.strip().splitlines()[-1]).get("id")
    if not image_id:
        raise ServiceStartError(f"podman import answered no image id: {r.text}")
    _check(client.post(f"/images/{image_id}/tag", params={"repo": REPO, "tag": TAG}), "tag")
    create_containers(client, IMAGE)


def start(tmpdir: Path) -> RunningService:
    if os.geteuid() != 0:
        unavailable("podman engine tests run as root (rootless podman needs subuid ranges)")
    podman = require_binary("podman", "conmon", "runc")
    with Starting("podman", tmpdir) as s:
        tar = _image_tar(tmpdir)
        sock = tmpdir / "podman.sock"
        conf = write_text(tmpdir / "containers.conf", _containers_conf())
        # podman refuses a runroot longer than 50 characters: pytest's temp dirs are longer
        state = Path(tempfile.mkdtemp(prefix="lt-podman-", dir="/tmp"))
        proc = s.spawn(
            [
                podman,
                "--root", state / "root",
                "--runroot", state / "run",
                "--tmpdir", state / "tmp",
                "--storage-driver", "vfs",
                "--cgroup-manager", "cgroupfs",
                "--events-backend", "file",
                "system", "service", "--time=0", f"unix://{sock}",
            ],
            log="podman.log",
            env={"CONTAINERS_CONF": str(conf), "HOME": str(tmpdir)},
        )  # fmt: skip
        s.on_stop(lambda: reap_strays(state))  # conmon leaves our process group
        s.on_stop(lambda: shutil.rmtree(state, ignore_errors=True))
        return serve_engine(s, proc, sock, lambda client: _populate(client, tar), IMAGE)
