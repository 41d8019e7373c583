"""``discover docker`` against a real dockerd (Debian docker.io) on its own socket in a temp dir.

The engine comes from tests/live/services/docker.py (its image is built locally from a static
binary; nothing is pulled). This module adds containers of that image carrying homepage.* labels
of every kind, discovers them through a docker app bound to the socket, and removes them again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from launcher_tui.services import open_services
from tests.importers.conftest import Run
from tests.live.harness import RunningService, service_fixture, unix_http_client

pytestmark = pytest.mark.live("docker")
docker = service_fixture("docker")

KEY = "lidarr-live-KEY-90ab"
LABELLED = {
    "hp-lidarr": {
        "homepage.name": "Lidarr",
        "homepage.group": "Music",
        "homepage.href": "http://lidarr.lan:8686",
        "homepage.icon": "lidarr.png",
        "homepage.widget.type": "lidarr",
        "homepage.widget.url": "http://lidarr:8686",
        "homepage.widget.key": "{{HOMEPAGE_VAR_LIDARR_KEY}}",
        "homepage.widget.enableQueue": "true",
    },
    "hp-kuma": {
        "homepage.name": "Uptime",
        "homepage.group": "Infra",
        "homepage.weight": "-1",
        "homepage.instance.lab.href": "http://uptime.lab:3001",
        "homepage.href": "http://uptime.lan:3001",
        "homepage.widgets[0].type": "uptimekuma",
        "homepage.widgets[0].url": "http://uptime:3001",
        "homepage.widgets[0].slug": "all",
    },
    "hp-odd": {
        "homepage.name": "Odd",
        "homepage.group": "Infra",
        "homepage.href": "http://odd.lan",
        "homepage.widget.type": "statsx",
    },
}


@pytest.fixture(scope="module")
def labelled(docker: RunningService) -> Iterator[dict[str, Any]]:
    with unix_http_client(docker.extra["socket"], timeout=30) as client:
        try:
            for name, labels in LABELLED.items():
                body = {
                    "Image": docker.extra["image"],
                    "Cmd": ["/sleeper"],
                    "Labels": labels,
                    "HostConfig": {"NetworkMode": "none"},
                }
                r = client.post("/containers/create", params={"name": name}, json=body)
                assert r.status_code == 201, r.text
                assert client.post(f"/containers/{name}/start").status_code == 204
            yield LABELLED
        finally:
            for name in LABELLED:
                with contextlib.suppress(httpx.HTTPError):
                    client.delete(f"/containers/{name}", params={"force": "true"})


def test_discovers_labelled_containers_of_a_real_engine(
    run: Run, docker: RunningService, labelled: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOMEPAGE_VAR_LIDARR_KEY", KEY)
    code, _, err = run("apps", "add", "Engine", "--url", docker.url, "--integration", "docker")
    assert code == 0, err
    code, result = run.json("discover", "docker", "Engine", "--instance", "lab")
    assert code == 0
    assert [(a["name"], a["integration"]) for a in result["apps"]] == [
        ("Uptime", "uptimekuma"),  # weight -1 first, then by name at weight 0
        ("Lidarr", "lidarr"),
        ("Odd", None),
    ]
    reasons = {r["name"]: r["reasons"] for r in result["not_mapped"]}
    assert any("'statsx'" in r for r in reasons["Odd"])
    running = docker.extra["running_container"]  # labelled homepage.group only
    assert reasons[f"container {running}"] == ["no homepage.name label"]
    with open_services() as services:
        apps = {a.name: a for a in services.apps.list()}
        assert apps["Uptime"].url == "http://uptime.lab:3001"
        assert apps["Lidarr"].source == "docker"
        assert services.apps.target("Lidarr").config["api_key"] == KEY
        widgets = sorted((w.app, w.endpoint) for w in services.widgets.list("Homepage"))
    assert widgets == [("Lidarr", "counts"), ("Lidarr", "queue"), ("Uptime", "monitors")]
    code, again = run.json("discover", "docker", "--instance", "lab")
    assert {a["action"] for a in again["apps"]} == {"unchanged"} and again["widgets_added"] == 0
    assert KEY not in run.everything
