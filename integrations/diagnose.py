"""The real reason behind a transport failure, as a typed error with a hint that fits.

httpx reports an expired certificate and a name mismatch alike as CERTIFICATE_VERIFY_FAILED,
plain http to a TLS port as a ``ReadError`` with an empty message, and a unix socket the user may
not open as "[Errno 13]" against a made-up ``http://docker`` URL. These functions dig the cause
out of the exception chain (``ssl.SSLCertVerificationError.verify_code``, the ``OSError``'s
errno) and name it, with the failure table's kind (:mod:`integrations.failures`).
"""

from __future__ import annotations

import asyncio
import errno
import grp
import os
import ssl
import stat
from collections.abc import Iterator

import httpx

from integrations.errors import IntegrationError, TLSError, UnreachableError
from integrations.tls import TLSOptions

# OpenSSL X509_V_ERR_* codes (stable across OpenSSL versions)
_EXPIRED = {9: "is not valid yet", 10: "has expired"}
_NAME_MISMATCH = {62, 64}  # X509_V_ERR_HOSTNAME_MISMATCH / IP_ADDRESS_MISMATCH
_UNTRUSTED = {2, 18, 19, 20, 21}  # unknown issuer, self-signed (in chain), no local issuer
_PLAIN_HTTP_REASONS = {"WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "PACKET_LENGTH_TOO_LONG"}

TLS_PROBE_TIMEOUT = 2.0
"""How long the "does this port speak TLS?" probe after an unexplained hang-up may take."""


def causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and its causes/contexts, outermost first (cycles are cut)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def tls_error(
    exc: BaseException, *, name: str, where: str, tls: TLSOptions, integration: str
) -> TLSError | None:
    """The TLS failure in ``exc``'s chain with its real reason, or ``None`` if there is none."""
    for cause in causes(exc):
        if isinstance(cause, ssl.SSLCertVerificationError):
            return _verify_error(cause, name=name, where=where, tls=tls, integration=integration)
        if isinstance(cause, ssl.SSLError):
            reason = str(getattr(cause, "reason", "") or "")
            if reason.upper() in _PLAIN_HTTP_REASONS:
                return TLSError(
                    f"{name}: {where} answered plain HTTP, not TLS",
                    code="not_tls",
                    integration=integration,
                )
            return TLSError(
                f"{name}: TLS failed for {where}: {reason or cause}",
                integration=integration,
            )
    text = str(exc)
    if "CERTIFICATE_VERIFY_FAILED" in text or "SSL" in text:
        return TLSError(f"{name}: TLS failed for {where}: {text}", integration=integration)
    return None


def _verify_error(
    cause: ssl.SSLCertVerificationError, *, name: str, where: str, tls: TLSOptions, integration: str
) -> TLSError:
    code = cause.verify_code
    detail = (cause.verify_message or str(cause.reason or cause)).rstrip(".")
    if code in _EXPIRED:
        said = "" if _EXPIRED[code] in detail else f" ({detail})"
        return TLSError(
            f"{name}: the certificate of {where} {_EXPIRED[code]}{said}",
            code="tls_expired",
            integration=integration,
        )
    if code in _NAME_MISMATCH:
        return TLSError(
            f"{name}: the certificate of {where} is not for this host ({detail})",
            code="tls_name_mismatch",
            integration=integration,
        )
    if code in _UNTRUSTED:
        hint = None
        if tls.ca_bundle:
            hint = (
                f"The CA bundle {tls.ca_bundle} does not hold the CA that signed this "
                "certificate (or its intermediate chain); give the right bundle."
            )
        return TLSError(
            f"{name}: the certificate of {where} is not trusted ({detail})",
            code="tls_untrusted",
            hint=hint,
            integration=integration,
        )
    return TLSError(
        f"{name}: the certificate of {where} failed verification ({detail})",
        integration=integration,
    )


def _socket_owner(path: str) -> str:
    """`` (group docker, mode 0660)`` for a socket, so the fix can name the group."""
    try:
        info = os.stat(path)
    except OSError:
        return ""
    try:
        group = grp.getgrgid(info.st_gid).gr_name
    except KeyError:
        group = str(info.st_gid)
    return f" (group {group}, mode {stat.S_IMODE(info.st_mode):04o})"


def socket_error(
    exc: BaseException, *, name: str, socket_path: str, integration: str
) -> UnreachableError:
    """A failure to open a unix socket, naming the socket and the fix."""
    for cause in causes(exc):
        if isinstance(cause, OSError) and cause.errno is not None:
            if cause.errno in (errno.EACCES, errno.EPERM):
                return UnreachableError(
                    f"{name}: permission denied opening the socket {socket_path}"
                    f"{_socket_owner(socket_path)}",
                    code="socket_denied",
                    integration=integration,
                )
            if cause.errno in (errno.ENOENT, errno.ENOTDIR):
                return UnreachableError(
                    f"{name}: no socket at {socket_path}",
                    code="socket_missing",
                    integration=integration,
                )
            if cause.errno == errno.ECONNREFUSED:
                return UnreachableError(
                    f"{name}: nothing accepts connections on the socket {socket_path} "
                    "(a stale socket file: is the service running?)",
                    code="socket_missing",
                    integration=integration,
                )
    return UnreachableError(
        f"{name}: cannot connect to the socket {socket_path} ({exc or type(exc).__name__})",
        hint="Check that the service is running and the socket path is right.",
        integration=integration,
    )


async def speaks_tls(url: httpx.URL, timeout: float = TLS_PROBE_TIMEOUT) -> bool:
    """Whether ``url``'s host and port complete a TLS handshake (certificate not checked)."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        async with asyncio.timeout(timeout):
            _, writer = await asyncio.open_connection(url.host, port, ssl=context)
    except (OSError, TimeoutError, ssl.SSLError, ValueError):
        return False
    writer.close()
    try:
        async with asyncio.timeout(timeout):
            await writer.wait_closed()
    except (OSError, TimeoutError, ssl.SSLError):
        pass
    return True


async def certificate_names(url: httpx.URL, timeout: float = TLS_PROBE_TIMEOUT) -> list[str]:
    """The names a service's certificate is for (its DNS/IP alternative names, else its CN).

    Read over an unverified handshake, only to tell a person which name to use after a name
    mismatch; nothing is sent.
    """
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    port = url.port or 443
    try:
        async with asyncio.timeout(timeout):
            _, writer = await asyncio.open_connection(url.host, port, ssl=context)
    except (OSError, TimeoutError, ssl.SSLError, ValueError):
        return []
    try:
        tls_object = writer.get_extra_info("ssl_object")
        der = tls_object.getpeercert(binary_form=True) if tls_object is not None else None
    finally:
        writer.close()
    if not der:
        return []
    try:
        cert = x509.load_der_x509_certificate(der)
    except ValueError:
        return []
    try:
        alt = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names = [*alt.get_values_for_type(x509.DNSName)]
        names += [str(ip) for ip in alt.get_values_for_type(x509.IPAddress)]
    except x509.ExtensionNotFound:
        names = []
    if not names:
        names = [str(a.value) for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)]
    return names[:5]


async def explain_mismatch(error: TLSError, url: httpx.URL) -> TLSError:
    """A name-mismatch error that also says which names the certificate is for."""
    if error.code != "tls_name_mismatch":
        return error
    names = await certificate_names(url)
    if not names:
        return error
    listed = ", ".join(names)
    return TLSError(
        f"{error.message}; it is for {listed}",
        code=error.code,
        hint=f"Use {names[0]} in the URL (the name in the certificate), or reissue the "
        f"certificate for {url.host}.",
        integration=error.integration,
    )


async def hang_up_error(
    exc: BaseException, url: httpx.URL, *, name: str, where: str, integration: str
) -> IntegrationError:
    """The connection closed without an answer: plain http to a TLS port, or say so plainly."""
    if url.scheme == "http" and await speaks_tls(url):
        https = url.copy_with(scheme="https", path="/", query=None, fragment=None)
        return TLSError(
            f"{name}: {where} speaks TLS; the URL says http:// (try {str(https).rstrip('/')})",
            code="tls_required",
            integration=integration,
        )
    detail = str(exc).strip() or "the connection was closed before an answer came"
    return UnreachableError(f"{name}: cannot reach {where}: {detail}", integration=integration)


__all__ = ["causes", "hang_up_error", "socket_error", "speaks_tls", "tls_error"]
