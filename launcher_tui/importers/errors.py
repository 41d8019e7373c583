"""The one failure an import source reports: a file that cannot be read or parsed."""

from __future__ import annotations

from launcher_tui.store.errors import LauncherError


class SourceError(LauncherError):
    """A source file is missing, unreadable or malformed (exit 2: the input is wrong)."""

    code = "invalid"
    default_hint = "Fix the file named and run the command again; nothing was changed."
