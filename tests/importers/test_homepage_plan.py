"""Reading Homepage config folders (real-world-shaped, under tests/importers/homepage/) into plans.

No store here: what each service becomes, in which order, and what is reported as not mapped.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integrations.customapi.paths import parse_path
from integrations.homepage import field_path, snake_case
from integrations.registry import registry
from launcher_tui.importers.errors import SourceError
from launcher_tui.importers.homepage import read_homepage
from launcher_tui.importers.plan import Plan, PlannedApp
from launcher_tui.importers.substitute import substitute

CONFIGS = Path(__file__).parent / "homepage"


def plan_of(name: str, env: dict[str, str] | None = None) -> Plan:
    return read_homepage(CONFIGS / name, registry, env=env or {})


def app(plan: Plan, name: str) -> PlannedApp:
    return next(a for a in plan.apps if a.name == name)


def test_docs_example(tmp_path: Path) -> None:
    secret_file = tmp_path / "transmission.pw"
    secret_file.write_text("tr-pass-Zq8\n")  # the newline of `echo x > file` must not come along
    plan = plan_of(
        "docs_example",
        {
            "HOMEPAGE_VAR_SONARR_KEY": "sonarr-KEY-1f2e",
            "HOMEPAGE_FILE_TRANSMISSION_PASSWORD": str(secret_file),
        },
    )
    # layout names "My Second Group" first; Sonarr's weight 50 puts it before weight 100
    assert [(a.group, a.name) for a in plan.apps] == [
        ("My Second Group", "Transmission"),
        ("My Second Group", "Pi-hole"),
        ("My First Group", "Sonarr"),
        ("My First Group", "My First Service"),
        ("My Third Group", "Uptime Kuma"),
        ("Info", "This machine"),
    ]
    sonarr = app(plan, "Sonarr")
    assert (sonarr.integration, sonarr.config) == ("sonarr", {"api_key": "sonarr-KEY-1f2e"})
    assert [w.endpoint for w in sonarr.widgets] == ["counts", "queue"]  # enableQueue: true
    transmission = app(plan, "Transmission")
    assert transmission.config == {
        "username": "admin",
        "password": "tr-pass-Zq8",
        "rpc_url": "/transmission/",
    }
    assert [(w.endpoint, w.refresh) for w in transmission.widgets] == [("speeds", 5.0)]
    pihole = app(plan, "Pi-hole")
    assert pihole.integration is None and pihole.url == "http://pi.hole"
    assert any("HOMEPAGE_VAR_PIHOLE_KEY is not set" in p for p in pihole.problems)
    assert any("'dnsfilterx': no integration" in p for p in pihole.problems)
    kuma = app(plan, "Uptime Kuma")
    assert kuma.config == {"slug": "home"} and kuma.icon == "uptime-kuma.png"
    machine = app(plan, "This machine")
    assert machine.integration == "system" and machine.reuse_existing
    assert [w.endpoint for w in machine.widgets] == ["cpu", "memory", "disks"]
    assert plan.settings == {"title": "My Homelab", "theme": "textual-dark", "clock": "on"}
    assert [(b.group, b.name, b.icon, b.url) for b in plan.bookmarks] == [
        ("Developer", "Github", "GH", "https://github.com/"),
        ("Social", "Reddit", "reddit.png", "https://reddit.com/"),
        ("Entertainment", "YouTube", "YT", "https://youtube.com/"),
    ]
    assert any("search" in p for p in plan.problems) and any("slate" in p for p in plan.problems)
    assert plan.secrets == {"sonarr-KEY-1f2e", "tr-pass-Zq8"}
    printed = json.dumps(plan.to_dict())
    assert "sonarr-KEY-1f2e" not in printed and "tr-pass-Zq8" not in printed


def test_nested_groups_weights_and_both_widget_forms() -> None:
    plan = plan_of(
        "nested_homelab", {"HOMEPAGE_VAR_RADARR_KEY": "radarr-k", "HOMEPAGE_VAR_QBIT_PASS": "qb"}
    )
    assert [(a.group, a.name) for a in plan.apps] == [
        ("Infra", "Proxy"),  # first in the layout
        ("Media", "Radarr"),
        ("Media", "Radarr · customapi"),  # a second widget of another type: its own app
        ("Media", "Lidarr"),  # the repeated "Media" group is merged
        ("Media / Streaming", "Jellyfin"),
        ("Media / Downloads", "NZBGet"),  # weight "10" before "20"
        ("Media / Downloads", "qBittorrent"),
    ]
    assert app(plan, "Proxy").columns == 2 and app(plan, "Radarr").columns == 5
    assert app(plan, "Jellyfin").columns == 1 and plan.board_columns == 5
    radarr_api = app(plan, "Radarr · customapi")
    assert radarr_api.key == "Media/Radarr#2"
    assert radarr_api.config == {
        "api_url": "http://10.0.0.5:7878",
        "auth": "header",
        "header_name": "X-Api-Key",
        "token": "radarr-k",
    }
    assert radarr_api.widgets[0].options == {
        "path": "/api/v3/system/status",
        "values": "Version=version",
    }
    qbit = app(plan, "qBittorrent")  # `widgets:` list form
    assert qbit.config == {"api_url": "http://10.0.0.5:8080", "username": "admin", "password": "qb"}
    nzbget = app(plan, "NZBGet")  # its password is missing: the setting is optional there
    assert nzbget.integration == "nzbget"
    assert any("HOMEPAGE_VAR_NZBGET_PASS is not set" in p for p in nzbget.problems)
    lidarr = app(plan, "Lidarr")
    assert lidarr.integration is None
    assert any("api_key" in p for p in lidarr.problems)
    assert plan.settings == {"title": "Anon's lab", "theme": "textual-light"}


def test_widget_options_thresholds_and_refresh() -> None:
    plan = plan_of(
        "custom_widgets",
        {
            "HOMEPAGE_VAR_ROUTER_TOKEN": "rt-1",
            "HOMEPAGE_VAR_BACKUP_PASS": "bp",
            "HOMEPAGE_VAR_HA_TOKEN": "ha-t",
        },
    )
    router = app(plan, "Router API")
    assert router.icon == "mdi-router-wireless-" and router.integration == "customapi"
    assert router.config == {"api_url": "http://router.lan:8080", "auth": "bearer", "token": "rt-1"}
    [stat] = router.widgets
    assert stat.endpoint == "stat" and stat.refresh == 10.0
    assert stat.options == {
        "path": "/api/stats?window=1h",
        "method": "POST",
        "body": '{"scope": "wan"}',
        "values": "Clients=data.clients.count; CPU=cpu|%; Uptime=uptime",
        "warning": 70.0,
        "critical": 90.0,
    }
    assert any("remap" in p for p in router.problems)
    backups = app(plan, "Backups")
    assert backups.config == {
        "api_url": "http://backup.lan",
        "auth": "basic",
        "username": "reader",
        "password": "bp",
    }
    assert [(w.endpoint, w.options) for w in backups.widgets] == [
        (
            "list",
            {
                "path": "/api/jobs",
                "title_field": "jobs[*].title",
                "detail_field": "jobs[*].state",
                "limit": 5,
            },
        )
    ]
    assert [w.endpoint for w in app(plan, "Prometheus").widgets] == ["targets"]
    metrics = app(plan, "Prometheus metrics")
    assert metrics.integration == "prometheus"  # the prometheusmetric alias
    assert [(w.endpoint, w.options, w.refresh) for w in metrics.widgets] == [
        ("query_stat", {"query": "sum(up)", "label": "Targets up"}, 2.0),  # 500 ms: our minimum
        (
            "query_stat",
            {
                "query": 'node_filesystem_avail_bytes{mountpoint="/"}',
                "label": "Free disk",
                "unit": "B",
            },
            2.0,
        ),
    ]
    glances = app(plan, "Glances CPU")
    assert glances.config == {"version": 4} and [w.endpoint for w in glances.widgets] == ["cpu"]
    assert any("sensor" in p for p in app(plan, "Glances sensor").problems)
    ha = app(plan, "Home Assistant")
    assert ha.config == {"token": "ha-t"}
    assert [(w.endpoint, w.options) for w in ha.widgets] == [
        ("entity", {"entity_id": "sensor.living_room_temperature", "label": "Living room"}),
        (
            "template",
            {
                "template": "{{ states.light|selectattr('state','equalto','on')|list|length }}",
                "label": "Lights on",
            },
        ),
    ]
    assert any("entity_id" in p for p in ha.problems)  # "not an entity id" is refused


def test_env_and_file_substitution(tmp_path: Path) -> None:
    (tmp_path / "deluge").write_text("deluge-pw\r\n")
    env = {
        "HOMEPAGE_FILE_DELUGE_PASSWORD": str(tmp_path / "deluge"),
        "HOMEPAGE_VAR_SONARR_KEY": "0123456789",  # unquoted digits: YAML reads a number
        "HOMEPAGE_FILE_CD_KEY": str(tmp_path / "missing-file"),
        "HOMEPAGE_VAR_DOCS_URL": "https://wiki.lan",
    }
    plan = plan_of("secrets_env", env)
    assert app(plan, "Deluge").config == {"password": "deluge-pw"}
    assert app(plan, "Sonarr").config == {"api_key": "0123456789"}
    readarr = app(plan, "Readarr")
    assert readarr.integration is None
    assert readarr.problems[0] == "HOMEPAGE_VAR_READARR_KEY is not set: its value was left out"
    changes = app(plan, "Changes")
    assert changes.integration is None and any("cannot read" in p for p in changes.problems)
    docs = app(plan, "Docs")
    assert docs.url == "https://wiki.lan" and docs.description == "Wiki (${NOT_SUBSTITUTED})"


def test_unknown_types_and_odd_entries_are_listed() -> None:
    plan = plan_of("unknown_types")
    reasons = {a.name: a.problems for a in plan.apps}
    assert any("'adblockerx'" in p for p in reasons["AdGuard"])
    assert any("'netcontrollerx'" in p for p in reasons["Unifi"])
    assert reasons["Caddy"] == ["widget: someFutureKey: not mapped (no such setting in caddy)"]
    assert app(plan, "Octo").url == "http://octoprint.lan"  # a bad href: the widget URL opens
    assert any("must start with a scheme" in p for p in reasons["Octo"])
    assert reasons["No type"] == ["widget: widget without a type"]
    skipped = {s["name"]: s["reason"] for s in plan.skipped}
    assert set(skipped) == {"Network/Bare entry", "Network/Headless widget", "Tools/Broken"}
    assert "'speedcheckx'" in skipped["Network/Headless widget"]
    assert [b.name for b in plan.bookmarks] == ["Good"]


def test_malformed_yaml_names_file_and_line() -> None:
    with pytest.raises(SourceError, match=r"services\.yaml line 8, column 11: expected ',' or ']'"):
        plan_of("malformed")


def test_not_a_homepage_folder(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"has none of services\.yaml"):
        read_homepage(tmp_path, registry)
    (tmp_path / "services.yaml").write_text("group: not a list\n")
    with pytest.raises(SourceError, match="expected a list of groups"):
        read_homepage(tmp_path, registry)


# -- properties -------------------------------------------------------------------------------

keys = st.one_of(
    # A dotted string is a path in Homepage's own syntax ("data.users.count"), not one key.
    st.text(min_size=1, max_size=12).filter(
        lambda s: not s.strip().lstrip("-").isdigit() and "." not in s
    ),
    st.integers(min_value=0, max_value=99),
)


@pytest.mark.parametrize("key", ["$", "$count", "$.x", "$[0]"])
def test_a_key_starting_with_dollar_is_a_key_not_the_root(key: str) -> None:
    """Found by the property below: Homepage's ``field: $`` named a key, our path read the root."""
    assert parse_path(field_path({key: "total"})).steps == (key, "total")
    assert parse_path(field_path(key)).steps == (key,)


