"""Smoke tests for the PyPI/npm real services: start, authenticate, reject bad auth, stop cleanly.

Each service is started by its module in ``tests/live/services/`` (installed by
``.ci/provision-python-node.sh``); run as root in a private network namespace::

    unshare -n sh -c 'ip link set lo up && exec python -m pytest tests/live/test_smoke_python_node.py -q'

The per-service checks also assert the "interesting data" each module promises in ``extra``, so a
module that comes up empty fails here rather than in an integration test far away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.live.harness import RunningService, http_client, port_is_free, start_service

WRONG = "definitely-wrong-secret"


def check_glances4(svc: RunningService, client: httpx.Client) -> None:
    creds = svc.credentials
    api = svc.url + svc.extra["api_path"]
    r = client.get(f"{api}/mem", auth=(creds["username"], creds["password"]))
    assert r.status_code == 200
    assert r.json()["total"] > 0
    assert client.get(f"{api}/mem", auth=(creds["username"], WRONG)).status_code == 401
    assert client.get(f"{api}/mem").status_code == 401


def check_octoprint(svc: RunningService, client: httpx.Client) -> None:
    good = {"X-Api-Key": svc.credentials["api_key"]}
    r = client.get(f"{svc.url}/api/job", headers=good)
    assert r.status_code == 200
    job = r.json()
    assert job["state"].startswith("Printing")
    assert job["job"]["file"]["name"] == svc.extra["job_file"]
    assert 0 < job["progress"]["completion"] < 100
    alt = {"X-Api-Key": svc.extra["global_api_key"]}
    assert client.get(f"{svc.url}/api/version", headers=alt).status_code == 200
    assert client.get(f"{svc.url}/api/job", headers={"X-Api-Key": WRONG}).status_code == 403
    assert client.get(f"{svc.url}/api/job").status_code == 403


def check_homebridge(svc: RunningService, client: httpx.Client) -> None:
    creds = svc.credentials
    login = f"{svc.url}/api/auth/login"
    r = client.post(login, json={"username": creds["username"], "password": creds["password"]})
    assert r.status_code == 201
    bearer = {"Authorization": f"Bearer {r.json()['access_token']}"}
    r = client.get(f"{svc.url}/api/status/homebridge", headers=bearer)
    assert r.status_code == 200
    assert r.json()["status"] == "up"
    bad = client.post(login, json={"username": creds["username"], "password": WRONG})
    assert bad.status_code == 403
    assert client.get(f"{svc.url}/api/status/homebridge").status_code == 401
    forged = {"Authorization": f"Bearer {WRONG}"}
    assert client.get(f"{svc.url}/api/status/homebridge", headers=forged).status_code == 401


def check_changedetectionio(svc: RunningService, client: httpx.Client) -> None:
    good = {"x-api-key": svc.credentials["api_key"]}
    r = client.get(f"{svc.url}/api/v1/watch", headers=good)
    assert r.status_code == 200
    watches = r.json()
    changing = watches[svc.extra["changing_uuid"]]
    assert changing["last_changed"] > 0
    assert changing["title"] == svc.extra["changing_title"]
    assert not changing["last_error"]
    assert svc.extra["static_uuid"] in watches
    history = client.get(
        f"{svc.url}/api/v1/watch/{svc.extra['changing_uuid']}/history", headers=good
    ).json()
    assert len(history) >= 2
    assert client.get(f"{svc.url}/api/v1/watch", headers={"x-api-key": WRONG}).status_code == 403
    assert client.get(f"{svc.url}/api/v1/watch").status_code == 403


def check_uptimekuma(svc: RunningService, client: httpx.Client) -> None:
    slug = svc.extra["status_page_slug"]
    r = client.get(f"{svc.url}/api/status-page/heartbeat/{slug}")
    assert r.status_code == 200
    beats = r.json()["heartbeatList"]
    latest = {mid: hb[-1]["status"] for mid, hb in beats.items()}
    assert latest == {str(svc.extra["up_monitor_id"]): 1, str(svc.extra["down_monitor_id"]): 0}
    r = client.get(f"{svc.url}/metrics", auth=("", svc.credentials["api_key"]))
    assert r.status_code == 200
    assert f'monitor_name="{svc.extra["up_monitor"]}"' in r.text
    assert client.get(f"{svc.url}/metrics", auth=("", WRONG)).status_code == 401
    assert client.get(f"{svc.url}/metrics").status_code == 401


def check_homeassistant(svc: RunningService, client: httpx.Client) -> None:
    good = {"Authorization": f"Bearer {svc.credentials['token']}"}
    r = client.get(f"{svc.url}/api/states", headers=good)
    assert r.status_code == 200
    states = {s["entity_id"]: s["state"] for s in r.json()}
    assert states[svc.extra["person"]] == "home"
    assert states[svc.extra["light"]] == "on"
    forged = {"Authorization": f"Bearer {WRONG}"}
    assert client.get(f"{svc.url}/api/", headers=forged).status_code == 401
    assert client.get(f"{svc.url}/api/").status_code == 401


def check_calibreweb(svc: RunningService, client: httpx.Client) -> None:
    stats = f"{svc.url}/opds/stats"
    r = client.get(stats, auth=(svc.credentials["username"], svc.credentials["password"]))
    assert r.status_code == 200
    assert r.json() == svc.extra["stats"]
    # one wrong try: a third within a minute would get the user refused with 429
    assert client.get(stats, auth=(svc.credentials["username"], WRONG)).status_code == 401
    assert client.get(stats).status_code == 401


CHECKS: dict[str, Callable[[RunningService, httpx.Client], None]] = {
    "glances4": check_glances4,
    "homebridge": check_homebridge,
    "octoprint": check_octoprint,
    "changedetectionio": check_changedetectionio,
    "uptimekuma": check_uptimekuma,
    "homeassistant": check_homeassistant,
    "calibreweb": check_calibreweb,
}


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with http_client(timeout=10.0) as c:
        yield c


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.live(n)) for n in CHECKS])
def test_start_auth_stop(name: str, tmp_path: Path, client: httpx.Client) -> None:
    svc = start_service(name, tmp_path)
    try:
        assert svc.url.startswith("http://127.0.0.1:")
        assert svc.credentials, "a service without credentials cannot test auth"
        CHECKS[name](svc, client)
    finally:
        svc.stop()
    assert not svc.alive(), svc.logs()
    busy = [p for p in svc.ports if not port_is_free(p)]
    assert not busy, f"ports still open after stop: {busy}"
