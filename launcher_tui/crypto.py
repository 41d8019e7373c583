"""Encryption of integration configs at rest: AES-256-GCM, one key, bound to each app.

Blob format (version 1), stored in ``app.integration_config``::

    offset  size  field
    0       1     format version, 0x01
    1       8     key id: first 8 bytes of HKDF-SHA256(key, info="launcher-tui key id v1")
    9       12    nonce, random per encryption (never reused under one key)
    21      n+16  AES-256-GCM ciphertext of the JSON config, followed by the 16-byte tag

The associated data is ``b"launcher-tui/app-config/v1:" + str(app_id)``: a blob copied onto
another app fails authentication. The key id (a one-way derivative, it reveals nothing usable
about the key) tells "this value was written under another key" (re-enter it, or restore the
key) apart from "this value is damaged". The version byte leaves room for a future format or
KDF; unknown versions are refused rather than guessed at.

The key comes from ``$INTEGRATION_ENCRYPTION_KEY`` (any strong string, stretched to 256 bits
with HKDF-SHA256 and fixed salt/info) or, when that is unset, from a random 32-byte key kept in
``<config dir>/encryption.key`` (base64, mode 0600, created with ``O_EXCL`` on first use).
HKDF is not a password hash: the env value is meant to be a generated secret, which is why
weak-looking values are refused outright.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from launcher_tui import paths
from launcher_tui.store.errors import LauncherError

FORMAT_VERSION = 1
KEY_LEN = 32
KEY_ID_LEN = 8
NONCE_LEN = 12
TAG_LEN = 16
HEADER_LEN = 1 + KEY_ID_LEN + NONCE_LEN

ENV_KEY = "INTEGRATION_ENCRYPTION_KEY"
MIN_PASSPHRASE_LEN = 16
MIN_DISTINCT_CHARS = 5

_HKDF_SALT = b"launcher-tui/config-encryption/salt/v1"
_HKDF_INFO_KEY = b"launcher-tui config encryption key v1"
_HKDF_INFO_KEY_ID = b"launcher-tui key id v1"
_APP_AAD_PREFIX = b"launcher-tui/app-config/v1:"
KEY_CHECK_AAD = b"launcher-tui/key-check/v1"
KEY_CHECK_PLAINTEXT = b"launcher-tui key check: if you can read this, the key is right"

_WEAK_WORDS = (
    "password",
    "passw0rd",
    "changeme",
    "secret",
    "letmein",
    "qwerty",
    "admin",
    "default",
    "example",
    "launchertui",
    "test",
    "key",
)
_WEAK_PATTERN = re.compile("^(?:" + "|".join(_WEAK_WORDS) + ")+$")


class CryptoError(LauncherError):
    """Base of encryption failures."""

    code = "crypto"


class WeakKeyError(CryptoError):
    """``$INTEGRATION_ENCRYPTION_KEY`` (or a new passphrase) is too easy to guess."""

    code = "weak_key"
    default_hint = (
        "Use a long random value, e.g. the output of: python -c "
        "'import secrets; print(secrets.token_urlsafe(32))'"
    )


class KeyFileError(CryptoError):
    """The key file exists but cannot be read or is not a key."""

    code = "key_file"
    default_hint = (
        "Restore the key file from a backup. Without it, stored secrets must be re-entered."
    )


class KeyMissingError(CryptoError):
    """No key anywhere, yet the store holds settings encrypted with one: never make a new one."""

    code = "key_missing"
    default_hint = f"Restore the key file, or set {ENV_KEY} to the value used before."


class DecryptError(CryptoError):
    """A stored value could not be decrypted."""

    code = "undecryptable"


class WrongKeyError(DecryptError):
    """The value was encrypted under another key."""

    code = "wrong_key"
    default_hint = (
        "Restore the key used before (key file or INTEGRATION_ENCRYPTION_KEY), "
        "or re-enter the app's settings."
    )


class CorruptValueError(DecryptError):
    """The value is damaged (bad length, unknown format, failed authentication)."""

    code = "corrupt"
    default_hint = "Re-enter the app's settings."


def _hkdf(material: bytes, info: bytes, length: int) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=length, salt=_HKDF_SALT, info=info).derive(
        material
    )


@dataclass(frozen=True)
class EncryptionKey:
    """A 256-bit AES key and where it came from (``env``, ``file``, ``generated``, ``explicit``)."""

    material: bytes = field(repr=False)
    source: str = "explicit"

    def __post_init__(self) -> None:
        if len(self.material) != KEY_LEN:
            raise CryptoError(
                f"An encryption key must be {KEY_LEN} bytes, not {len(self.material)}."
            )

    @property
    def key_id(self) -> bytes:
        """Short one-way fingerprint of the key, written into every blob."""
        return _hkdf(self.material, _HKDF_INFO_KEY_ID, KEY_ID_LEN)

    def encrypt(self, plaintext: bytes, aad: bytes) -> bytes:
        """A version-1 blob of ``plaintext`` bound to ``aad``."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(NONCE_LEN)
        sealed = AESGCM(self.material).encrypt(nonce, plaintext, aad)
        return bytes([FORMAT_VERSION]) + self.key_id + nonce + sealed

    def decrypt(self, blob: bytes, aad: bytes) -> bytes:
        """The plaintext of ``blob``; :class:`WrongKeyError` or :class:`CorruptValueError`."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        blob = bytes(blob)
        if len(blob) < HEADER_LEN + TAG_LEN:
            raise CorruptValueError("The stored value is truncated.")
        if blob[0] != FORMAT_VERSION:
            raise CorruptValueError(f"The stored value has an unknown format version {blob[0]}.")
        if blob[1 : 1 + KEY_ID_LEN] != self.key_id:
            raise WrongKeyError("The stored value was encrypted with a different key.")
        nonce = blob[1 + KEY_ID_LEN : HEADER_LEN]
        try:
            return AESGCM(self.material).decrypt(nonce, blob[HEADER_LEN:], aad)
        except InvalidTag:
            raise CorruptValueError(
                "The stored value failed its integrity check (damaged, or copied from another app)."
            ) from None


def blob_key_id(blob: bytes | None) -> bytes | None:
    """The key id recorded in a blob (``None`` for an empty or unknown-format value)."""
    if not blob or len(blob) < HEADER_LEN or blob[0] != FORMAT_VERSION:
        return None
    return bytes(blob[1 : 1 + KEY_ID_LEN])


# -- configs -----------------------------------------------------------------------------------


def app_aad(app_id: int) -> bytes:
    """Associated data binding a blob to one app."""
    return _APP_AAD_PREFIX + str(int(app_id)).encode()


def encrypt_config(key: EncryptionKey, config: dict[str, Any], app_id: int) -> bytes:
    """Serialise ``config`` (plain JSON values, secrets in clear) and encrypt it for ``app_id``."""
    data = json.dumps(config, separators=(",", ":"), sort_keys=True).encode()
    return key.encrypt(data, app_aad(app_id))


def decrypt_config(key: EncryptionKey, blob: bytes, app_id: int) -> dict[str, Any]:
    """The config dict stored in ``blob`` for ``app_id``."""
    data = key.decrypt(blob, app_aad(app_id))
    try:
        value = json.loads(data)
    except ValueError:
        raise CorruptValueError("The stored value is not valid JSON.") from None
    if not isinstance(value, dict):
        raise CorruptValueError("The stored value is not a settings object.")
    return value


def make_key_check(key: EncryptionKey) -> bytes:
    """A known plaintext under ``key``: proves later that a key is the right one."""
    return key.encrypt(KEY_CHECK_PLAINTEXT, KEY_CHECK_AAD)


def key_matches_check(key: EncryptionKey, check: bytes | None) -> bool:
    """Whether ``key`` decrypts the stored key check (``False`` for a missing check)."""
    if not check:
        return False
    try:
        return key.decrypt(check, KEY_CHECK_AAD) == KEY_CHECK_PLAINTEXT
    except DecryptError:
        return False


# -- keys ----------------------------------------------------------------------------------------


def check_passphrase(value: str) -> None:
    """Refuse values that are short, repetitive or built from well-known words."""
    stripped = value.strip()
    if len(stripped) < MIN_PASSPHRASE_LEN:
        raise WeakKeyError(
            f"{ENV_KEY} is too short ({len(stripped)} characters); use at least "
            f"{MIN_PASSPHRASE_LEN}."
        )
    if len(set(stripped)) < MIN_DISTINCT_CHARS:
        raise WeakKeyError(f"{ENV_KEY} repeats the same few characters; use a random value.")
    letters = re.sub(r"[^a-z]", "", stripped.lower())
    if letters and _WEAK_PATTERN.match(letters) and len(letters) >= len(stripped) / 2:
        raise WeakKeyError(f"{ENV_KEY} is built from a well-known word; use a random value.")


def key_from_passphrase(value: str, *, source: str = "env") -> EncryptionKey:
    """Stretch a strong string (the env value) into an AES-256 key with HKDF-SHA256."""
    check_passphrase(value)
    return EncryptionKey(_hkdf(value.strip().encode(), _HKDF_INFO_KEY, KEY_LEN), source)


def generate_key() -> EncryptionKey:
    """A fresh random key."""
    return EncryptionKey(secrets.token_bytes(KEY_LEN), "generated")


def env_key() -> EncryptionKey | None:
    """The key from ``$INTEGRATION_ENCRYPTION_KEY``, ``None`` when unset or empty."""
    value = os.environ.get(ENV_KEY, "")
    return key_from_passphrase(value) if value.strip() else None


def read_key_file(path: Path) -> EncryptionKey:
    """Read a key file written by :func:`write_key_file`."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFileError(f"The key file {path} cannot be read: {exc}.") from None
    try:
        material = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        material = b""
    if len(material) != KEY_LEN:
        raise KeyFileError(f"The key file {path} does not contain a {KEY_LEN}-byte key.")
    return EncryptionKey(material, "file")


