"""HTTP access for integrations: one place for timeouts, size caps, TLS and error mapping.

Every integration talks HTTP through :class:`HttpClient`, so every one of them gets the same
behaviour a person can rely on: a per-call timeout, a cap on how much of a response is read (a
misconfigured URL pointing at a 2 GB file must not eat the dashboard's memory), TLS verified by
default with a per-app switch and CA bundle, redirects followed only within the origin (credentials
never leave it), and failures turned into the typed errors of :mod:`integrations.errors`, with the
real reason (:mod:`integrations.diagnose`). Session APIs (login → cookie/token) use :class:`LoginSession`.
"""

from __future__ import annotations

import asyncio
import json
import time
from abc import ABC, abstractmethod
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from integrations.bodies import describe_body, quoted
from integrations.decoding import ACCEPT_ENCODING, BoundedDecoder, DecodeRefused, TooLarge
from integrations.diagnose import explain_mismatch, hang_up_error, socket_error, tls_error
from integrations.errors import (
    AuthError,
    BadResponseError,
    BadStatusError,
    ConfigError,
    ForbiddenError,
    IntegrationError,
    RateLimitedError,
    TimeoutError_,
    TLSError,
    UnreachableError,
    parse_retry_after,
)
from integrations.failures import credential_hint
from integrations.origins import redirect_target, same_origin, shown_url
from integrations.tls import TLSOptions

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 8 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5
USER_AGENT = "launcher-tui/0.1"


@dataclass(frozen=True)
class HttpResponse:
    """A fully read (and size-capped) response."""

    status_code: int
    headers: httpx.Headers
    content: bytes
    url: str
    integration: str = ""

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self, what: str = "the response") -> Any:
        """Parse JSON or raise :class:`BadResponseError` that says what came back instead."""
        try:
            return json.loads(self.content)
        except ValueError:
            raise BadResponseError(
                f"{self.integration or 'service'}: expected JSON for {what} from {self.url}, "
                f"got {describe_body(self.content, self.headers.get('content-type', ''))}",
                integration=self.integration,
            ) from None


