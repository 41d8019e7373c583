"""Exit codes and the mapping from every typed failure onto one of them.

Scripts branch on the exit code, so it must mean the same thing for every command:

====  =======================================================================================
code  meaning
====  =======================================================================================
0     success
1     a check or operation failed: the service is unreachable, refused the credentials,
      answered something unusable, or an action failed
2     usage or input error: bad arguments, malformed ``--set``, unknown app / endpoint /
      integration / board / widget, invalid settings, a confirmation that could not be asked
3     environment error: the database is locked, corrupt, unreadable or too new, the
      encryption key is wrong or its file is unreadable
4     internal error (a bug): one line on stderr, ``--debug`` shows the traceback
130   interrupted (Ctrl-C)
====  =======================================================================================

``alerts`` follows the monitoring-plugin convention instead (see its ``--help``): 0 no alerts,
1 warning, 2 critical, 3 some app could not be checked.

This module imports nothing heavy: error classes are matched by their ``code`` attribute and
module, so a command that never opened the store does not pay for importing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_ENVIRONMENT = 3
EXIT_INTERNAL = 4
EXIT_INTERRUPTED = 130

EXIT_CODE_TABLE: tuple[tuple[int, str], ...] = (
    (EXIT_OK, "success"),
    (EXIT_FAILED, "a check or operation failed (service unreachable, credentials refused, ...)"),
    (EXIT_USAGE, "usage or input error (bad arguments, unknown app/endpoint/integration, ...)"),
    (EXIT_ENVIRONMENT, "environment error (database locked/corrupt, wrong encryption key, ...)"),
    (EXIT_INTERNAL, "internal error (a bug; run with --debug for the traceback)"),
    (EXIT_INTERRUPTED, "interrupted"),
)

# Typed errors carry a stable ``code``; these say which exit code each one means. Anything
# else from the data layer (store, crypto) is an environment problem, anything else from the
# service layer an input problem, anything else from an integration a failed operation.
_CODE_EXITS: dict[str, int] = {
    "invalid_config": EXIT_USAGE,  # integration settings given on the command line are wrong
    "config_unavailable": EXIT_ENVIRONMENT,  # stored settings undecryptable (wrong key)
    "no_integration": EXIT_USAGE,  # a plain launcher entry has nothing to fetch
    "key_rotation": EXIT_FAILED,
    "not_found": EXIT_USAGE,
    "invalid": EXIT_USAGE,
    "already_exists": EXIT_USAGE,
}
_MODULE_EXITS: tuple[tuple[str, int], ...] = (
    ("launcher_tui.store", EXIT_ENVIRONMENT),
    ("launcher_tui.crypto", EXIT_ENVIRONMENT),
    ("launcher_tui.services", EXIT_USAGE),
    ("integrations.", EXIT_FAILED),
)


@dataclass
class CliError(Exception):
    """A failure the CLI itself detected; ``message`` is the one line a person reads."""

    message: str
    exit_code: int = EXIT_USAGE
    hint: str = ""
    code: str = "usage"

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "hint": self.hint}


def exit_code_for(exc: BaseException) -> int | None:
    """The exit code of a known, typed failure; ``None`` for an unexpected exception (a bug)."""
    if isinstance(exc, CliError):
        return exc.exit_code
    if isinstance(exc, LookupError) and type(exc).__module__.startswith(
        ("integrations.", "launcher_tui.")
    ):
        return EXIT_USAGE  # UnknownIntegrationError, UnknownEndpointError, services' not-found
    code = getattr(exc, "code", None)
    if not isinstance(code, str) or not hasattr(exc, "hint"):
        return None
    if code in _CODE_EXITS:
        return _CODE_EXITS[code]
    module = type(exc).__module__
    if module.startswith("integrations."):
        from integrations.failures import failure  # the one table of failure kinds

        return failure(code).exit_code
    for prefix, exit_code in _MODULE_EXITS:
        if module.startswith(prefix):
            return exit_code
    return None


def error_dict(exc: BaseException) -> dict[str, Any]:
    """``{"code", "message", "hint", ...}`` of any typed failure (for ``--json``)."""
    to_dict = getattr(exc, "to_dict", None)
    if callable(to_dict):
        data = to_dict()
        if isinstance(data, dict):
            return {str(k): v for k, v in data.items()}
    code = getattr(exc, "code", None) or ("not_found" if isinstance(exc, LookupError) else "error")
    return {"code": str(code), "message": str(exc), "hint": str(getattr(exc, "hint", "") or "")}
