"""``--json`` is strict RFC 8259 and keeps the services' original text (issue #8 §2, §4)."""

from __future__ import annotations

import io
import json
import math
import re
from pathlib import Path

from hypothesis import given, settings

from integrations.models import FetchResult, ListData, ListRow, Stat, StatData
from launcher_tui.cli.output import Output
from tests.security.strategies import any_data


def strict_loads(text: str) -> object:
    def refuse(name: str) -> object:
        raise ValueError(f"not RFC 8259: {name}")

    return json.loads(text, parse_constant=refuse)


@settings(max_examples=500, deadline=None)
@given(data=any_data)
def test_every_model_is_written_as_strict_json(data: object) -> None:
    stream = io.StringIO()
    Output(stdout=stream).json({"data": data, "nan": math.nan, "inf": [math.inf, -math.inf]})
    parsed = strict_loads(stream.getvalue())
    assert parsed["nan"] is None and parsed["inf"] == [None, None]  # type: ignore[index]


def test_json_keeps_the_original_text_the_cards_show_cleaned() -> None:
    name = "\x1b]0;owned\x07\x1b[2JFAKE \u202eevil"
    result = FetchResult(
        data=ListData(rows=[ListRow(title=name)]),
    )
    assert "\x1b" not in result.data.rows[0].title  # what every renderer sees
    stream = io.StringIO()
    Output(stdout=stream).json(
        {"result": result, "stat": StatData(stats=[Stat(label=name, value=1)])}
    )
    parsed = strict_loads(stream.getvalue())
    assert parsed["result"]["data"]["rows"][0]["title"] == name  # type: ignore[index]
    assert parsed["stat"]["stats"][0]["label"] == name  # type: ignore[index]
    assert "\x1b" not in stream.getvalue()  # JSON escapes it


NOT_OUTPUT = {"output.py", "catalog_cache.py"}
"""The writer itself, and a cache file the CLI keeps on disk (not output)."""


def test_the_cli_has_one_json_writer() -> None:
    """Every command prints JSON through ``Output.json`` (strict, redacted), never directly."""
    cli = Path(__file__).resolve().parents[2] / "launcher_tui" / "cli"
    direct = [
        f"{path.name}:{n}"
        for path in cli.rglob("*.py")
        if path.name not in NOT_OUTPUT
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"json\.dumps?\(", line)
    ]
    assert direct == []
