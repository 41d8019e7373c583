"""``discover docker`` against a loopback Docker Engine API answering the recorded container list.

The containers are the recorded answer of a real engine (tests/integrations/docker/fixtures)
with their labels replaced: labels of every kind Homepage reads.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from launcher_tui.importers.labels import put, read_labels, steps
from launcher_tui.services import open_services
from tests.importers.conftest import Run
from tests.support.loopback import LoopbackServer, Response

RECORDED = json.loads(
    (Path(__file__).parents[1] / "integrations/docker/fixtures/containers.json").read_text()
)["body"][0]
SONARR_KEY = "sonarr-label-KEY-41b7"

LABELS: dict[str, dict[str, str]] = {
    "sonarr": {
        "homepage.name": "Sonarr",
        "homepage.group": "Media",
        "homepage.icon": "sonarr.png",
        "homepage.href": "http://sonarr.lan:8989",
        "homepage.description": "Series",
        "homepage.weight": "5",
        "homepage.widget.type": "sonarr",
        "homepage.widget.url": "http://sonarr:8989",
        "homepage.widget.key": "{{HOMEPAGE_VAR_SONARR_KEY}}",
        "homepage.widget.fields": '["wanted", "queued"]',
        "homepage.widget.enableQueue": "true",
        "com.docker.compose.project": "media",
    },
    "api": {
        "homepage.name": "Status API",
        "homepage.group": "Media",
        "homepage.href": "http://api.lan",
        "homepage.widgets[0].type": "customapi",
        "homepage.widgets[0].url": "http://api.lan/status",
        "homepage.widgets[0].headers.X-Auth-Key": "{{HOMEPAGE_VAR_MISSING}}",
        "homepage.widgets[0].mappings[0].field.status": "state",
        "homepage.widgets[0].mappings[0].label": "State",
    },
    "kuma": {
        "homepage.name": "Kuma",
        "homepage.group": "Infra",
        "homepage.href": "http://kuma.default:3001",
        "homepage.instance.lab.href": "http://kuma.lab:3001",
        "homepage.instance.other.href": "http://kuma.other:3001",
        "homepage.widget.type": "uptimekuma",
        "homepage.widget.url": "http://kuma:3001",
        "homepage.widget.slug": "home",
    },
    "nameless": {"homepage.group": "Media", "homepage.href": "http://x.lan"},
    "plain": {"maintainer": "someone"},
}


def container(name: str, labels: dict[str, str]) -> dict[str, Any]:
    entry = copy.deepcopy(RECORDED)
    entry.update(
        Id=name * 8, Names=[f"/{name}"], Labels=labels, State="running", Status="Up 1 hour"
    )
    return entry


@pytest.fixture
def engine(loopback: LoopbackServer) -> dict[str, dict[str, str]]:
    labels = copy.deepcopy(LABELS)
    loopback.route(
        "GET",
        "/containers/json",
        lambda request: Response(200, [container(n, ls) for n, ls in labels.items()]),
    )
    return labels


@pytest.fixture
def docker_app(run: Run, loopback: LoopbackServer, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("HOMEPAGE_VAR_SONARR_KEY", SONARR_KEY)
    monkeypatch.delenv("HOMEPAGE_VAR_MISSING", raising=False)
    code, _, err = run("apps", "add", "Engine", "--url", loopback.url, "--integration", "docker")
    assert code == 0, err
    return "Engine"


def test_labels_become_apps_and_widgets(
    run: Run, engine: dict[str, Any], docker_app: str, loopback: LoopbackServer
) -> None:
    code, result = run.json("discover", "docker", "--instance", "lab")
    assert code == 0
    assert loopback.requests_to("/containers/json")[0].param("all") == "1"
    assert [(a["name"], a["action"], a["integration"]) for a in result["apps"]] == [
        ("Kuma", "create", "uptimekuma"),  # no weight: 0, before Sonarr's 5
        ("Status API", "create", "customapi"),  # without its missing header, reported
        ("Sonarr", "create", "sonarr"),
    ]
    reasons = {r["name"]: r["reasons"] for r in result["not_mapped"]}
    assert "HOMEPAGE_VAR_MISSING is not set: its value was left out" in reasons["Status API"]
    assert reasons["container nameless"] == ["no homepage.name label"]
    assert "plain" not in json.dumps(result["not_mapped"])
    with open_services() as services:
        apps = {a.name: a for a in services.apps.list()}
        sonarr = apps["Sonarr"]
        assert (sonarr.source, sonarr.url, sonarr.group, sonarr.icon) == (
            "docker",
            "http://sonarr.lan:8989",
            "Media",
            "sonarr.png",
        )
        assert sonarr.source_key == f"{apps['Engine'].id}/sonarr"
        assert services.apps.target("Sonarr").config == {
            "api_url": "http://sonarr:8989/",
            "api_key": SONARR_KEY,
        }
        assert apps["Kuma"].url == "http://kuma.lab:3001"  # the instance label wins
        widgets = {(w.app, w.endpoint) for w in services.widgets.list("Homepage")}
    assert widgets == {
        ("Sonarr", "counts"),
        ("Sonarr", "queue"),
        ("Kuma", "monitors"),
        ("Status API", "stat"),
    }
    assert SONARR_KEY not in run.everything


def test_rediscovery_updates_and_keeps_hand_edits(
    run: Run, engine: dict[str, Any], docker_app: str
) -> None:
    run("discover", "docker", "Engine")
    code, _, err = run("apps", "edit", "Sonarr", "--icon", "TV")
    assert code == 0, err
    engine["sonarr"]["homepage.description"] = "Series, relabelled"
    engine["sonarr"]["homepage.icon"] = "sonarr.svg"
    code, dry = run.json("discover", "docker", "--dry-run")
    assert dry["dry_run"] and dry["widgets_added"] == 0
    with open_services() as services:
        assert services.apps.get("Sonarr").description == "Series"  # the dry run changed nothing
    code, result = run.json("discover", "docker")
    sonarr = next(a for a in result["apps"] if a["name"] == "Sonarr")
    assert (sonarr["action"], sonarr["changed"], sonarr["kept_user_edits"]) == (
        "update",
        ["description"],
        ["icon"],
    )
    with open_services() as services:
        app = services.apps.get("Sonarr")
        assert (app.description, app.icon) == ("Series, relabelled", "TV")
        assert len([a for a in services.apps.list() if a.source == "docker"]) == 3


def test_no_docker_app_is_an_input_error(run: Run) -> None:
    code, _, err = run("discover", "docker")
    assert code == 2 and "no docker app" in err


def test_at_start_setting(run: Run, engine: dict[str, Any], docker_app: str) -> None:
    from launcher_tui.importers.discover import discover_at_start

    with open_services() as services:
        assert discover_at_start(services) is None  # off by default
    code, _, err = run("discover", "docker", "--at-start", "on", "--dry-run")
    assert code == 0 and "dashboard starts: on" in err
    with open_services() as services:
        outcome = discover_at_start(services)
        assert outcome is not None and [a["name"] for a in outcome.apps][-1] == "Sonarr"
        assert services.apps.get("Sonarr").source == "docker"


def test_label_paths() -> None:
    assert steps("widgets[0].mappings[1].field.status") == [
        "widgets",
        0,
        "mappings",
        1,
        "field",
        "status",
    ]
    target: dict[str, Any] = {}
    put(target, ["widgets", 1, "type"], "x")
    put(target, ["widget", "headers", "X-Key"], "k")
    assert target == {"widgets": [None, {"type": "x"}], "widget": {"headers": {"X-Key": "k"}}}
    service = read_labels(
        {"homepage.name": "A", "homepage.group": "G", "homepage.widgets[1].type": "x"}
    )
    assert service is not None and service.service == {"widgets": [{"type": "x"}]}
    assert read_labels({"other": "1"}) is None
    huge = read_labels(
        {"homepage.name": "A", "homepage.group": "G", "homepage.widgets[99999].type": "x"}
    )
    assert huge is not None and huge.service == {} and huge.problems


def test_dashboard_start_runs_discovery_only_when_on(
    run: Run, engine: dict[str, Any], docker_app: str, loopback: LoopbackServer
) -> None:
    from launcher_tui.cli.commands.dashboard import discover_at_start
    from launcher_tui.cli.output import Output

    discover_at_start(Output())
    assert loopback.requests_to("/containers/json") == []
    run("discover", "docker", "--at-start", "on", "--dry-run")
    asked = len(loopback.requests_to("/containers/json"))
    discover_at_start(Output())
    assert len(loopback.requests_to("/containers/json")) == asked + 1
    with open_services() as services:
        assert services.apps.get("Sonarr").source == "docker"


def test_label_text_is_data_not_terminal_control(
    run: Run, engine: dict[str, Any], docker_app: str
) -> None:
    engine["sonarr"]["homepage.name"] = "Evil\x1b]52;c;aGk=\x07\u202eName"
    engine["sonarr"]["homepage.description"] = "\x1b[2J cleared"
    code, out, _ = run("discover", "docker")
    assert code == 0
    assert "\x1b" not in out and "\u202e" not in out and "Evil␛]52;c;aGk=␇⟨U+202E⟩Name" in out
    with open_services() as services:  # a name is one printable line; a description is data
        app = services.apps.get("Evil␛]52;c;aGk=␇⟨U+202E⟩Name")
        assert app.description == "\x1b[2J cleared"


def test_swarm_services_deploy_labels(
    run: Run, engine: dict[str, Any], docker_app: str, loopback: LoopbackServer
) -> None:
    service = {
        "ID": "x1y2z3",
        "Spec": {
            "Name": "stack_grafana",
            "Labels": {
                "homepage.name": "Grafana",
                "homepage.group": "Infra",
                "homepage.href": "http://grafana.lan:3000",
                "com.docker.stack.namespace": "stack",
            },
        },
    }
    loopback.json("GET", "/services", [service, {"ID": "nolabels", "Spec": {"Name": "db"}}])
    code, result = run.json("discover", "docker")
    assert code == 0
    grafana = next(a for a in result["apps"] if a["name"] == "Grafana")
    assert grafana["key"].endswith("/service/stack_grafana") and grafana["group"] == "Infra"
    loopback.json("GET", "/services", {"message": "This node is not a swarm manager."}, status=503)
    code, again = run.json("discover", "docker")  # a plain engine: containers only, no error
    assert code == 0 and "Grafana" not in [a["name"] for a in again["apps"]]