@given(st.lists(keys, min_size=1, max_size=4))
def test_field_path_always_parses_to_the_same_steps(steps: list[object]) -> None:
    spec: object = steps[-1]
    for step in reversed(steps[:-1]):
        spec = {step: spec}
    parsed = parse_path(field_path(spec))
    assert list(parsed.steps) == [s if isinstance(s, int) else str(s) for s in steps]


@given(st.text(max_size=40), st.text(alphabet="ABCXYZ_", min_size=1, max_size=8))
def test_substitution_leaves_no_placeholder(value: str, name: str) -> None:
    text = f"a: {{{{HOMEPAGE_VAR_{name}}}}}\nb: {{{{HOMEPAGE_VAR_{name}Q}}}}\n"
    done = substitute(text, {f"HOMEPAGE_VAR_{name}": value})
    assert "{{" not in done.text.replace(value, "")
    if "\n" in value:
        assert f"HOMEPAGE_VAR_{name}" in done.problems
    else:
        assert done.text.startswith(f"a: {value}\n")
        assert value in done.values
    assert f"HOMEPAGE_VAR_{name}Q" in done.problems


def test_snake_case() -> None:
    assert [snake_case(k) for k in ("rpcUrl", "slug", "enableQueue", "version")] == [
        "rpc_url",
        "slug",
        "enable_queue",
        "version",
    ]
