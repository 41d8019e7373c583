"""Real Home Assistant Core (PyPI ``homeassistant==2024.3.3``) on 127.0.0.1, minimal and offline.

No onboarding: ``.storage/auth`` is pre-seeded with an owner and a *long-lived access token* (a
refresh token of that type); the bearer is a JWT ``{iss: refresh_token.id, iat, exp}`` signed
HS256 with that token's ``jwt_key`` - exactly what HA's "create token" button produces.
Entities from core integrations only (no network, no pip at start): a template light that is on,
a person at home (tracked by a legacy device tracker we "see" at home after start), an
input_number thermostat and a template temperature sensor.

RunningService:
  url          http://127.0.0.1:PORT   (REST API under ``url + "/api/"``)
  credentials  token                   (``Authorization: Bearer``; wrong/missing -> 401)
  extra        person, light, switch (the input_boolean behind the light), thermostat,
               temperature, location_name
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from pathlib import Path
from typing import Any

from tests.live.harness import (
    RunningService,
    ServiceStartError,
    Starting,
    http_client,
    wait_http,
    wait_until,
    write_text,
)
from tests.live.services._provisioned import venv_exe

VERSION = "2024.3.3"
LOCATION_NAME = "LT Home"
PERSON = "person.alice"
TRACKER = "alice_phone"
LIGHT = "light.living_room"
SWITCH = "input_boolean.living_room_light"
THERMOSTAT = "input_number.thermostat"
TEMPERATURE = "sensor.outside_temperature"
TOKEN_LIFETIME = 3650 * 86400


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt_hs256(claims: dict[str, Any], key: str) -> str:
    """A compact JWS, as HA's auth signs access tokens (PyJWT is not needed for this)."""
    head = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    body = _b64url(json.dumps(claims, separators=(",", ":")).encode())
    signature = hmac.new(key.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{_b64url(signature)}"


def _storage(key: str, version: int, data: dict[str, Any]) -> str:
    return json.dumps({"version": version, "minor_version": 1, "key": key, "data": data})


def seed_auth(config_dir: Path) -> str:
    """Write an owner plus a long-lived token into ``.storage``; return the bearer token."""
    user_id, token_id, jwt_key = secrets.token_hex(16), secrets.token_hex(16), secrets.token_hex(64)
    refresh_token = {
        "id": token_id,
        "user_id": user_id,
        "client_id": None,
        "client_name": "launcher-tui",
        "client_icon": None,
        "token_type": "long_lived_access_token",
        "created_at": "2024-01-01T00:00:00+00:00",
        "access_token_expiration": float(TOKEN_LIFETIME),
        "token": secrets.token_hex(64),
        "jwt_key": jwt_key,
        "last_used_at": None,
        "last_used_ip": None,
        "credential_id": None,
        "version": VERSION,
    }
    owner = {
        "id": user_id,
        "group_ids": ["system-admin"],
        "is_owner": True,
        "is_active": True,
        "name": "Owner",
        "system_generated": False,
        "local_only": False,
    }
    groups = [
        {"id": "system-admin", "name": "Administrators"},
        {"id": "system-users", "name": "Users"},
        {"id": "system-read-only", "name": "Read Only"},
    ]
    auth = {
        "users": [owner],
        "groups": groups,
        "credentials": [],
        "refresh_tokens": [refresh_token],
    }
    storage = config_dir / ".storage"
    write_text(storage / "auth", _storage("auth", 1, auth), 0o600)
    done = ["user", "core_config", "analytics", "integration"]
    write_text(storage / "onboarding", _storage("onboarding", 4, {"done": done}), 0o600)
    now = int(time.time())
    return jwt_hs256({"iss": token_id, "iat": now, "exp": now + TOKEN_LIFETIME}, jwt_key)


def configuration_yaml(port: int) -> str:
    switch_target = f"{{entity_id: {SWITCH}}}"
    return f"""homeassistant:
  name: {LOCATION_NAME}
  latitude: 52.52
  longitude: 13.40
  elevation: 34
  unit_system: metric
  time_zone: UTC
  currency: EUR
  country: DE
http:
  server_host: 127.0.0.1
  server_port: {port}
api:
device_tracker:
person:
  - name: Alice
    id: alice
    device_trackers: [device_tracker.{TRACKER}]
input_boolean:
  living_room_light:
    name: Living room light switch
    initial: true
input_number:
  thermostat:
    name: Thermostat
    min: 10
    max: 30
    step: 0.5
    initial: 21.5
light:
  - platform: template
    lights:
      living_room:
        friendly_name: Living room
        value_template: "{{{{ is_state('{SWITCH}', 'on') }}}}"
        turn_on: {{service: input_boolean.turn_on, target: {switch_target}}}
        turn_off: {{service: input_boolean.turn_off, target: {switch_target}}}
template:
  - sensor:
      - name: Outside temperature
        unit_of_measurement: "°C"
        device_class: temperature
        state: "12.3"
"""


def start(tmpdir: Path) -> RunningService:
    exe = venv_exe("homeassistant", "hass")
    with Starting("homeassistant", tmpdir) as s:
        port = s.port()
        config_dir = tmpdir / "config"
        token = seed_auth(config_dir)
        write_text(config_dir / "configuration.yaml", configuration_yaml(port))
        proc = s.spawn(
            [exe, "-c", config_dir, "--skip-pip", "--log-no-color"],
            log="hass.log",
            env={"HOME": str(tmpdir)},
        )
        url = f"http://127.0.0.1:{port}"
        headers = {"Authorization": f"Bearer {token}"}
        wait_http(f"{url}/api/", proc=proc, headers=headers, timeout=120)

        with http_client(base_url=url, headers=headers, timeout=10.0) as api:
            wait_until(
                lambda: api.get("/api/config").json().get("state") == "RUNNING",
                60,
                interval=0.2,
                proc=proc,
                what="home assistant RUNNING",
            )
            # Alice's phone checks in at home; a long consider_home keeps it from going stale
            seen = api.post(
                "/api/services/device_tracker/see",
                json={"dev_id": TRACKER, "location_name": "home", "consider_home": {"days": 365}},
            )
            if seen.status_code != 200:
                raise ServiceStartError(f"device_tracker.see: {seen.status_code} {seen.text}")

            def entities_ready() -> bool:
                states = {e["entity_id"]: e["state"] for e in api.get("/api/states").json()}
                return states.get(PERSON) == "home" and states.get(LIGHT) == "on"

            wait_until(entities_ready, 30, interval=0.2, proc=proc, what="person home, light on")
        return s.running(
            url=url,
            credentials={"token": token},
            extra={
                "person": PERSON,
                "light": LIGHT,
                "switch": SWITCH,
                "thermostat": THERMOSTAT,
                "temperature": TEMPERATURE,
                "location_name": LOCATION_NAME,
            },
        )
