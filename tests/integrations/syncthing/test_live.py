"""``syncthing`` against a real Syncthing 1.19 with one scanned folder shared with nobody.

The last test breaks things on purpose (a logged error, a folder whose marker vanished), so it
runs after the good-path ones. Run as root:
``unshare -n sh -c 'ip link set lo up && exec python -m pytest tests/integrations/syncthing -q'``
"""

from __future__ import annotations

from pathlib import Path

import pytest

from integrations.errors import AuthError
from integrations.models import FetchResult, Severity
from launcher_tui.runtime import Runtime, Target
from tests.live.harness import RunningService, http_client, service_fixture, wait_until
from tests.support.timeouts import REQUEST_TIMEOUT

pytestmark = pytest.mark.live("syncthing")
syncthing = service_fixture("syncthing")


def target(svc: RunningService, key: str | None = None) -> Target:
    config = {"api_key": key if key is not None else svc.credentials["api_key"]}
    return Target("st", "Syncthing", svc.url, "syncthing", config=config, timeout=REQUEST_TIMEOUT)


async def fetch(rt: Runtime, svc: RunningService, endpoint: str) -> FetchResult:
    return (await rt.fetch(target(svc), endpoint, force=True)).value


async def test_connection_good_and_bad_key(syncthing: RunningService, runtime: Runtime) -> None:
    good = await runtime.test_connection(target(syncthing))
    assert good.ok, good.error
    assert good.summary.startswith("Syncthing v1.19.2")
    bad = await runtime.test_connection(target(syncthing, key="wrong"))
    assert isinstance(bad.error, AuthError)


async def test_folder_idle_and_complete(syncthing: RunningService, runtime: Runtime) -> None:
    label, files = syncthing.extra["folder_label"], syncthing.extra["folder_files"]
    rows = (await fetch(runtime, syncthing, "folders")).data.rows
    assert [(r.title, r.status, r.level) for r in rows] == [(label, "idle", Severity.OK)]
    assert f"{files} files" in rows[0].detail
    items = (await fetch(runtime, syncthing, "completion")).data.items
    assert [(i.label, i.percent) for i in items] == [(label, 100.0)]


async def test_status(syncthing: RunningService, runtime: Runtime) -> None:
    stats = {s.label: s.value for s in (await fetch(runtime, syncthing, "status")).data.stats}
    assert str(stats["Version"]).startswith("v1.19.2")
    assert stats["Devices"] == "0/0"  # the folder is shared with no other device
    assert stats["Uptime"] and str(stats["Uptime"])[-1] in "smhd"


async def test_errors_follow_the_service(syncthing: RunningService, runtime: Runtime) -> None:
    before = (await fetch(runtime, syncthing, "errors")).alerts
    # as root Syncthing logs "should not run as a privileged user": a warning, no folder trouble
    assert all(a.severity is Severity.WARNING and a.key.startswith("error:") for a in before)
    headers = {"X-API-Key": syncthing.credentials["api_key"]}
    broken = Path(syncthing.tmpdir) / "broken"
    with http_client(base_url=syncthing.url, headers=headers) as client:
        # Syncthing's own error log (what its GUI shows in the notification bar)
        client.post("/rest/system/error", content="launcher-tui live test error").raise_for_status()
        # a second folder whose .stfolder marker disappears: Syncthing stops it with an error
        device = syncthing.extra["device_id"]
        folder = {
            "id": "broken",
            "label": "Broken",
            "path": str(broken),
            "devices": [{"deviceID": device}],
        }
        client.post("/rest/config/folders", json=folder).raise_for_status()

        def state() -> str:
            return (
                client.get("/rest/db/status", params={"folder": "broken"}).json().get("state", "")
            )

        wait_until(lambda: state() == "idle", 20, interval=0.2, what="broken folder scanned")
        (broken / ".stfolder").rmdir()
        client.post("/rest/db/scan", params={"folder": "broken"})
        wait_until(lambda: state() == "error", 20, interval=0.2, what="folder error")

    result = await fetch(runtime, syncthing, "errors")
    by_key = {a.key: a for a in result.alerts}
    assert by_key["folder:broken"].severity is Severity.CRITICAL
    assert "Broken" in by_key["folder:broken"].message
    logged = by_key["error:launcher-tui live test error"]
    assert logged.severity is Severity.WARNING and logged.source == "Syncthing"
    rows = {r.title: r for r in (await fetch(runtime, syncthing, "folders")).data.rows}
    assert rows["Broken"].status == "error" and rows["Broken"].level is Severity.CRITICAL
