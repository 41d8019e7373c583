"""Real Homebridge 1.11.4 + homebridge-config-ui-x 4.76.0 (npm) in service mode on 127.0.0.1.

``hb-service run`` is what real installs use: the UI process supervises the Homebridge child, and
child-bridge endpoints only work in this mode. The admin user is pre-seeded in ``auth.json``
(skipping the setup wizard); HAP and mDNS are bound to ``lo``.

RunningService:
  url          http://127.0.0.1:PORT   (config-ui-x API; POST /api/auth/login -> bearer token)
  credentials  username, password      (wrong password -> 403, no token -> 401)
  extra        token (a bearer obtained at start), hap_port, bridge_name, bridge_username, pin
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from pathlib import Path

from tests.live.harness import (
    RunningService,
    ServiceStartError,
    Starting,
    http_client,
    wait_http,
    wait_until,
    write_text,
)
from tests.live.services._provisioned import node, node_modules

USERNAME = "admin"
PASSWORD = "hb-secret-pw-1"
BRIDGE_NAME = "LT Homebridge"
BRIDGE_USERNAME = "0E:4C:54:00:00:01"
PIN = "031-45-154"


def auth_json(username: str, password: str) -> str:
    """config-ui-x's user store: pbkdf2-sha512(password, salt, 1000, 64) as hex."""
    salt = secrets.token_hex(32)
    digest = hashlib.pbkdf2_hmac("sha512", password.encode(), salt.encode(), 1000, 64).hex()
    user = {
        "id": 1,
        "username": username,
        "name": "Admin",
        "admin": True,
        "salt": salt,
        "hashedPassword": digest,
    }
    return json.dumps([user])


def config_json(ui_port: int, hap_port: int, storage: Path) -> str:
    config = {
        "bridge": {
            "name": BRIDGE_NAME,
            "username": BRIDGE_USERNAME,
            "port": hap_port,
            "pin": PIN,
            "bind": ["lo"],
            "advertiser": "ciao",
        },
        "accessories": [],
        "platforms": [
            {
                "platform": "config",
                "name": "Config",
                "port": ui_port,
                "host": "127.0.0.1",
                "auth": "form",
                "sessionTimeout": 3600,
                "log": {"method": "file", "path": str(storage / "homebridge.log")},
            }
        ],
    }
    return json.dumps(config, indent=2)


def login(url: str, username: str, password: str) -> str:
    """Return a bearer token for the UI API (raises on anything but success)."""
    with http_client() as client:
        r = client.post(f"{url}/api/auth/login", json={"username": username, "password": password})
    if r.status_code not in (200, 201):
        raise ServiceStartError(f"homebridge login: {r.status_code} {r.text}")
    token: str = r.json()["access_token"]
    return token


def start(tmpdir: Path) -> RunningService:
    modules = node_modules("homebridge")
    node_exe = node()
    with Starting("homebridge", tmpdir) as s:
        port, hap_port = s.port(), s.port()
        storage = tmpdir / "storage"
        write_text(storage / "auth.json", auth_json(USERNAME, PASSWORD), 0o600)
        write_text(storage / "config.json", config_json(port, hap_port, storage))
        hb_service = modules / "homebridge-config-ui-x" / "dist" / "bin" / "hb-service.js"
        root_flag = ["--allow-root"] if os.geteuid() == 0 else []
        proc = s.spawn(
            [
                *(node_exe, hb_service, "run", "-U", storage, "-P", modules),
                *("--strict-plugin-resolution", "--stdout", *root_flag),
            ],
            log="hb-service.log",
            env={"HOME": str(tmpdir), "UIX_STORAGE_PATH": str(storage)},
        )
        url = f"http://127.0.0.1:{port}"
        wait_http(f"{url}/api/auth/settings", proc=proc, timeout=90)
        token = login(url, USERNAME, PASSWORD)

        # the UI answers before its Homebridge child has bridged; wait for "up"
        with http_client(headers={"Authorization": f"Bearer {token}"}) as client:
            wait_until(
                lambda: client.get(f"{url}/api/status/homebridge").json().get("status") == "up",
                40,
                interval=0.3,
                proc=proc,
                what="homebridge child up",
            )
        return s.running(
            url=url,
            credentials={"username": USERNAME, "password": PASSWORD},
            extra={
                "token": token,
                "hap_port": hap_port,
                "bridge_name": BRIDGE_NAME,
                "bridge_username": BRIDGE_USERNAME,
                "pin": PIN,
            },
        )
