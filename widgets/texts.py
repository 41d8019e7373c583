"""Error presentation for the widgets: a view of the one failure table.

The table itself (title, form message, hint, CLI exit code, form field per failure kind) is
:mod:`integrations.failures`, shared with the client, the CLI and the forms; this module keeps the
names the widgets and forms import.
"""

from __future__ import annotations

from integrations.failures import (
    CREDENTIAL_FIELDS,
    FAILURES,
    URL_FIELDS,
    FailureKind,
    FieldTarget,
    failure,
    field_for_error,
)

ErrorText = FailureKind
"""How one error code is presented (a row of the failure table)."""

ERROR_TEXTS: dict[str, FailureKind] = FAILURES
"""Error code → presentation; see :func:`error_text` for unknown codes."""


def error_text(code: str) -> FailureKind:
    """The presentation of ``code`` (a generic one for codes the table does not know)."""
    return failure(code)


def error_title(code: str) -> str:
    """Short title for ``code``: ``"cannot_connect"`` → ``"Cannot connect"``."""
    return failure(code).title


__all__ = [
    "CREDENTIAL_FIELDS",
    "ERROR_TEXTS",
    "URL_FIELDS",
    "ErrorText",
    "FieldTarget",
    "error_text",
    "error_title",
    "field_for_error",
]
