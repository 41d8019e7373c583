"""Per-app TLS policy, and the SSL contexts it needs, built once per process.

Building an SSL context means parsing a CA bundle (~18 ms here); httpx does that for every
client unless it is handed a context. A board of twenty apps would freeze the dashboard for
half a second at start, so contexts are shared: one for "verify with the default CAs", one per
CA-bundle file (rebuilt when the file changes). Kept apart from :mod:`integrations.client` so
that naming a policy does not import httpx.

A client based at a plain ``http://`` URL gets a context that reads the default CAs on its first
TLS connection instead (:func:`deferred_default_context`): it needs them only if a request
leaves for an ``https://`` URL or goes through an HTTPS proxy, and a one-shot command
(``test-connection`` of an ``http://`` app) would otherwise spend ~18 ms on them for nothing.
"""

from __future__ import annotations

import os
import ssl
import sys
import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

from integrations.errors import ConfigError


def _httpx_cafile() -> str | None:
    """The CA file httpx uses (certifi's); ``None``: the system's CAs."""
    try:
        import certifi
    except ImportError:  # pragma: no cover - certifi comes with httpx
        return None
    return certifi.where()


def new_context(cafile: str | None = None) -> ssl.SSLContext:
    """A verifying context of its own, trusting ``cafile`` or the CAs httpx would use.

    For a client that adds something to its context (a client certificate): the shared ones
    below must never carry one app's certificate to every other app's server.
    """
    return ssl.create_default_context(cafile=cafile or _httpx_cafile())


@cache
def default_context() -> ssl.SSLContext:
    """The shared verifying context with the CAs httpx would use (certifi's, else the system's)."""
    return new_context()


class _CAsOnFirstUse(ssl.SSLContext):
    """:func:`default_context`'s settings; its CA file is read when the first TLS connection starts.

    anyio hands ``wrap_bio`` of a subclass to a worker thread, so only clients that may never
    speak TLS get this one; every ``https://`` client gets the plain shared context.
    """

    cafile = ""
    _loaded = False
    _lock = threading.Lock()

    def load_cas(self) -> None:
        with self._lock:
            if not self._loaded:
                self.load_verify_locations(cafile=self.cafile)
                self._loaded = True

    def wrap_socket(self, *args: Any, **kwargs: Any) -> ssl.SSLSocket:
        self.load_cas()
        return super().wrap_socket(*args, **kwargs)

    def wrap_bio(self, *args: Any, **kwargs: Any) -> ssl.SSLObject:
        self.load_cas()
        return super().wrap_bio(*args, **kwargs)


@cache
def deferred_default_context() -> ssl.SSLContext:
    """Verifies like :func:`default_context`, but reads the CAs only when TLS is first used."""
    cafile = _httpx_cafile()
    if cafile is None:  # pragma: no cover - certifi comes with httpx
        return default_context()
    # what ssl.create_default_context() sets up for a client (checked against it by the tests)
    context = _CAsOnFirstUse(ssl.PROTOCOL_TLS_CLIENT)
    context.verify_mode = ssl.CERT_REQUIRED
    context.check_hostname = True
    if sys.version_info >= (3, 13):  # pragma: no cover - the stricter defaults of 3.13
        context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN | ssl.VERIFY_X509_STRICT
    keylog = os.environ.get("SSLKEYLOGFILE")
    if keylog and not sys.flags.ignore_environment:
        context.keylog_filename = keylog
    context.cafile = cafile
    return context


@cache
def _bundle_context(path: str, mtime_ns: int) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=path)


def bundle_context(path: str) -> ssl.SSLContext:
    """A context trusting the CAs in ``path``; :class:`ConfigError` when it cannot be read."""
    try:
        return _bundle_context(path, os.stat(path).st_mtime_ns)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(
            f"Cannot read the CA bundle {path}: {exc}",
            hint="Give the path of a PEM file with the CA certificate.",
        ) from exc


@dataclass(frozen=True)
class TLSOptions:
    """Per-app TLS policy: verify by default; a CA bundle for self-signed homelab certificates."""

    verify: bool = True
    ca_bundle: str | None = None

    def httpx_verify(self, *, plain_http: bool = False) -> ssl.SSLContext | bool:
        """What httpx wants for ``verify=``: a shared context, or ``False`` when switched off.

        ``plain_http``: for a client based at an ``http://`` URL, which reads the default CAs
        only if it ever makes a TLS connection (a CA bundle is still read at once: a wrong path
        is reported when the client is made).
        """
        if not self.verify:
            return False
        if self.ca_bundle:
            return bundle_context(self.ca_bundle)
        return deferred_default_context() if plain_http else default_context()
