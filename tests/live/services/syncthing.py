"""Real Syncthing 1.19 (Debian) on 127.0.0.1 with a known API key and one scanned folder.

``syncthing generate`` makes the keys and a config, which we then edit: GUI/API on our port with
our API key, and everything that would leave the machine off (global/local discovery, relays,
NAT, usage reporting, crash reporting, upgrades). One folder ``docs`` with three files is shared
with nobody; ``start()`` waits until its first scan is done (state ``idle``).

RunningService:
  url          http://127.0.0.1:PORT   (REST API, header ``X-API-Key``; Basic user/pass also works)
  credentials  api_key, username, password
  extra        folder_id ("docs"), folder_label, folder_path, folder_files (3), device_id
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tests.live.harness import (
    RunningService,
    Starting,
    http_client,
    require_binary,
    run,
    wait_http,
    wait_until,
    write_text,
)

API_KEY = "launcher-tui-syncthing-key-0123456789"
USERNAME = "admin"
PASSWORD = "syncthing-secret"
FOLDER_ID = "docs"
FOLDER_LABEL = "Documents"
FOLDER_FILES = 3

OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "urAccepted": "-1",
    "autoUpgradeIntervalH": "0",
    "crashReportingEnabled": "false",
    "startBrowser": "false",
    "announceLANAddresses": "false",
    "stunKeepaliveStartS": "0",
}


def _set(parent: ET.Element, tag: str, text: str) -> None:
    el = parent.find(tag)
    if el is None:
        el = ET.SubElement(parent, tag)
    el.text = text


def _edit_config(config: Path, port: int, peer_port: int, folder: Path) -> str:
    """Point GUI/listen at loopback, turn off everything external, add the folder."""
    tree = ET.parse(config)
    root = tree.getroot()
    device = root.find("device")
    gui = root.find("gui")
    options = root.find("options")
    if device is None or gui is None or options is None:
        raise RuntimeError(f"unexpected syncthing config layout in {config}")
    device_id = device.get("id", "")
    _set(gui, "address", f"127.0.0.1:{port}")
    _set(gui, "apikey", API_KEY)
    for key, value in {"listenAddress": f"tcp://127.0.0.1:{peer_port}", **OPTIONS}.items():
        _set(options, key, value)
    f = ET.SubElement(
        root,
        "folder",
        {
            "id": FOLDER_ID,
            "label": FOLDER_LABEL,
            "path": str(folder),
            "type": "sendreceive",
            "rescanIntervalS": "3600",
            "fsWatcherEnabled": "false",
        },
    )
    ET.SubElement(f, "device", {"id": device_id})
    tree.write(config)
    return device_id


def start(tmpdir: Path) -> RunningService:
    exe = require_binary("syncthing")
    with Starting("syncthing", tmpdir) as s:
        port, peer_port = s.port(), s.port()
        home = tmpdir / "home"
        env = {"HOME": str(tmpdir), "STNODEFAULTFOLDER": "1", "STNOUPGRADE": "1"}
        run(
            [exe, "generate", f"--home={home}", "--no-default-folder", "--skip-port-probing",
             f"--gui-user={USERNAME}", f"--gui-password={PASSWORD}"],
            env=env,
        )  # fmt: skip
        folder = tmpdir / "sync" / FOLDER_ID
        for i in range(FOLDER_FILES):
            write_text(folder / f"file{i}.txt", f"hello {i}\n" * 100)
        device_id = _edit_config(home / "config.xml", port, peer_port, folder)
        proc = s.spawn(
            [exe, "serve", f"--home={home}", "--no-browser", "--no-restart", "--no-upgrade",
             "--logflags=0"],
            log="syncthing.log",
            env=env,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        headers = {"X-API-Key": API_KEY}
        wait_http(url + "/rest/system/ping", ok_statuses={200}, proc=proc, headers=headers)
        with http_client(base_url=url, headers=headers) as client:

            def scanned() -> bool:
                st = client.get("/rest/db/status", params={"folder": FOLDER_ID}).json()
                return st.get("state") == "idle" and st.get("localFiles") == FOLDER_FILES

            wait_until(scanned, 20, interval=0.2, proc=proc, what="syncthing folder scan")
        return s.running(
            url=url,
            credentials={"api_key": API_KEY, "username": USERNAME, "password": PASSWORD},
            extra={
                "folder_id": FOLDER_ID,
                "folder_label": FOLDER_LABEL,
                "folder_path": str(folder),
                "folder_files": FOLDER_FILES,
                "device_id": device_id,
            },
        )
