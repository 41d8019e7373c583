"""Real Node-RED 4 (npm, provisioned by .ci/provision-python-node.sh) with adminAuth and 2 flows.

settings.js binds 127.0.0.1, turns telemetry and the palette installer off, and sets one admin
user whose bcrypt hash is made with the bcryptjs Node-RED ships. flows.json has an enabled tab
("Home automation": an inject and a debug node) and a disabled, empty one.

RunningService:
  url          http://127.0.0.1:PORT
  credentials  username, password
  extra        flows (enabled tab labels), disabled_flows, nodes (nodes inside tabs)
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.live.harness import (
    RunningService,
    Starting,
    http_client,
    run,
    wait_http,
    wait_until,
    write_text,
)
from tests.live.services._provisioned import node, node_modules

USERNAME = "admin"
PASSWORD = "nodered-secret"
FLOWS = [
    {"id": "f1", "type": "tab", "label": "Home automation", "disabled": False, "info": ""},
    {"id": "n1", "type": "inject", "z": "f1", "name": "every minute", "props": [{"p": "payload"}],
     "repeat": "60", "once": False, "topic": "", "payload": "ping", "payloadType": "str",
     "x": 120, "y": 80, "wires": [["n2"]]},
    {"id": "n2", "type": "debug", "z": "f1", "name": "log", "active": True, "tosidebar": True,
     "complete": "payload", "x": 320, "y": 80, "wires": []},
    {"id": "f2", "type": "tab", "label": "Disabled flow", "disabled": True, "info": ""},
]  # fmt: skip


def _settings(port: int, password_hash: str) -> str:
    user = {"username": USERNAME, "password": password_hash, "permissions": "*"}
    return f"""module.exports = {{
  uiHost: "127.0.0.1",
  uiPort: {port},
  flowFile: "flows.json",
  credentialSecret: "launcher-tui-live",
  adminAuth: {{ type: "credentials", users: [{json.dumps(user)}] }},
  telemetry: {{ enabled: false }},
  diagnostics: {{ enabled: true, ui: false }},
  logging: {{ console: {{ level: "warn" }} }},
  editorTheme: {{ projects: {{ enabled: false }}, tours: false }},
  externalModules: {{ autoInstall: false, palette: {{ allowInstall: false }} }},
}};
"""


def start(tmpdir: Path) -> RunningService:
    modules = node_modules("nodered")
    exe = node()
    with Starting("nodered", tmpdir) as s:
        port = s.port()
        script = f"process.stdout.write(require({json.dumps(str(modules / 'bcryptjs'))}).hashSync(process.argv[1], 8))"
        password_hash = run([exe, "-e", script, PASSWORD]).stdout.decode()
        userdir = tmpdir / "userdir"
        write_text(userdir / "settings.js", _settings(port, password_hash))
        write_text(userdir / "flows.json", json.dumps(FLOWS))
        proc = s.spawn(
            [exe, modules / "node-red" / "red.js", "-u", userdir, "-p", str(port)],
            log="node-red.log",
            env={"HOME": str(tmpdir), "NODE_RED_ENABLE_PROJECTS": "false"},
        )
        url = f"http://127.0.0.1:{port}"
        wait_http(url + "/auth/login", proc=proc, timeout=90)
        form = {"client_id": "node-red-admin", "grant_type": "password", "scope": "*",
                "username": USERNAME, "password": PASSWORD}  # fmt: skip
        with http_client(base_url=url) as client:
            token = client.post("/auth/token", data=form).json()["access_token"]
            headers = {"Authorization": f"Bearer {token}", "Node-RED-API-Version": "v2"}

            def deployed() -> bool:
                return len(client.get("/flows", headers=headers).json()["flows"]) == len(FLOWS)

            wait_until(deployed, 60, proc=proc, what="node-red flows")
        tabs = [f for f in FLOWS if f["type"] == "tab"]
        return s.running(
            url=url,
            credentials={"username": USERNAME, "password": PASSWORD},
            extra={
                "flows": [t["label"] for t in tabs if not t["disabled"]],
                "disabled_flows": [t["label"] for t in tabs if t["disabled"]],
                "nodes": sum("z" in f for f in FLOWS),
            },
        )
