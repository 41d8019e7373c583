"""Per-app TLS policy, and the SSL contexts it needs, built once per process.

Building an SSL context means parsing a CA bundle (~18 ms here); httpx does that for every
client unless it is handed a context. A board of twenty apps would freeze the dashboard for
half a second at start, so contexts are shared: one for "verify with the default CAs", one per
CA-bundle file (rebuilt when the file changes). Kept apart from :mod:`integrations.client` so
that naming a policy does not import httpx.
"""

from __future__ import annotations

import os
import ssl
from dataclasses import dataclass
from functools import cache

from integrations.errors import ConfigError


@cache
def default_context() -> ssl.SSLContext:
    """The verifying context with the CAs httpx would use (certifi's, else the system's)."""
    try:
        import certifi
    except ImportError:  # pragma: no cover - certifi comes with httpx
        return ssl.create_default_context()
    return ssl.create_default_context(cafile=certifi.where())


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

    def httpx_verify(self) -> ssl.SSLContext | bool:
        """What httpx wants for ``verify=``: a shared context, or ``False`` when switched off."""
        if not self.verify:
            return False
        if self.ca_bundle:
            return bundle_context(self.ca_bundle)
        return default_context()
