"""Real RabbitMQ (Debian rabbitmq-server 3.10) with the management plugin and a queue of jobs.

The heavy one (an Erlang VM, ~5 s to start, ~6 s to stop). Started through
``/usr/lib/rabbitmq/bin/rabbitmq-server`` (the /usr/sbin wrapper switches to the rabbitmq user)
with every path, port and the Erlang cookie in the temp dir; ``epmd`` is started by us in the
foreground so it is stopped with the service instead of lingering. ``guest`` may log in from
loopback only, which is where the tests are. ``collect_statistics_interval = 1000`` makes the
queue totals follow within a second.

At start, queue ``jobs`` is declared and MESSAGES messages are published to it through the
management API; start-up returns once /api/overview counts them.

RunningService:
  url          http://127.0.0.1:PORT      (management API)
  credentials  username, password          (guest / guest)
  extra        queue ("jobs"), messages (published), vhost ("/")
"""

from __future__ import annotations

from pathlib import Path

from tests.live.harness import (
    RunningService,
    ServiceStartError,
    Starting,
    http_client,
    require_binary,
    require_path,
    wait_http,
    wait_until,
    write_text,
)

USERNAME = PASSWORD = "guest"
SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server"
QUEUE = "jobs"
MESSAGES = 3


def start(tmpdir: Path) -> RunningService:
    epmd = require_binary("epmd")
    server = require_path(SERVER)
    with Starting("rabbitmq", tmpdir) as s:
        port, amqp, epmd_port, dist = s.port(), s.port(), s.port(), s.port()
        write_text(
            tmpdir / "rabbitmq.conf",
            f"""listeners.tcp.default = 127.0.0.1:{amqp}
management.tcp.ip = 127.0.0.1
management.tcp.port = {port}
loopback_users.guest = true
log.console = true
log.console.level = warning
log.file = false
collect_statistics_interval = 1000
""",
        )
        write_text(tmpdir / "enabled_plugins", "[rabbitmq_management].\n")
        write_text(tmpdir / "home" / ".erlang.cookie", "LAUNCHERTUILIVECOOKIE", mode=0o400)
        env = {
            "HOME": str(tmpdir / "home"),
            "RABBITMQ_NODENAME": f"lt{port}@localhost",
            "RABBITMQ_CONFIG_FILE": str(tmpdir / "rabbitmq"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(tmpdir / "enabled_plugins"),
            "RABBITMQ_MNESIA_BASE": str(tmpdir / "mnesia"),
            "RABBITMQ_LOG_BASE": str(tmpdir / "log"),
            "RABBITMQ_PID_FILE": str(tmpdir / "rabbit.pid"),
            "RABBITMQ_DIST_PORT": str(dist),
            "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODE_PORT": str(amqp),
            "ERL_EPMD_PORT": str(epmd_port),
            "ERL_EPMD_ADDRESS": "127.0.0.1",
        }
        s.spawn([epmd, "-port", epmd_port, "-address", "127.0.0.1"], log="epmd.log", env=env)
        proc = s.spawn([server], log="rabbitmq.log", env=env)
        url = f"http://127.0.0.1:{port}"
        auth = (USERNAME, PASSWORD)
        wait_http(url + "/api/overview", proc=proc, auth=auth, timeout=180)
        with http_client(base_url=url, auth=auth) as client:
            r = client.put(f"/api/queues/%2F/{QUEUE}", json={"durable": False})
            if r.status_code not in (201, 204):
                raise ServiceStartError(f"rabbitmq declare {QUEUE}: HTTP {r.status_code} {r.text}")
            for i in range(MESSAGES):
                body = {"properties": {}, "routing_key": QUEUE, "payload": f"job {i}",
                        "payload_encoding": "string"}  # fmt: skip
                r = client.post("/api/exchanges/%2F/amq.default/publish", json=body)
                if r.status_code != 200 or r.json().get("routed") is not True:
                    raise ServiceStartError(f"rabbitmq publish: HTTP {r.status_code} {r.text}")

            def counted() -> bool:
                totals = client.get("/api/overview").json().get("queue_totals") or {}
                return totals.get("messages_ready") == MESSAGES

            wait_until(counted, 60, interval=0.25, proc=proc, what="rabbitmq queue totals")
        return s.running(
            url=url,
            credentials={"username": USERNAME, "password": PASSWORD},
            extra={"queue": QUEUE, "messages": MESSAGES, "vhost": "/"},
        )
