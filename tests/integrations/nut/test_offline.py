"""``nut`` against a loopback upsd that speaks RFC 9271 with scripted variables."""

from __future__ import annotations

import asyncio
import shlex
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest

from integrations.errors import AuthError, BadResponseError, ConfigError, UnreachableError
from integrations.models import Severity
from integrations.nut.integration import describe_status, status_alerts
from integrations.nut.protocol import parse_address, unquote
from launcher_tui.runtime import Runtime, Target

ONLINE = {
    "battery.charge": "100",
    "battery.charge.low": "20",
    "battery.runtime": "5400",
    "battery.runtime.low": "300",
    "device.model": "Back-UPS 900",
    "ups.load": "31",
    "ups.status": "OL CHRG",
}


@dataclass
class FakeUpsd:
    """A minimal upsd: LIST UPS, LIST VAR, USERNAME/PASSWORD/LOGIN, LOGOUT."""

    ups: dict[str, dict[str, str]] = field(default_factory=lambda: {"rack": dict(ONLINE)})
    users: dict[str, str] = field(default_factory=lambda: {"mon": "secret"})
    garbage: bytes | None = None
    commands: list[str] = field(default_factory=list)
    port: int = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        user = password = None
        try:
            while line := (await reader.readline()).decode().strip():
                self.commands.append(line)
                if self.garbage is not None:
                    writer.write(self.garbage)
                    break
                words = shlex.split(line)
                reply = self.answer(words, user, password)
                if words[0] == "USERNAME":
                    user = words[1]
                elif words[0] == "PASSWORD":
                    password = words[1]
                writer.write(reply.encode())
                await writer.drain()
                if words[0] == "LOGOUT":
                    break
        finally:
            writer.close()

    def answer(self, words: list[str], user: str | None, password: str | None) -> str:
        match words:
            case ["LIST", "UPS"]:
                rows = "".join(f'UPS {name} "test unit"\n' for name in self.ups)
                return f"BEGIN LIST UPS\n{rows}END LIST UPS\n"
            case ["LIST", "VAR", name]:
                if name not in self.ups:
                    return "ERR UNKNOWN-UPS\n"
                rows = "".join(
                    f'VAR {name} {k} "{v.replace(chr(34), chr(92) + chr(34))}"\n'
                    for k, v in self.ups[name].items()
                )
                return f"BEGIN LIST VAR {name}\n{rows}END LIST VAR {name}\n"
            case ["USERNAME", _] | ["PASSWORD", _]:
                return "OK\n"
            case ["LOGIN", name]:
                ok = user in self.users and self.users[user] == password and name in self.ups
                return "OK\n" if ok else "ERR ACCESS-DENIED\n"
            case ["LOGOUT"]:
                return "OK Goodbye\n"
        return "ERR UNKNOWN-COMMAND\n"


@pytest.fixture
async def upsd() -> AsyncIterator[FakeUpsd]:
    fake = FakeUpsd()
    server = await asyncio.start_server(fake.handle, "127.0.0.1", 0)
    fake.port = server.sockets[0].getsockname()[1]
    async with server:
        yield fake
        server.close()


def target(upsd: FakeUpsd, **config: object) -> Target:
    return Target("1", "UPS", f"nut://127.0.0.1:{upsd.port}", "nut", config=dict(config))


async def fetch(upsd: FakeUpsd, endpoint: str, **config: object):
    runtime = Runtime()
    try:
        return (await runtime.fetch(target(upsd, **config), endpoint)).value
    finally:
        await runtime.aclose()


async def test_connection_summarises_the_first_ups(upsd: FakeUpsd) -> None:
    outcome = await Runtime().test_connection(target(upsd))
    assert outcome.ok, outcome.error
    assert outcome.summary == "rack: Back-UPS 900, Online, Charging"
    assert not any(c.startswith("LOGIN") for c in upsd.commands)  # anonymous read


async def test_connection_checks_credentials_when_given(upsd: FakeUpsd) -> None:
    good = await Runtime().test_connection(target(upsd, username="mon", password="secret"))
    assert good.ok
    assert "LOGIN rack" in upsd.commands
    bad = await Runtime().test_connection(target(upsd, username="mon", password="nope"))
    assert not bad.ok and isinstance(bad.error, AuthError)
    assert "ACCESS-DENIED" in bad.error.message


async def test_battery_gauge_is_bad_when_low(upsd: FakeUpsd) -> None:
    data = (await fetch(upsd, "battery")).data
    assert data.value == 100 and data.level is Severity.OK and data.low_is_bad
    upsd.ups["rack"]["battery.charge"] = "45"
    assert (await fetch(upsd, "battery")).data.level is Severity.WARNING
    upsd.ups["rack"]["battery.charge"] = "15"
    assert (await fetch(upsd, "battery")).data.level is Severity.CRITICAL


async def test_load_gauge(upsd: FakeUpsd) -> None:
    data = (await fetch(upsd, "load")).data
    assert data.value == 31 and data.unit == "%" and data.level is Severity.OK


async def test_runtime_stat_reads_hours_and_minutes(upsd: FakeUpsd) -> None:
    stats = {s.label: s for s in (await fetch(upsd, "runtime")).data.stats}
    assert stats["Runtime"].value == "1h 30m"
    assert stats["Status"].value == "Online, Charging"
    assert stats["Charge"].value == 100


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("OL", []),
        ("OB DISCHRG", [Severity.WARNING]),
        ("OB LB", [Severity.WARNING, Severity.CRITICAL]),
    ],
)
async def test_status_alerts_follow_the_power_state(
    upsd: FakeUpsd, status: str, expected: list
) -> None:
    upsd.ups["rack"]["ups.status"] = status
    result = await fetch(upsd, "status")
    assert [a.severity for a in result.alerts] == expected
    assert result.data.alerts == result.alerts
    assert all(a.source == "UPS" and a.key.startswith("ups:rack:") for a in result.alerts)


async def test_named_ups_that_does_not_exist(upsd: FakeUpsd) -> None:
    with pytest.raises(ConfigError, match="no UPS by that name"):
        await fetch(upsd, "load", ups="garage")


async def test_a_service_that_is_not_upsd_is_a_bad_response(upsd: FakeUpsd) -> None:
    upsd.garbage = b"HTTP/1.1 400 Bad Request\r\n\r\n"
    with pytest.raises(BadResponseError, match="is this upsd"):
        await fetch(upsd, "load")


async def test_unreachable() -> None:
    runtime = Runtime()
    with pytest.raises(UnreachableError, match="cannot connect to upsd"):
        await runtime.fetch(Target("1", "UPS", "nut://127.0.0.1:1", "nut"), "load")


def test_address_parsing() -> None:
    assert parse_address("nut://10.0.0.5") == ("10.0.0.5", 3493)
    assert parse_address("ups.lan:3500") == ("ups.lan", 3500)
    with pytest.raises(ConfigError):
        parse_address("http://ups.lan")


def test_pure_helpers() -> None:
    assert describe_status("OB LB") == "On battery, Battery low"
    assert unquote('"say \\"hi\\""') == 'say "hi"'
    assert status_alerts("OL", "x") == []
