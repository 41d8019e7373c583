"""Field paths: the small language widget options use to point into a JSON answer.

Syntax (validated when options are saved, so a typo never waits for the first fetch)::

    $                       the whole answer
    status                  key "status" of the top-level object
    data.items[0].value     nested keys and list indexes ([-1] = last element)
    items[*].name           the "name" of every element of "items" (a wildcard: many values)
    stats["disk.used"]      a key containing dots or brackets, in double quotes
    [0].id                  the first element when the answer itself is a list

At most one ``[*]`` per path. Resolving a wildcard keeps one slot per element (``None`` where an
element lacks the rest of the path), so ``items[*].name`` and ``items[*].url`` line up.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

#: One step: .key, [index], [*] or ["quoted key"].
_STEP = re.compile(
    r"""\.?(?P<key>[^.\[\]"]+)|\[(?P<index>-?\d+)\]|\[(?P<star>\*)\]|\[(?P<quoted>"(?:[^"\\]|\\.)*")\]"""
)
WILDCARD = "*"
Step = str | int  # a key, an index, or WILDCARD


class PathError(ValueError):
    """The path text is not valid syntax."""


class FieldMissing(LookupError):
    """A valid path that the answer does not contain; says where it stopped and what was there."""

    def __init__(self, path: FieldPath, stopped_at: str, available: list[str]) -> None:
        super().__init__(path.text)
        self.path = path
        self.stopped_at = stopped_at
        self.available = available


@dataclass(frozen=True)
class FieldPath:
    """A parsed path; ``str()`` gives back the text it came from."""

    text: str
    steps: tuple[Step, ...]

    @property
    def has_wildcard(self) -> bool:
        return WILDCARD in self.steps

    def __str__(self) -> str:
        return self.text

    def resolve(self, document: Any) -> Any:
        """The one value at this path; :class:`FieldMissing` if it is not there."""
        if self.has_wildcard:
            raise PathError(f"'{self.text}' selects many values ([*]); this option takes one")
        return self._walk(document, self.steps, 0)

    def resolve_many(self, document: Any) -> list[Any]:
        """Every value a ``[*]`` path selects (one per element); a plain path gives ``[value]``."""
        if not self.has_wildcard:
            return [self.resolve(document)]
        star = self.steps.index(WILDCARD)
        array = self._walk(document, self.steps[:star], 0)
        if not isinstance(array, list):
            raise FieldMissing(self, _render(self.steps[: star + 1]), _keys(array))
        values = []
        for element in array:
            try:
                values.append(self._walk(element, self.steps[star + 1 :], star + 1))
            except FieldMissing:
                values.append(None)
        return values

    def _walk(self, value: Any, steps: tuple[Step, ...], offset: int) -> Any:
        for i, step in enumerate(steps):
            found, value_next = _step(value, step)
            if not found:
                raise FieldMissing(self, _render(self.steps[: offset + i + 1]), _keys(value))
            value = value_next
        return value


def _step(value: Any, step: Step) -> tuple[bool, Any]:
    """(found, value) one step further down."""
    if isinstance(step, int) and isinstance(value, list) and -len(value) <= step < len(value):
        return True, value[step]
    if isinstance(step, str) and isinstance(value, dict) and step in value:
        return True, value[step]
    return False, None


def parse_path(text: str) -> FieldPath:
    """Parse a field path; :class:`PathError` says what is wrong and where."""
    source = text.strip()
    body = source[1:] if source.startswith("$") else source
    if source.startswith("$") and body and body[0] not in ".[":
        raise PathError(f"'{source}': after '$' comes '.key' or '[index]'")
    if not source:
        raise PathError("the field path is empty (use $ for the whole answer)")
    steps: list[Step] = []
    pos = 0
    while pos < len(body):
        match = _STEP.match(body, pos)
        if match is None or (match.group("key") is not None and pos > 0 and body[pos] != "."):
            raise PathError(f"'{source}': cannot read the path at '{body[pos:]}'")
        if match.group("key") is not None:
            steps.append(match.group("key").strip())
        elif match.group("index") is not None:
            steps.append(int(match.group("index")))
        elif match.group("star"):
            steps.append(WILDCARD)
        else:
            steps.append(json.loads(match.group("quoted")))
        pos = match.end()
    if body.endswith("."):
        raise PathError(f"'{source}': the path ends with '.'")
    if steps.count(WILDCARD) > 1:
        raise PathError(f"'{source}': only one [*] per path")
    return FieldPath(text=source, steps=tuple(steps))


def _render(steps: tuple[Step, ...]) -> str:
    out = "$" if not steps or not isinstance(steps[0], str) else ""
    for step in steps:
        if step == WILDCARD:
            out += "[*]"
        elif isinstance(step, int):
            out += f"[{step}]"
        elif re.fullmatch(r"[^.\[\]\"]+", step):
            out += f".{step}" if out else step
        else:
            out += f"[{json.dumps(step)}]"
    return out


def _keys(value: Any) -> list[str]:
    """What could have been asked for at the point a path stopped (for the error message)."""
    if isinstance(value, dict):
        return [str(k) for k in value][:12]
    if isinstance(value, list):
        return [f"[0]..[{len(value) - 1}]"] if value else ["(an empty list)"]
    return [f"(a {type(value).__name__ if value is not None else 'null'} value)"]
