"""The encryption key in use, the key check, and key rotation.

:class:`KeyRing` resolves the key (``$INTEGRATION_ENCRYPTION_KEY`` first, else the key file) and
encrypts/decrypts app configs; :class:`KeyService` is what the CLI's ``key`` commands call.

Key check: ``meta['key_check']`` holds a known plaintext encrypted under the key the database
uses. A key that opens it is the right one, so a value that then fails to decrypt is damaged
("corrupt"); a key that does not open it is the wrong one ("undecryptable — re-enter it").

Rotation crash safety (key file case): the new key is first written and fsynced to
``encryption.key.new`` (0600, ``O_EXCL``); then every config and the key check are re-encrypted in
one ``BEGIN IMMEDIATE`` transaction; only after it commits is ``encryption.key.new`` renamed over
``encryption.key``. A crash before the commit leaves the old key and old data; a crash between
the commit and the rename leaves the new key staged. Either way nothing is lost: on the next
open :meth:`KeyRing.recover` keeps whichever of the two files opens the key check and removes
the other.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from launcher_tui import crypto, paths
from launcher_tui.crypto import EncryptionKey
from launcher_tui.services.errors import KeyRotationError
from launcher_tui.store import Store
from launcher_tui.store.models import App

KEY_CHECK_META = "key_check"
ConfigState = Literal["none", "ok", "undecryptable", "corrupt"]
UNDECRYPTABLE_MESSAGE = "secret cannot be decrypted — re-enter it"
CORRUPT_MESSAGE = "stored settings are damaged — re-enter them"


@dataclass(frozen=True)
class Opened:
    """An app's stored config after an attempt to decrypt it."""

    state: ConfigState
    message: str = ""
    config: dict[str, Any] | None = field(default=None, repr=False)