class HttpClient:
    """An httpx ``AsyncClient`` wrapper based at one URL, with typed errors.

    ``request`` raises :class:`AuthError` for 401/403 (:class:`ForbiddenError` when the app has
    no credentials to refuse), :class:`RateLimitedError` for 429, :class:`BadStatusError` for other
    error statuses (unless listed in ``ok_statuses``), and maps transport failures to
    :class:`UnreachableError`, :class:`TimeoutError_`, :class:`TLSError` with their real reason.

    Every call has one total deadline (connect + headers + body + same-origin redirects), the
    body is capped on its decoded size while it is decoded (:mod:`integrations.decoding`), and
    redirects are followed only within the origin (:mod:`integrations.origins`).
    """

    def __init__(
        self,
        base_url: str,
        *,
        integration: str = "",
        tls: TLSOptions | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = DEFAULT_MAX_REDIRECTS,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        uds: str | None = None,
        credentials: Sequence[str] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.integration = integration
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.timeout = timeout
        self.uds = uds
        self.credentials = None if credentials is None else tuple(credentials)
        """Titles of the app's credential fields; ``()`` when it has none (``None``: unknown)."""
        self.tls = tls = tls or TLSOptions()
        # an http:// client reads the default CAs only if it ever speaks TLS (integrations.tls)
        verify = tls.httpx_verify(plain_http=base_url.lower().startswith("http://"))
        transport = httpx.AsyncHTTPTransport(uds=uds, verify=verify) if uds else None
        try:
            self._client = httpx.AsyncClient(
                base_url=self.base_url,
                timeout=timeout,
                verify=verify,
                follow_redirects=False,  # see _send: same-origin redirects only
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept-Encoding": ACCEPT_ENCODING,
                    **(headers or {}),
                },
                auth=auth,
                transport=transport,
            )
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError, TypeError) as exc:
            raise ConfigError(
                f"{integration or 'service'}: invalid URL {base_url!r}: {exc}",
                hint="Use a URL such as http://192.168.1.10:8989",
                integration=integration,
            ) from exc
        # httpx accepts "http://" or "nas" as a base URL and only fails later, as a DNS error
        # ("unreachable") that sends the person looking at the network instead of the URL.
        parsed = self._client.base_url
        if base_url and not uds and (parsed.scheme not in ("http", "https") or not parsed.host):
            raise ConfigError(
                f"{integration or 'service'}: invalid URL {base_url!r}: "
                "it needs http:// or https:// and a host name",
                hint="Use a URL such as http://192.168.1.10:8989",
                integration=integration,
            )

    @property
    def cookies(self) -> httpx.Cookies:
        """The client's cookie jar (session APIs keep their login cookie here)."""
        return self._client.cookies

    async def request(
        self,
        method: str,
        path: str = "",
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        data: dict[str, Any] | None = None,
        content: bytes | str | None = None,
        files: Any = None,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,
        ok_statuses: Collection[int] = (),
    ) -> HttpResponse:
        """Send a request and read the (capped) body; statuses in ``ok_statuses`` never raise.

        ``timeout`` is the call's total deadline in seconds (default: the client's).
        """
        name = self.integration or "service"
        deadline = timeout if timeout is not None else self.timeout
        build: dict[str, Any] = {
            "params": params,
            "json": json,
            "data": data,
            "content": content,
            "files": files,
            "headers": headers,
            "timeout": deadline,
        }
        send: dict[str, Any] = {"auth": auth} if auth is not None else {}
        ok = frozenset(ok_statuses)
        try:
            async with asyncio.timeout(deadline):
                try:
                    result = await self._send(method, path, build, send, ok)
                except httpx.RemoteProtocolError as exc:
                    if "without sending a response" not in str(exc):
                        raise
                    # A pooled keep-alive connection the server had already closed (NZBGet does
                    # this after a 401): nothing was processed, so one retry on a fresh
                    # connection is safe.
                    result = await self._send(method, path, build, send, ok)
        except IntegrationError:
            raise
        except (httpx.TimeoutException, TimeoutError) as exc:
            raise TimeoutError_(
                f"{name}: no complete answer from {self._where(path)} within {deadline:g} s",
                integration=self.integration,
            ) from exc
        except httpx.ConnectError as exc:
            error = self._connect_error(exc, path)
            if isinstance(error, TLSError):
                error = await explain_mismatch(error, self._client.base_url)
            raise error from exc
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise ConfigError(
                f"{name}: invalid URL {self._where(path)}: {exc}",
                hint="Use a URL such as http://192.168.1.10:8989",
                integration=self.integration,
            ) from exc
        except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError) as exc:
            if self.uds is None and (
                not isinstance(exc, httpx.RemoteProtocolError)
                or "without sending a response" in str(exc)
            ):
                raise await hang_up_error(
                    exc,
                    self._client.base_url,
                    name=name,
                    where=self._where(path),
                    integration=self.integration,
                ) from exc
            raise BadResponseError(
                f"{name}: {self._where(path)} did not speak valid HTTP: {exc or type(exc).__name__}",
                hint="Check the port: is it the web/API port of the service?",
                integration=self.integration,
            ) from exc
        except httpx.DecodingError as exc:
            raise BadResponseError(
                f"{name}: {self._where(path)} sent a body that cannot be decoded: {exc}",
                integration=self.integration,
            ) from exc
        except httpx.HTTPError as exc:
            raise UnreachableError(
                f"{name}: cannot reach {self._where(path)}: {exc or type(exc).__name__}",
                integration=self.integration,
            ) from exc
        return self._check_status(result, ok)

    async def get_json(self, path: str = "", *, what: str | None = None, **kwargs: Any) -> Any:
        """GET and parse JSON (``what`` names the thing in error messages)."""
        response = await self.request("GET", path, **kwargs)
        return response.json(what or path)

    async def post_json(self, path: str = "", *, what: str | None = None, **kwargs: Any) -> Any:
        """POST and parse the JSON answer."""
        response = await self.request("POST", path, **kwargs)
        return response.json(what or path)

    async def aclose(self) -> None:
        await self._client.aclose()

    # -- internals ------------------------------------------------------------------------------

    async def _send(
        self,
        method: str,
        path: str,
        build: dict[str, Any],
        send: dict[str, Any],
        ok_statuses: frozenset[int],
    ) -> HttpResponse:
        """Send, following redirects only within the origin the request started at."""
        request = self._client.build_request(method, path, **build)
        start = request.url
        for _hop in range(self.max_redirects + 1):
            response = await self._client.send(request, stream=True, **send)
            try:
                following = response.next_request
                leaves = following is not None and not same_origin(start, following.url)
                # a caller that accepts the redirect status (the http check) gets the redirect
                # itself when it leaves the origin: nothing is sent to the other side
                if following is None or (leaves and response.status_code in ok_statuses):
                    body = await self._read_capped(response)
                    return HttpResponse(
                        status_code=response.status_code,
                        headers=response.headers,
                        content=body,
                        url=str(response.url),
                        integration=self.integration,
                    )
            finally:
                await response.aclose()
            if leaves:
                raise self._redirected(shown_url(request.url), following.url)
            request = following
        name = self.integration or "service"
        raise BadResponseError(
            f"{name}: too many redirects from {self._where(path)}",
            hint="The URL may point at a login page that redirects in a loop.",
            integration=self.integration,
        )

    def _redirected(self, url: str, target: httpx.URL) -> BadResponseError:
        where = redirect_target(target)
        downgrade = self._client.base_url.scheme == "https" and target.scheme == "http"
        portal = (
            "a downgrade to plain http, refused"
            if downgrade
            else "a login portal in front of the API?"
        )
        return BadResponseError(
            f"{self.integration or 'service'}: {url} redirected to {where} — {portal} "
            "Nothing was sent there.",
            code="redirected",
            integration=self.integration,
        )

    async def _read_capped(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise self._too_large(shown_url(response.url))
        url = shown_url(response.url)
        try:
            decoder = BoundedDecoder(response.headers.get("content-encoding", ""), self.max_bytes)
            body = bytearray()
            async for chunk in response.aiter_raw():
                body += decoder.feed(chunk)
            body += decoder.flush()
        except TooLarge:
            raise self._too_large(url) from None
        except DecodeRefused as exc:
            raise BadResponseError(
                f"{self.integration or 'service'}: {url} sent a body that cannot be read: {exc}",
                integration=self.integration,
            ) from None
        return bytes(body)

    def _too_large(self, url: str) -> BadResponseError:
        return BadResponseError(
            f"{self.integration or 'service'}: response from {url} is larger than "
            f"{self.max_bytes // 1024} KiB (decoded); refusing to read it",
            code="too_large",
            integration=self.integration,
        )

    def _check_status(self, response: HttpResponse, ok_statuses: Collection[int]) -> HttpResponse:
        code = response.status_code
        if code in ok_statuses or code < 400:
            return response
        name = self.integration or "service"
        url = shown_url(response.url)
        content_type = response.headers.get("content-type", "")
        said = quoted(response.content, content_type)
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        if code == 429 or (code == 503 and retry_after is not None):
            wait = f"; it asks to wait {retry_after:g} s" if retry_after is not None else ""
            raise RateLimitedError(
                f"{name}: {url} is limiting requests (HTTP {code}){said}{wait}",
                status_code=code,
                retry_after=retry_after,
                integration=self.integration,
            )
        if code in (401, 403) and self.credentials == ():
            raise ForbiddenError(
                f"{name}: {url} answered HTTP {code}, and this app sends no "
                f"credentials: a proxy or access rule in front of it refuses the request{said}",
                status_code=code,
                integration=self.integration,
            )
        if code in (401, 403):
            raise AuthError(
                f"{name}: {url} refused the credentials (HTTP {code}){said}",
                hint=credential_hint(self.credentials or ()),
                integration=self.integration,
            )
        if code == 400 and b"plain http request was sent to https port" in response.content.lower():
            raise TLSError(
                f"{name}: {url} is an HTTPS port; the URL says http://{said}",
                code="tls_required",
                integration=self.integration,
            )
        detail = describe_body(response.content, content_type)
        raise BadStatusError(
            f"{name}: {url} answered HTTP {code} ({detail})",
            status_code=code,
            code="service_error" if code >= 500 else None,
            integration=self.integration,
        )

    def _connect_error(self, exc: httpx.ConnectError, path: str) -> IntegrationError:
        name = self.integration or "service"
        if self.uds is not None:
            return socket_error(exc, name=name, socket_path=self.uds, integration=self.integration)
        where = self._where(path)
        found = tls_error(exc, name=name, where=where, tls=self.tls, integration=self.integration)
        if found is not None:
            return found
        return UnreachableError(
            f"{name}: cannot connect to {where} ({exc or 'connection failed'})",
            integration=self.integration,
        )

    def _where(self, path: str) -> str:
        if path.startswith(("http://", "https://")):
            return shown_url(path)
        if self.uds is not None:
            return f"unix://{self.uds} {path or '/'}"
        return f"{self.base_url}{path}"


class LoginSession(ABC):
    """A cached login for session APIs (qBittorrent, Deluge, Pi-hole v6, NPM, Homebridge).

    ``login`` performs the handshake and returns headers to send with each request (cookies stay
    in the client's jar) and how long the login lasts. :meth:`request` logs in on first use,
    re-logs in once when the service answers 401/403 (session expired), and never loops.
    Keep one per app with ``ctx.memo("session", MySession)``.
    """

    #: Statuses that mean "your session is gone" for this API.
    expired_statuses: tuple[int, ...] = (401, 403)
    #: Seconds of lifetime to drop before the service's own expiry.
    expiry_margin: float = 30.0

    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._headers: dict[str, str] | None = None
        self._expires_at: float = 0.0
        self._generation = 0  # counts logins, so a stale failure cannot drop a fresh session
        self._attempts = 0  # finished logins, so waiters can tell one failed while they waited
        self._failure: IntegrationError | None = None  # the last login's failure

    @abstractmethod
    async def login(self, http: HttpClient) -> tuple[dict[str, str], float | None]:
        """Log in; return (headers for later requests, lifetime in seconds or ``None``).

        Raise :class:`AuthError` when the service refuses the credentials.
        """

    async def logout(self, http: HttpClient) -> None:  # noqa: B027 - optional hook
        """End the session on the service (APIs with a session limit need it)."""

    @property
    def logged_in(self) -> bool:
        return self._headers is not None and (
            self._expires_at == 0 or time.monotonic() < self._expires_at
        )

    def invalidate(self, generation: int | None = None) -> None:
        """Forget the session so the next request logs in again.

        With ``generation`` (from :meth:`current`) only when no login happened since: requests
        sent concurrently with the same expired session all fail, and the later ones must not
        throw away the fresh session the first one just made (one re-login, not one each).
        """
        if generation is not None and generation != self._generation:
            return
        self._headers = None
        self._expires_at = 0.0

    async def current(self, http: HttpClient) -> tuple[dict[str, str], int]:
        """Headers of a valid session and its login generation, logging in when needed.

        Single flight: callers that waited while a login failed get that failure instead of
        trying again (ten widgets must not make ten refused logins; qBittorrent bans after 5).
        """
        attempts = self._attempts
        async with self._lock:
            if not self.logged_in:
                if self._attempts != attempts and self._failure is not None:
                    raise self._failure
                try:
                    headers, lifetime = await self.login(http)
                except IntegrationError as exc:
                    self._failure = exc
                    raise
                finally:
                    self._attempts += 1
                self._failure = None
                self._headers = dict(headers)
                self._expires_at = (
                    time.monotonic() + max(0.0, lifetime - self.expiry_margin) if lifetime else 0.0
                )
                self._generation += 1
            assert self._headers is not None
            return self._headers, self._generation

    async def headers(self, http: HttpClient) -> dict[str, str]:
        """Headers of a valid session, logging in when needed (one login at a time)."""
        return (await self.current(http))[0]

    async def request(
        self, http: HttpClient, method: str, path: str, **kwargs: Any
    ) -> HttpResponse:
        """A request within the session, re-logging in once if the session expired."""
        extra = kwargs.pop("headers", None) or {}
        ok_statuses = tuple(kwargs.pop("ok_statuses", ()))
        for attempt in (1, 2):
            session_headers, generation = await self.current(http)
            headers = {**session_headers, **extra}
            response = await http.request(
                method,
                path,
                headers=headers,
                ok_statuses=(*ok_statuses, *self.expired_statuses),
                **kwargs,
            )
            if (
                response.status_code not in self.expired_statuses
                or response.status_code in ok_statuses
            ):
                return response
            self.invalidate(generation)
            if attempt == 2:
                raise AuthError(
                    f"{http.integration or 'service'}: the service refused a fresh session "
                    f"(HTTP {response.status_code}) for {path}",
                    integration=http.integration,
                )
        raise AssertionError("unreachable")

    async def get_json(
        self, http: HttpClient, path: str, *, what: str | None = None, **kwargs: Any
    ) -> Any:
        response = await self.request(http, "GET", path, **kwargs)
        return response.json(what or path)

    async def post_json(
        self, http: HttpClient, path: str, *, what: str | None = None, **kwargs: Any
    ) -> Any:
        response = await self.request(http, "POST", path, **kwargs)
        return response.json(what or path)


__all__ = ["HttpClient", "HttpResponse", "LoginSession", "TLSOptions", "describe_body"]
