"""Credentials stay with their origin: which redirects an API call may follow.

An API key goes to the origin (scheme, host, port) the user configured and nowhere else. httpx,
like browsers, follows a redirect to another origin and strips only ``Authorization``: an
``X-Api-Key`` header, a key in the query string, a login body re-sent on 307/308 and Basic auth
after an https→http downgrade all reached the other side. API calls therefore follow redirects
only within the origin they started at; a redirect anywhere else (including http↔https, another
port, a login portal) ends the call with an error that says where it pointed, which is also the
more useful answer: an API behind a forward-auth portal needs the portal bypassed, not followed.
"""

from __future__ import annotations

import httpx

DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: httpx.URL) -> tuple[str, str, int | None]:
    """``(scheme, host, port)`` with the scheme's default port filled in."""
    scheme = url.scheme.lower()
    return scheme, url.host.lower(), url.port or DEFAULT_PORTS.get(scheme)


def same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    """Whether two URLs share scheme, host and port (so a credential may go to both)."""
    return origin(a) == origin(b)


def redirect_target(url: httpx.URL) -> str:
    """The redirect target as a person reads it: ``scheme://host:port/`` (no query, no path).

    The query of a portal redirect carries the original URL (``?rd=...``); naming the origin is
    what matters and keeps the message short.
    """
    return f"{url.scheme}://{url.netloc.decode('ascii')}/"


def shown_url(url: str | httpx.URL) -> str:
    """A request URL for a message: no query string or user info (they may carry a key)."""
    parsed = httpx.URL(str(url)) if not isinstance(url, httpx.URL) else url
    return f"{parsed.scheme}://{parsed.netloc.decode('ascii')}{parsed.path}"


__all__ = ["DEFAULT_PORTS", "origin", "redirect_target", "same_origin", "shown_url"]
