"""OctoPrint against a loopback server answering with responses recorded from OctoPrint 1.11.8
and its Virtual Printer: mid-print (tool0 heading to 200 °C, bed to 60 °C) and disconnected
(``/api/printer`` → 409, ``/api/job`` → state "Offline" with null fields).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from integrations.errors import AuthError, BadResponseError, UnreachableError
from integrations.models import Severity
from launcher_tui.runtime import Runtime, Target
from tests.integrations.helpers import fetch
from tests.support.loopback import LoopbackServer, Response
from tests.support.timeouts import REQUEST_TIMEOUT

FIXTURES = Path(__file__).parent / "fixtures"
KEY = "LTOCTOPRINTKEY0123456789ABCDEF01"


def recorded(name: str) -> Response:
    data = json.loads((FIXTURES / f"{name}.json").read_text())
    return Response(data["status"], data["body"])


def body(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text())["body"]


def keyed(loopback: LoopbackServer, path: str, answer: Response) -> None:
    """Answer ``path`` like OctoPrint: 403 without the right key."""
    denied = recorded("version-wrong-key")
    loopback.route("GET", path, lambda req: answer if req.header("X-Api-Key") == KEY else denied)


def serve(loopback: LoopbackServer, *, connected: bool = True, job: Any = None) -> None:
    keyed(loopback, "/api/version", recorded("version"))
    keyed(loopback, "/api/printer", recorded("printer" if connected else "printer-disconnected"))
    default_job = recorded("job-printing" if connected else "job-disconnected")
    keyed(loopback, "/api/job", Response(200, job) if job is not None else default_job)


def target(url: str, key: str = KEY) -> Target:
    return Target(
        "o", "Printer", url, "octoprint", config={"api_key": key}, timeout=REQUEST_TIMEOUT
    )


async def test_connection(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    outcome = await runtime.test_connection(target(loopback.url))
    assert outcome.ok, outcome.error
    assert outcome.summary == "OctoPrint 1.11.8 (API 0.1)"


async def test_wrong_key(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    outcome = await runtime.test_connection(target(loopback.url, key="wrong"))
    assert isinstance(outcome.error, AuthError)


async def test_printer_state_and_temperatures(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    stats = (await fetch(runtime, target(loopback.url), "printer")).data.stats
    assert [(s.label, s.value, s.unit) for s in stats] == [
        ("State", "Printing", ""),
        ("Hotend", "37.4 / 200", "°C"),
        ("Bed", "37.4 / 60", "°C"),
    ]
    assert loopback.requests_to("/api/printer")[-1].header("X-Api-Key") == KEY


async def test_temperature_gauges(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    tool = (await fetch(runtime, target(loopback.url), "tool_temp")).data
    assert (tool.value, tool.max, tool.unit, tool.label) == (37.42, 300.0, "°C", "Hotend → 200 °C")
    bed = (await fetch(runtime, target(loopback.url), "bed_temp")).data
    assert (bed.value, bed.max, bed.label) == (37.42, 120.0, "Bed → 60 °C")


async def test_job_progress(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback)
    items = (await fetch(runtime, target(loopback.url), "job")).data.items
    assert len(items) == 1
    item = items[0]
    assert item.label == "benchy.gcode"
    assert item.percent == pytest.approx(0.3239, abs=1e-3)
    assert item.eta_seconds is None  # OctoPrint had no estimate yet
    assert item.detail == "Printing · 1s elapsed"


async def test_job_with_time_left(loopback: LoopbackServer, runtime: Runtime) -> None:
    job = copy.deepcopy(body("job-printing"))
    job["progress"].update(completion=61.5, printTime=1500, printTimeLeft=940)
    serve(loopback, job=job)
    item = (await fetch(runtime, target(loopback.url), "job")).data.items[0]
    assert (item.percent, item.eta_seconds, item.detail) == (61.5, 940, "Printing · 25m elapsed")


async def test_printer_not_connected_is_a_state(loopback: LoopbackServer, runtime: Runtime) -> None:
    serve(loopback, connected=False)
    tgt = target(loopback.url)
    stats = (await fetch(runtime, tgt, "printer")).data.stats
    assert [(s.label, s.value, s.level) for s in stats] == [
        ("State", "Not connected", Severity.WARNING)
    ]
    tool = (await fetch(runtime, tgt, "tool_temp")).data
    assert tool.value == 0 and tool.label == "Hotend (not connected)"
    job = (await fetch(runtime, tgt, "job")).data
    assert job.items == [] and job.empty_text == "Printer offline (Offline)"


async def test_error_state_is_critical(loopback: LoopbackServer, runtime: Runtime) -> None:
    printer = copy.deepcopy(body("printer"))
    printer["state"]["text"] = "Error: Heating failed"
    serve(loopback)
    keyed(loopback, "/api/printer", Response(200, printer))
    stats = (await fetch(runtime, target(loopback.url), "printer")).data.stats
    assert stats[0].level is Severity.CRITICAL


@pytest.mark.parametrize(
    "answer",
    [
        Response(200, "<!DOCTYPE html><html>OctoPrint login</html>", {"Content-Type": "text/html"}),
        Response(200, {"state": "Printing"}),
        Response(200, {"temperature": {}}),
    ],
    ids=["login-page", "job-shape", "no-state"],
)
async def test_wrong_shape(loopback: LoopbackServer, runtime: Runtime, answer: Response) -> None:
    serve(loopback)
    keyed(loopback, "/api/printer", answer)
    with pytest.raises(BadResponseError) as err:
        await fetch(runtime, target(loopback.url), "printer")
    assert "octoprint" in str(err.value)


async def test_unreachable(runtime: Runtime) -> None:
    with LoopbackServer() as gone:
        url = gone.url
    outcome = await runtime.test_connection(target(url))
    assert isinstance(outcome.error, UnreachableError)