def write_key_file(path: Path, key: EncryptionKey) -> None:
    """Create ``path`` holding ``key``: mode 0600 from the first byte, never overwriting.

    Raises ``FileExistsError`` when the file exists (callers decide whether that is a race to
    re-read or a mistake). The data is fsynced so a crash cannot leave an empty key behind.
    """
    paths.ensure_private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, paths.PRIVATE_FILE_MODE)
    try:
        os.write(fd, base64.b64encode(key.material) + b"\n")
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    os.close(fd)
    _fsync_dir(path.parent)


def replace_key_file(staged: Path, path: Path) -> None:
    """Atomically move a fully written ``staged`` key file over ``path``."""
    os.replace(staged, path)
    _fsync_dir(path.parent)


def load_or_create_file_key(path: Path) -> EncryptionKey:
    """The key in ``path``, generating and saving one when the file does not exist."""
    if path.exists():
        return read_key_file(path)
    key = generate_key()
    try:
        write_key_file(path, key)
    except FileExistsError:  # another process created it first: use theirs
        return read_key_file(path)
    except OSError as exc:
        raise KeyFileError(
            f"The key file {path} cannot be created: {exc}.",
            hint="Check that the config directory is writable (LAUNCHER_TUI_CONFIG_DIR).",
        ) from None
    return EncryptionKey(key.material, "file")


def fingerprint(key: EncryptionKey) -> str:
    """Short printable id of a key for status output (hex of a hash of the key id)."""
    return hashlib.sha256(key.key_id).hexdigest()[:12]


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