class KeyRing:
    """The key for one store; loaded lazily so commands that never decrypt never read it."""

    def __init__(self, store: Store, config_dir: Path | None = None) -> None:
        self.store = store
        self.key_file = paths.key_path(config_dir)
        self._key: EncryptionKey | None = None

    @property
    def staged_file(self) -> Path:
        return self.key_file.with_name(self.key_file.name + ".new")

    @staticmethod
    def env_is_set() -> bool:
        return bool(os.environ.get(crypto.ENV_KEY, "").strip())

    def current(self, *, create: bool = False) -> EncryptionKey | None:
        """The key in use; ``None`` when there is no key file yet and ``create`` is false.

        Raises :class:`~launcher_tui.crypto.WeakKeyError` for a weak env value and
        :class:`~launcher_tui.crypto.KeyFileError` for an unreadable key file.
        """
        if self._key is not None:
            return self._key
        key = crypto.env_key()
        if key is None:
            if self.key_file.exists():
                key = crypto.read_key_file(self.key_file)
            elif create:
                self._refuse_new_key_for_encrypted_store()
                key = crypto.load_or_create_file_key(self.key_file)
        self._key = key
        return key

    def holds_encrypted_settings(self) -> bool:
        """Whether the store has a key check or any encrypted settings (made with some key)."""
        if self.key_check() is not None:
            return True
        return App.select().where(App.integration_config.is_null(False)).exists()

    def _refuse_new_key_for_encrypted_store(self) -> None:
        """A new key file for a store whose settings were encrypted with another key would leave
        them undecryptable next to new ones (and hide that the real key is missing): refuse."""
        if self.holds_encrypted_settings():
            raise crypto.KeyMissingError(
                f"The encryption key is missing: {crypto.ENV_KEY} is not set and the key file "
                f"{self.key_file} does not exist, but the database holds settings encrypted "
                "with a key (its key check says so). Nothing was written.",
                hint=f"Restore the key file {self.key_file} from a backup, or set "
                f"{crypto.ENV_KEY} to the value used before. To start over with a new key, "
                f"set {crypto.ENV_KEY} to a new random value and enter each app's settings "
                "again.",
            )

    def forget(self) -> None:
        """Drop the cached key (after a rotation, or when the environment changed)."""
        self._key = None

    def use(self, key: EncryptionKey) -> None:
        """Use ``key`` from now on in this process (after rotating to a new env value)."""
        self._key = key

    # -- key check ----------------------------------------------------------------------------

    def key_check(self) -> bytes | None:
        return self.store.get_meta(KEY_CHECK_META)

    def matches_check(self, key: EncryptionKey) -> bool | None:
        """Whether ``key`` opens the key check (``None`` when there is no check yet)."""
        check = self.key_check()
        return None if check is None else crypto.key_matches_check(key, check)

    def after_write(self) -> None:
        """Keep the key check naming the key the data is under (inside the write transaction,
        after the new value is saved).

        Written when missing. When it names another key (the old one was lost and settings are
        being re-entered), it moves to the current key once no value under another key is left.
        """
        key = self.current()
        if key is None or self.matches_check(key):
            return
        rows = App.select(App.integration_config).where(App.integration_config.is_null(False))
        foreign = [r for r in rows if crypto.blob_key_id(r.integration_config) != key.key_id]
        if not foreign:
            self.store.set_meta(KEY_CHECK_META, crypto.make_key_check(key))

    # -- configs -------------------------------------------------------------------------------

    def encrypt(self, config: dict[str, Any], app_id: int) -> bytes:
        """Encrypt under the current key, creating the key file on first use."""
        key = self.current(create=True)
        assert key is not None  # create=True always yields a key or raises
        return crypto.encrypt_config(key, config, app_id)

    def open(self, blob: bytes | None, app_id: int) -> Opened:
        """Decrypt a stored config, classifying failures instead of raising."""
        if blob is None:
            return Opened("none")
        try:
            key = self.current()
        except crypto.CryptoError as exc:
            return Opened("undecryptable", f"{UNDECRYPTABLE_MESSAGE} ({exc.message})")
        if key is None:
            return Opened(
                "undecryptable",
                f"{UNDECRYPTABLE_MESSAGE} (the key file {self.key_file} is missing)",
            )
        try:
            return Opened("ok", config=crypto.decrypt_config(key, bytes(blob), app_id))
        except crypto.WrongKeyError:
            return Opened("undecryptable", f"{UNDECRYPTABLE_MESSAGE} (encrypted with another key)")
        except crypto.CorruptValueError as exc:
            if self.matches_check(key) is False:
                return Opened("undecryptable", f"{UNDECRYPTABLE_MESSAGE} (wrong key)")
            return Opened("corrupt", f"{CORRUPT_MESSAGE} ({exc.message})")

    # -- crash recovery -------------------------------------------------------------------------

    def recover(self) -> str | None:
        """Finish or undo a rotation interrupted between its steps (see the module docstring).

        Returns what was done (``"committed"``/``"discarded"``) or ``None`` when nothing was
        pending.
        """
        staged = self.staged_file
        if not staged.exists():
            return None
        try:
            staged_key = crypto.read_key_file(staged)
        except crypto.KeyFileError:
            staged_key = None  # half-written: the rotation cannot have committed
        check = self.key_check()
        if staged_key is not None and crypto.key_matches_check(staged_key, check):
            crypto.replace_key_file(staged, self.key_file)
            self.forget()
            return "committed"
        with contextlib.suppress(FileNotFoundError):
            staged.unlink()
        return "discarded"


@dataclass(frozen=True)
class KeyStatus:
    """What ``launcher-tui key status`` shows."""

    source: Literal["env", "file", "none"]
    key_file: str
    fingerprint: str | None
    matches_check: bool | None
    undecryptable_apps: list[str]
    corrupt_apps: list[str]
    problem: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "key_file": self.key_file,
            "fingerprint": self.fingerprint,
            "matches_check": self.matches_check,
            "undecryptable_apps": self.undecryptable_apps,
            "corrupt_apps": self.corrupt_apps,
            "problem": self.problem,
        }


