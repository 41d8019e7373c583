"""AES-GCM blobs, key derivation and the key file."""

from __future__ import annotations

import os
import stat

import pytest

from launcher_tui import crypto
from launcher_tui.crypto import (
    CorruptValueError,
    EncryptionKey,
    KeyFileError,
    WeakKeyError,
    WrongKeyError,
)

CONFIG = {"api_key": "s3cr3t-value", "port": 8989, "nested": {"a": [1, 2]}}


@pytest.fixture
def key() -> EncryptionKey:
    return crypto.generate_key()


def test_round_trip_and_documented_layout(key: EncryptionKey) -> None:
    blob = crypto.encrypt_config(key, CONFIG, app_id=7)
    assert crypto.decrypt_config(key, blob, app_id=7) == CONFIG
    assert blob[0] == crypto.FORMAT_VERSION == 1
    assert blob[1:9] == key.key_id
    plaintext_len = len(b'{"api_key":"s3cr3t-value","nested":{"a":[1,2]},"port":8989}')
    assert len(blob) == 1 + 8 + 12 + plaintext_len + 16
    assert b"s3cr3t" not in blob


def test_nonce_is_fresh_each_time(key: EncryptionKey) -> None:
    first = crypto.encrypt_config(key, CONFIG, 1)
    second = crypto.encrypt_config(key, CONFIG, 1)
    assert first[9:21] != second[9:21]
    assert first != second


@pytest.mark.parametrize("offset", [21, 30, -1])
def test_tampered_ciphertext_or_tag_is_corrupt(key: EncryptionKey, offset: int) -> None:
    blob = bytearray(crypto.encrypt_config(key, CONFIG, 1))
    blob[offset] ^= 0x01
    with pytest.raises(CorruptValueError, match="integrity"):
        crypto.decrypt_config(key, bytes(blob), 1)


def test_tampered_nonce_is_corrupt(key: EncryptionKey) -> None:
    blob = bytearray(crypto.encrypt_config(key, CONFIG, 1))
    blob[12] ^= 0x80
    with pytest.raises(CorruptValueError):
        crypto.decrypt_config(key, bytes(blob), 1)


def test_unknown_version_byte_is_refused(key: EncryptionKey) -> None:
    blob = bytearray(crypto.encrypt_config(key, CONFIG, 1))
    blob[0] = 2
    with pytest.raises(CorruptValueError, match="version 2"):
        crypto.decrypt_config(key, bytes(blob), 1)
    assert crypto.blob_key_id(bytes(blob)) is None


def test_truncated_blob_is_corrupt(key: EncryptionKey) -> None:
    blob = crypto.encrypt_config(key, CONFIG, 1)
    with pytest.raises(CorruptValueError, match="truncated"):
        crypto.decrypt_config(key, blob[:30], 1)


def test_wrong_key_is_told_apart_from_corruption(key: EncryptionKey) -> None:
    other = crypto.generate_key()
    blob = crypto.encrypt_config(key, CONFIG, 1)
    with pytest.raises(WrongKeyError):
        crypto.decrypt_config(other, blob, 1)
    check = crypto.make_key_check(key)
    assert crypto.key_matches_check(key, check)
    assert not crypto.key_matches_check(other, check)
    assert not crypto.key_matches_check(key, None)


def test_blob_is_bound_to_its_app(key: EncryptionKey) -> None:
    blob = crypto.encrypt_config(key, CONFIG, app_id=1)
    with pytest.raises(CorruptValueError):
        crypto.decrypt_config(key, blob, app_id=2)


@pytest.mark.parametrize(
    "value",
    [
        "short-key",
        "aaaaaaaaaaaaaaaaaaaaaaaa",
        "abababababababababab",
        "password",
        "password12345678",
        "PasswordPassword!",
        "changeme-changeme",
        "secretsecretsecret",
    ],
)
def test_weak_passphrases_are_rejected(value: str) -> None:
    with pytest.raises(WeakKeyError, match=crypto.ENV_KEY):
        crypto.key_from_passphrase(value)


def test_strong_passphrase_derives_a_stable_key() -> None:
    first = crypto.key_from_passphrase("x7Gq-2pLm-vR9t-KdW4-zY8e")
    again = crypto.key_from_passphrase("x7Gq-2pLm-vR9t-KdW4-zY8e")
    other = crypto.key_from_passphrase("x7Gq-2pLm-vR9t-KdW4-zY8f")
    assert first.material == again.material
    assert first.material != other.material
    assert len(first.material) == 32
    assert first.material != b"x7Gq-2pLm-vR9t-KdW4-zY8e".ljust(32, b"\0")


def test_env_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(crypto.ENV_KEY, raising=False)
    assert crypto.env_key() is None
    monkeypatch.setenv(crypto.ENV_KEY, "N8vq3-Wm2Lx-Tz7Pk-Rb5Hs")
    assert crypto.env_key() == crypto.key_from_passphrase("N8vq3-Wm2Lx-Tz7Pk-Rb5Hs")
    monkeypatch.setenv(crypto.ENV_KEY, "changeme")
    with pytest.raises(WeakKeyError):
        crypto.env_key()


def test_key_file_created_private_and_reused(tmp_path) -> None:
    path = tmp_path / "conf" / "encryption.key"
    old_umask = os.umask(0)  # even a permissive umask must not widen the key file
    try:
        key = crypto.load_or_create_file_key(path)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert crypto.load_or_create_file_key(path).material == key.material
    assert crypto.read_key_file(path).material == key.material


def test_key_file_is_never_overwritten(tmp_path) -> None:
    path = tmp_path / "encryption.key"
    crypto.write_key_file(path, crypto.generate_key())
    before = path.read_bytes()
    with pytest.raises(FileExistsError):
        crypto.write_key_file(path, crypto.generate_key())
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", [b"", b"not base64 !!", b"c2hvcnQ=\n"])
def test_bad_key_file_is_a_clear_error(tmp_path, content: bytes) -> None:
    path = tmp_path / "encryption.key"
    path.write_bytes(content)
    with pytest.raises(KeyFileError, match="32-byte key"):
        crypto.read_key_file(path)
