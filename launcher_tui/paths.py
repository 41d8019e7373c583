"""Where launcher-tui keeps its files, and how they are created private.

Two places, on purpose apart: the *config* dir holds the encryption key file, the *data* dir holds
the SQLite database. A copied or backed-up database is then useless without the key, and the key
never travels with the data by accident. Both can be redirected with environment variables
(tests and scripts point them at temporary directories; nothing else should touch the real ones).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

APP_NAME = "launcher-tui"
CONFIG_DIR_ENV = "LAUNCHER_TUI_CONFIG_DIR"
DATA_DIR_ENV = "LAUNCHER_TUI_DATA_DIR"
DB_FILENAME = "launcher-tui.db"
KEY_FILENAME = "encryption.key"

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def config_dir() -> Path:
    """The user config dir (key file), ``$LAUNCHER_TUI_CONFIG_DIR`` when set."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME))


def data_dir() -> Path:
    """The user data dir (database), ``$LAUNCHER_TUI_DATA_DIR`` when set."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME))


def db_path(directory: Path | str | None = None) -> Path:
    """The database file inside ``directory`` (default: :func:`data_dir`)."""
    return Path(directory) / DB_FILENAME if directory is not None else data_dir() / DB_FILENAME


def key_path(directory: Path | str | None = None) -> Path:
    """The key file inside ``directory`` (default: :func:`config_dir`)."""
    return Path(directory) / KEY_FILENAME if directory is not None else config_dir() / KEY_FILENAME


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the owner only when it does not exist yet.

    An existing directory keeps its mode: it may be shared on purpose (``$HOME``-like dirs).
    """
    if not path.exists():
        path.mkdir(parents=True, mode=PRIVATE_DIR_MODE, exist_ok=True)
    return path


def touch_private(path: Path) -> None:
    """Make sure ``path`` exists with mode 0600 without ever truncating it.

    ``O_CREAT`` with mode 0600 closes the window in which a fresh file would be readable by
    others; an existing file is left intact and only has its mode tightened.
    """
    fd = os.open(path, os.O_RDONLY | os.O_CREAT, PRIVATE_FILE_MODE)
    os.close(fd)
    tighten(path)


def tighten(path: Path) -> None:
    """Clear group/other access on ``path`` if it exists and is ours (best effort).

    Only ever tightens: owner bits the user set (a read-only 0400 database) are kept.
    """
    with contextlib.suppress(FileNotFoundError, PermissionError):
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            os.chmod(path, mode & 0o700)
