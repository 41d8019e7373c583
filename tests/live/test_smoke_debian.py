"""Smoke tests for the Debian-packaged real services in tests/live/services.

Each test proves the fixture contract the integration tests rely on: the service starts, answers
its readiness/auth check with the configured credentials, holds the "interesting data" it
promises in ``extra``, rejects wrong credentials where it has auth, and ``stop()`` leaves no
process and frees its ports. Run as root in a private network namespace:

    unshare -n sh -c 'ip link set lo up && exec python -m pytest tests/live/test_smoke_debian.py -q'
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from tests.live import harness
from tests.live.harness import RunningService, http_client, service_fixture, wait_until

transmission = service_fixture("transmission")
qbittorrent = service_fixture("qbittorrent")
deluge = service_fixture("deluge")
nzbget = service_fixture("nzbget")
nut = service_fixture("nut")
caddy = service_fixture("caddy")
glances = service_fixture("glances")
node_exporter = service_fixture("node_exporter")
prometheus = service_fixture("prometheus")
netdata = service_fixture("netdata")
syncthing = service_fixture("syncthing")
docker = service_fixture("docker")


def assert_stops(svc: RunningService) -> None:
    """stop() must leave nothing behind: no process of ours, every port released."""
    svc.stop()
    assert not svc.alive(), svc.logs()
    assert svc.killed_strays == [], f"had to SIGKILL leftovers: {svc.killed_strays}"
    assert harness.pids_mentioning(svc.tmpdir) == []
    for port in svc.ports:
        assert harness.port_is_free(port), f"{svc.name}: port {port} still answers after stop"
    svc.stop()  # idempotent


def host_port(svc: RunningService) -> tuple[str, int]:
    host, port = svc.url.split("://", 1)[1].rsplit(":", 1)
    return host, int(port)


# --------------------------------------------------------------------------- torrents


def transmission_rpc(
    client: httpx.Client, url: str, method: str, arguments: dict[str, Any] | None = None
) -> httpx.Response:
    body = {"method": method, "arguments": arguments or {}}
    r = client.post(url, json=body)
    if r.status_code == 409:  # CSRF handshake
        client.headers["X-Transmission-Session-Id"] = r.headers["X-Transmission-Session-Id"]
        r = client.post(url, json=body)
    return r


@pytest.mark.live("transmission")
def test_transmission(transmission: RunningService) -> None:
    rpc_url = transmission.url + transmission.extra["rpc_path"]
    creds = transmission.credentials
    with http_client(auth=(creds["username"], creds["password"])) as client:
        r = transmission_rpc(client, rpc_url, "session-get")
        assert r.status_code == 200
        assert r.json()["arguments"]["rpc-version"] >= 15
        fields = ["name", "status", "percentDone"]
        torrents = transmission_rpc(client, rpc_url, "torrent-get", {"fields": fields}).json()
        by_name = {t["name"]: t for t in torrents["arguments"]["torrents"]}
    seeding, stalled = (
        by_name[transmission.extra[k]] for k in ("seeding_torrent", "stalled_torrent")
    )
    assert (seeding["status"], seeding["percentDone"]) == (6, 1)
    assert (stalled["status"], stalled["percentDone"]) == (4, 0)
    with http_client(auth=(creds["username"], "wrong")) as client:
        assert client.post(rpc_url, json={"method": "session-get"}).status_code == 401
    assert_stops(transmission)


@pytest.mark.live("qbittorrent")
def test_qbittorrent(qbittorrent: RunningService) -> None:
    creds = qbittorrent.credentials
    with http_client(base_url=qbittorrent.url) as client:
        assert client.get("/api/v2/torrents/info").status_code == 403
        wrong = client.post(
            "/api/v2/auth/login", data={"username": creds["username"], "password": "wrong"}
        )
        assert wrong.text == "Fails."
        ok = client.post("/api/v2/auth/login", data=creds)
        assert ok.text == "Ok." and "SID" in client.cookies
        states = {t["name"]: t for t in client.get("/api/v2/torrents/info").json()}
    seeding = states[qbittorrent.extra["seeding_torrent"]]
    stalled = states[qbittorrent.extra["stalled_torrent"]]
    assert seeding["progress"] == 1 and seeding["state"] in ("stalledUP", "uploading")
    assert stalled["progress"] == 0 and stalled["state"] in ("stalledDL", "downloading")
    assert seeding["hash"] == qbittorrent.extra["seeding_hash"]
    assert_stops(qbittorrent)


@pytest.mark.live("deluge")
def test_deluge(deluge: RunningService) -> None:
    def call(client: httpx.Client, method: str, *params: Any) -> Any:
        r = client.post("/json", json={"method": method, "params": list(params), "id": 1})
        return r.json()

    with http_client(base_url=deluge.url) as client:
        assert call(client, "auth.login", "wrong")["result"] is False
        assert call(client, "web.update_ui", ["name"], {})["error"] is not None  # not logged in
        assert call(client, "auth.login", deluge.credentials["password"])["result"] is True
        assert call(client, "web.connected")["result"] is True
        ui = call(client, "web.update_ui", ["name", "state", "progress"], {})["result"]
    torrents = ui["torrents"]
    assert torrents[deluge.extra["seeding_hash"]]["state"] == "Seeding"
    assert torrents[deluge.extra["stalled_hash"]]["state"] == "Downloading"
    assert torrents[deluge.extra["stalled_hash"]]["progress"] == 0
    assert_stops(deluge)


# --------------------------------------------------------------------------- usenet


@pytest.mark.live("nzbget")
def test_nzbget(nzbget: RunningService) -> None:
    creds = nzbget.credentials
    body = {"method": "listgroups", "params": [0], "id": 1}
    # one client per request: NZBGet 21 answers 401 with "keep-alive" but then drops the
    # connection, so a reused connection fails with RemoteProtocolError
    for auth in (None, (creds["username"], "wrong")):
        with http_client(base_url=nzbget.url, auth=auth) as client:
            assert client.post("/jsonrpc", json=body).status_code == 401
    with http_client(base_url=nzbget.url, auth=(creds["username"], creds["password"])) as client:
        r = client.post("/jsonrpc", json=body)
    groups = r.json()["result"]
    assert [g["NZBName"] for g in groups] == [nzbget.extra["queued_nzb"]]
    assert groups[0]["Status"] == "PAUSED"
    assert_stops(nzbget)


# --------------------------------------------------------------------------- ups


@pytest.mark.live("nut")
def test_nut(nut: RunningService) -> None:
    from tests.live.services import nut as nut_service

    host, port = host_port(nut)
    ups = nut.extra["ups_name"]
    creds = nut.credentials
    values = nut_service.read_vars(port, ups)
    assert values["ups.status"] == "OL"
    assert values["battery.charge"] == "100"
    with nut_service.NutClient(host, port) as c:
        c.command(f"USERNAME {creds['username']}")
        c.command("PASSWORD wrong")
        assert c.command(f"LOGIN {ups}") == "ERR ACCESS-DENIED"
    with nut_service.NutClient(host, port) as c:
        assert c.command(f"USERNAME {creds['username']}") == "OK"
        assert c.command(f"PASSWORD {creds['password']}") == "OK"
        assert c.command(f"LOGIN {ups}") == "OK"

    # the .dev file is the test's lever: switch to battery + low battery and watch upsd follow
    on_battery = {**nut.extra["initial_vars"], "ups.status": "OB LB", "battery.charge": "12"}
    nut_service.write_dev(nut.extra["dev_file"], on_battery)
    seen = wait_until(
        lambda: (v := nut_service.read_vars(port, ups))["ups.status"] == "OB LB" and v,
        10,
        interval=0.1,
        what="upsd reports OB LB",
    )
    assert seen["battery.charge"] == "12"
    assert_stops(nut)


# --------------------------------------------------------------------------- proxy


@pytest.mark.live("caddy")
def test_caddy(caddy: RunningService) -> None:
    with http_client(base_url=caddy.url) as client:
        assert client.get("/config/").status_code == 200
        rows = {r["address"]: r for r in client.get("/reverse_proxy/upstreams").json()}
        bodies = {http_client().get(caddy.extra["proxy_url"] + "/").text for _ in range(4)}
    assert set(rows) == {caddy.extra["upstream_up"], caddy.extra["upstream_down"]}
    assert rows[caddy.extra["upstream_down"]]["fails"] > 0
    assert rows[caddy.extra["upstream_up"]]["fails"] == 0
    assert "upstream ok\n" in bodies
    assert_stops(caddy)


# --------------------------------------------------------------------------- monitoring


@pytest.mark.live("glances")
def test_glances(glances: RunningService) -> None:
    api = f"{glances.url}/api/{glances.extra['api_version']}"
    creds = glances.credentials
    with http_client() as client:
        assert client.get(api + "/cpu").status_code == 401
        assert client.get(api + "/cpu", auth=(creds["username"], "wrong")).status_code == 401
        r = client.get(api + "/mem", auth=(creds["username"], creds["password"]))
    assert r.status_code == 200
    assert 0 <= r.json()["percent"] <= 100
    assert_stops(glances)


@pytest.mark.live("node_exporter")
def test_node_exporter(node_exporter: RunningService) -> None:
    with http_client() as client:
        text = client.get(node_exporter.url + "/metrics").text
    assert any(line.startswith("node_load1 ") for line in text.splitlines())
    assert_stops(node_exporter)


@pytest.mark.live("prometheus")
def test_prometheus(prometheus: RunningService) -> None:
    extra = prometheus.extra
    with http_client(base_url=prometheus.url) as client:
        targets = client.get("/api/v1/targets").json()["data"]["activeTargets"]
        alerts = client.get("/api/v1/alerts").json()["data"]["alerts"]
        bad = client.get("/api/v1/query", params={"query": "up{"})
    health = {t["labels"]["job"]: t["health"] for t in targets}
    assert health[extra["up_job"]] == "up"
    assert health[extra["down_job"]] == "down"
    firing = [a for a in alerts if a["labels"]["alertname"] == extra["alert_name"]]
    assert [a["labels"]["instance"] for a in firing] == [extra["down_target"]]
    assert bad.status_code == 400 and bad.json()["errorType"] == "bad_data"
    assert_stops(prometheus)


@pytest.mark.live("netdata")
def test_netdata(netdata: RunningService) -> None:
    with http_client(base_url=netdata.url) as client:
        info = client.get("/api/v1/info").json()
        data = client.get(
            "/api/v1/data",
            params={"chart": netdata.extra["chart"], "after": -3, "points": 3, "format": "json"},
        ).json()
    assert info["version"]
    assert netdata.extra["hostname"] in {info.get("hostname"), *info.get("mirrored_hosts", [])}
    assert data["labels"][0] == "time" and len(data["labels"]) > 1
    assert any(v is not None for row in data["data"] for v in row[1:])
    assert_stops(netdata)


# --------------------------------------------------------------------------- sync


@pytest.mark.live("syncthing")
def test_syncthing(syncthing: RunningService) -> None:
    creds = syncthing.credentials
    with http_client(base_url=syncthing.url) as client:
        assert client.get("/rest/system/ping").status_code in (401, 403)
        assert client.get("/rest/system/ping", headers={"X-API-Key": "wrong"}).status_code in (
            401,
            403,
        )
        key = {"X-API-Key": creds["api_key"]}
        assert client.get("/rest/system/ping", headers=key).json() == {"ping": "pong"}
        folders = client.get("/rest/config/folders", headers=key).json()
        status = client.get(
            "/rest/db/status", params={"folder": syncthing.extra["folder_id"]}, headers=key
        ).json()
    assert [f["id"] for f in folders] == [syncthing.extra["folder_id"]]
    assert status["localFiles"] == syncthing.extra["folder_files"]
    assert_stops(syncthing)


# --------------------------------------------------------------------------- containers


@pytest.mark.live("docker")
def test_docker(docker: RunningService) -> None:
    sock = docker.extra["socket"]
    assert docker.url == f"unix://{sock}"
    with harness.unix_http_client(sock) as client:
        assert client.get("/_ping").text == "OK"
        containers = client.get("/containers/json", params={"all": 1}).json()
    by_name = {c["Names"][0].lstrip("/"): c for c in containers}
    running = by_name[docker.extra["running_container"]]
    exited = by_name[docker.extra["exited_container"]]
    assert running["State"] == "running"
    assert running["Labels"][docker.extra["label_key"]] == docker.extra["label_value"]
    assert exited["State"] == "exited"
    assert f"Exited ({docker.extra['exited_code']})" in exited["Status"]
    assert_stops(docker)
    with pytest.raises(httpx.TransportError), harness.unix_http_client(sock) as client:
        client.get("/_ping")


# --------------------------------------------------------------------------- harness policy


def test_require_binary_skips_or_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """A missing service skips locally but fails under LAUNCHER_TUI_REQUIRE_LIVE=1."""
    missing = "launcher-tui-no-such-daemon"
    monkeypatch.delenv(harness.REQUIRE_LIVE_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match=missing):
        harness.require_binary(missing)
    monkeypatch.setenv(harness.REQUIRE_LIVE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match=missing):
        harness.require_binary(missing)
    assert harness.require_binary("sh").endswith("/sh")


def test_proc_stop_kills_the_whole_group(tmp_path: Any) -> None:
    """A daemon's forked helper dies with it, and a SIGTERM-ignoring one gets SIGKILLed."""
    proc = harness.Proc(
        ["sh", "-c", "trap '' TERM; sleep 60 & echo started; wait"], log=tmp_path / "p.log"
    )
    wait_until(lambda: "started" in proc.log_tail(), 5, proc=proc)
    t0 = time.monotonic()
    proc.stop(timeout=0.5)
    assert time.monotonic() - t0 < 5
    assert not proc.group_alive()
    assert harness.pids_mentioning(tmp_path) == []


