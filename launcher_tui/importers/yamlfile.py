"""Reading one YAML file of an import source, with errors that name the file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from launcher_tui.importers.errors import SourceError


def parse(text: str, label: str) -> Any:
    """Safe-load ``text``; a syntax error says where (``services.yaml line 7, column 3: …``)."""
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise SourceError(f"{label}{where}: {problem}") from None
    except yaml.YAMLError as exc:
        raise SourceError(f"{label}: {exc}") from None


def read_text(path: Path) -> str | None:
    """The file's text, ``None`` when it does not exist."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise SourceError(f"{path}: cannot read: {reason}") from None
