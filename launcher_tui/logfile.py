"""The dashboard's log file: where "refresh failed", "recovered" and contained tracebacks go.

The dashboard owns the terminal, so nothing may be printed while it runs; before this module the
log had no destination at all, and the lines the README promises ("the log gets one line when a
failure starts", "the traceback in the log") were dropped. They now go to ``launcher-tui.log``
next to the database:

* created private (``0600``), like the database: error texts can name hosts and users;
* rotated at :data:`MAX_BYTES` with :data:`BACKUPS` old files, so a service failing for months
  costs at most ~4 MB of disk;
* a directory that cannot be written (a read-only store, a full disk) is not an error: the
  dashboard runs without a log file, as it did before.

The text logged is already cleaned: service text goes through :mod:`integrations.sanitize` and
secrets through redaction before any error is made, so the file holds no terminal control.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from launcher_tui.paths import PRIVATE_FILE_MODE, data_dir

LOG_FILENAME = "launcher-tui.log"
MAX_BYTES = 1_000_000
"""Size (bytes) at which the file is rotated."""
BACKUPS = 3
"""Rotated files kept (``launcher-tui.log.1`` … ``.3``)."""
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
OWN_LOGGERS = ("launcher_tui", "integrations", "widgets")
"""Packages whose INFO lines are worth keeping (library loggers stay at WARNING)."""


class OwnOrWarning(logging.Filter):
    """Our packages' records at the handler's level; anything else only from WARNING.

    A filter on the handler, not logger levels: whatever lowered the root logger (``--debug``,
    a test runner), httpx's INFO line per request never reaches the file, and a URL can carry
    a key in its query.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        own = record.name.partition(".")[0] in OWN_LOGGERS
        return own or record.levelno >= logging.WARNING


def log_path(directory: Path | str | None = None) -> Path:
    """The log file inside ``directory`` (default: the data dir, beside the database)."""
    return Path(directory if directory is not None else data_dir()) / LOG_FILENAME


def attach_log_file(
    directory: Path | str | None = None, *, level: int = logging.INFO
) -> logging.Handler | None:
    """Send the root logger's records of ``level`` and above to the log file.

    Returns the handler (the caller removes it when the dashboard ends), or ``None`` when the
    file cannot be opened for writing; never raises for that.
    """
    path = log_path(directory)
    try:
        # create it private before the handler opens it for appending (it keeps the mode)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE))
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(OwnOrWarning())
    logging.getLogger().addHandler(handler)
    # our own loggers down to ``level`` ("recovered" is INFO), so their INFO records exist
    for name in OWN_LOGGERS:
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() > level:
            logger.setLevel(level)
    return handler


def detach(handler: logging.Handler | None) -> None:
    """Remove and close a handler made by :func:`attach_log_file` (``None``: nothing to do)."""
    if handler is None:
        return
    logging.getLogger().removeHandler(handler)
    handler.close()