def _flaky_daemon(exits: list[str]) -> Any:
    """A stand-in service module whose daemon ends as ``exits`` says, one start each.

    "segv": killed by SIGSEGV before ready; "fail": exits 1 before ready; "ok": ready and running.
    """
    starts: list[Path] = []
    commands = {
        "segv": "kill -SEGV $$",
        "fail": "exit 1",
        "ok": "echo ready; exec sleep 60",
    }

    def start(tmpdir: Path) -> RunningService:
        starts.append(tmpdir)
        with harness.Starting("flaky", tmpdir) as s:
            proc = s.spawn(["sh", "-c", commands[exits[len(starts) - 1]]], log="flaky.log")
            wait_until(lambda: "ready" in proc.log_tail(), 30, proc=proc, what="flaky ready")
            return s.running(url="http://127.0.0.1:9")

    return SimpleNamespace(start=start, starts=starts)


def test_a_daemon_that_crashes_before_ready_is_started_once_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(harness.HOST_NET_ENV, "1")
    module = _flaky_daemon(["segv", "ok"])
    monkeypatch.setitem(sys.modules, f"{harness.SERVICES_PACKAGE}.flaky", module)
    svc = harness.start_service("flaky", tmp_path)
    try:
        assert len(module.starts) == 2 and svc.alive()
    finally:
        svc.stop()


@pytest.mark.parametrize("exits", [["fail", "ok"], ["segv", "segv"]], ids=["exit-1", "two-crashes"])
def test_a_daemon_that_fails_or_crashes_twice_fails_the_test(
    exits: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(harness.HOST_NET_ENV, "1")
    module = _flaky_daemon(exits)
    monkeypatch.setitem(sys.modules, f"{harness.SERVICES_PACKAGE}.flaky", module)
    with pytest.raises(pytest.fail.Exception, match="flaky did not start"):
        harness.start_service("flaky", tmp_path)
    assert len(module.starts) == (1 if exits[0] == "fail" else 2)