class KeyService:
    """Key status and rotation."""

    def __init__(self, store: Store, keyring: KeyRing) -> None:
        self.store = store
        self.keyring = keyring

    def status(self) -> KeyStatus:
        """Where the key comes from, whether it is the database's, which apps cannot be read."""
        source: Literal["env", "file", "none"] = "env" if self.keyring.env_is_set() else "file"
        problem = ""
        key = None
        try:
            key = self.keyring.current()
        except crypto.CryptoError as exc:
            problem = exc.message
        if key is None and not problem:
            source = "none"
        with self.store.read():
            matches = self.keyring.matches_check(key) if key is not None else None
            states = [
                (a.name, self.keyring.open(a.integration_config, a.id).state)
                for a in App.select().order_by(App.name)
            ]
        return KeyStatus(
            source=source,
            key_file=str(self.keyring.key_file),
            fingerprint=crypto.fingerprint(key) if key is not None else None,
            matches_check=matches,
            undecryptable_apps=[n for n, s in states if s == "undecryptable"],
            corrupt_apps=[n for n, s in states if s == "corrupt"],
            problem=problem,
        )

    def rotate(self, new_key: bytes | str | None = None) -> int:
        """Re-encrypt every stored config under a new key, all or nothing; returns the count.

        * ``None``: a new random key, saved to the key file (crash-safe, module docstring);
        * ``bytes``: that raw 32-byte key, saved to the key file;
        * ``str``: a new ``$INTEGRATION_ENCRYPTION_KEY`` value (checked for strength). The key
          file is not touched; the caller must tell the user to set the variable to it.

        Refused (nothing changed) when a stored config cannot be decrypted with the current key,
        or when a key-file rotation is asked for while ``$INTEGRATION_ENCRYPTION_KEY`` is set
        (the variable would keep overriding the file).
        """
        to_file = not isinstance(new_key, str)
        if to_file and self.keyring.env_is_set():
            raise KeyRotationError(
                f"{crypto.ENV_KEY} is set, so a new key file would be ignored. "
                f"Give the new {crypto.ENV_KEY} value instead, or unset the variable first."
            )
        if isinstance(new_key, str):
            target = crypto.key_from_passphrase(new_key, source="env")
        elif isinstance(new_key, bytes):
            target = EncryptionKey(new_key, "file")
        else:
            target = crypto.generate_key()
        current = self.keyring.current()
        staged = self.keyring.staged_file if to_file else None
        if staged is not None:
            with contextlib.suppress(FileNotFoundError):
                staged.unlink()  # left by a crash before recover() could run: never committed
            crypto.write_key_file(staged, target)
        try:
            count = self._reencrypt(current, target)
        except BaseException:
            if staged is not None:
                with contextlib.suppress(FileNotFoundError):
                    staged.unlink()
            raise
        if staged is not None:
            crypto.replace_key_file(staged, self.keyring.key_file)
        self.keyring.forget()
        if not to_file:
            self.keyring.use(target)  # for this process; the user sets the variable for the next
        return count

    def _reencrypt(self, current: EncryptionKey | None, target: EncryptionKey) -> int:
        """The one transaction of a rotation."""
        with self.store.write():
            rows = list(App.select().where(App.integration_config.is_null(False)))
            unreadable = []
            plain: list[tuple[App, dict[str, Any]]] = []
            for row in rows:
                opened = self.keyring.open(row.integration_config, row.id)
                if opened.config is None or current is None:
                    unreadable.append(f"{row.name} ({opened.message})")
                else:
                    plain.append((row, opened.config))
            if unreadable:
                raise KeyRotationError(
                    "Cannot rotate: these apps' settings cannot be decrypted with the current key: "
                    + "; ".join(unreadable),
                    hint="Re-enter or clear their settings first, or restore the right key.",
                )
            for row, config in plain:
                blob = crypto.encrypt_config(target, config, row.id)
                App.update(integration_config=blob).where(App.id == row.id).execute()
            self.store.set_meta(KEY_CHECK_META, crypto.make_key_check(target))
        return len(plain)
