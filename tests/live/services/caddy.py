"""Real Caddy 2 (Debian) with its admin API on 127.0.0.1 and a reverse proxy with 2 upstreams.

The proxy (``extra["proxy_url"]``) balances over one upstream that answers (a second Caddy
server block with a static response) and one that is down (a free port nobody listens on),
so ``GET /reverse_proxy/upstreams`` on the admin API lists both, and the down one collects
``fails`` once the proxy has tried it. No hostnames in the config, automatic HTTPS disabled: Caddy
never tries ACME.

RunningService:
  url          http://127.0.0.1:ADMINPORT   (the admin API; no auth - it is loopback only)
  credentials  {}
  extra        proxy_url, upstream_up ("127.0.0.1:P"), upstream_down ("127.0.0.1:P")
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.live.harness import (
    RunningService,
    Starting,
    free_port,
    http_client,
    require_binary,
    wait_http,
    wait_until,
    write_text,
)

UPSTREAM_BODY = "upstream ok\n"


def _server(port: int, handler: dict[str, Any]) -> dict[str, Any]:
    return {
        "listen": [f"127.0.0.1:{port}"],
        "automatic_https": {"disable": True},
        "routes": [{"handle": [handler]}],
    }


def start(tmpdir: Path) -> RunningService:
    exe = require_binary("caddy")
    with Starting("caddy", tmpdir) as s:
        admin, proxy, backend = s.port(), s.port(), s.port()
        up, down = f"127.0.0.1:{backend}", f"127.0.0.1:{free_port()}"  # nothing binds `down`
        config = {
            "admin": {"listen": f"127.0.0.1:{admin}", "config": {"persist": False}},
            "logging": {"logs": {"default": {"level": "ERROR"}}},
            "storage": {"module": "file_system", "root": str(tmpdir / "data")},
            "apps": {
                "http": {
                    "servers": {
                        "backend": _server(
                            backend, {"handler": "static_response", "body": UPSTREAM_BODY}
                        ),
                        "front": _server(
                            proxy,
                            {
                                "handler": "reverse_proxy",
                                "upstreams": [{"dial": up}, {"dial": down}],
                                "load_balancing": {
                                    "selection_policy": {"policy": "round_robin"},
                                    "retries": 1,
                                },
                                "health_checks": {
                                    "passive": {"fail_duration": "60s", "max_fails": 5}
                                },
                            },
                        ),
                    }
                }
            },
        }
        conf = write_text(tmpdir / "caddy.json", json.dumps(config, indent=1))
        env = {
            "HOME": str(tmpdir),
            "XDG_DATA_HOME": str(tmpdir / "data"),
            "XDG_CONFIG_HOME": str(tmpdir / "config"),
        }
        proc = s.spawn([exe, "run", "--config", conf], log="caddy.log", env=env)
        url = f"http://127.0.0.1:{admin}"
        wait_http(url + "/config/", proc=proc)
        proxy_url = f"http://127.0.0.1:{proxy}"
        with http_client() as client:
            # a few requests through the proxy so the down upstream has recorded failures
            for _ in range(4):
                client.get(proxy_url + "/")

            def down_has_failed() -> bool:
                rows = client.get(url + "/reverse_proxy/upstreams").json()
                return any(r["address"] == down and r["fails"] > 0 for r in rows)

            wait_until(down_has_failed, 10, proc=proc, what="caddy records the down upstream")
        return s.running(
            url=url,
            credentials={},
            extra={"proxy_url": proxy_url, "upstream_up": up, "upstream_down": down},
        )
