"""A login written into an app URL (``http://user:pass@host``) never stays in the URL.

The URL is stored in clear, shown in the launcher, printed by ``apps list`` and copied to the
clipboard; a password in it would be all of those. On save the login moves into the app's
integration settings, which are encrypted and masked (Basic auth of the ``http`` check or of
``customapi``); an app whose integration takes no login gets a field error instead, so the
password is never stored in clear. A user name alone is not a secret and stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit, urlunsplit

from launcher_tui.services.configs import MASK

if TYPE_CHECKING:
    from integrations.base import Integration


def split_login(url: str) -> tuple[str, str, str | None]:
    """``(url without the login, user name, password)``; the URL unchanged without a password."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:  # a malformed port or host: the URL check reports it
        return url, "", None
    if password is None:
        return url, "", None
    host = parts.netloc.rpartition("@")[2]
    return (
        urlunsplit(parts._replace(netloc=host)),
        unquote(parts.username or ""),
        unquote(password),
    )


def takes_basic_login(integration: Integration | None) -> bool:
    """Whether the integration's settings can hold a Basic login (user name + password)."""
    if integration is None:
        return False
    fields = integration.config_model.model_fields
    if "username" not in fields or "password" not in fields:
        return False
    auth = fields.get("auth")
    return auth is None or "basic" in str(auth.annotation)


def mask_login(url: str) -> str:
    """``url`` with the password of a login shown as the mask (for apps stored before this)."""
    bare, username, password = split_login(url)
    if password is None:
        return url
    scheme, _, rest = bare.partition("://")
    return f"{scheme}://{username}:{MASK}@{rest}"


def move_login(
    url: str, integration: Integration | None, stored_url: str = ""
) -> tuple[str, dict[str, Any], str | None]:
    """``(url to store, settings to merge, error for the url field)``.

    ``stored_url`` is the app's current URL: a masked password sent back by a form stands for
    the one stored there.
    """
    bare, username, password = split_login(url)
    if password is None:
        return url, {}, None
    if password == MASK:
        password = split_login(stored_url)[2] or ""
    if not takes_basic_login(integration):
        where = (
            "give the login in its settings"
            if integration is not None
            else "use the http integration's Basic authentication"
        )
        return (
            url,
            {},
            "holds a password, which would be stored and shown in clear; remove it from "
            f"the URL and {where}",
        )
    moved: dict[str, Any] = {"username": username, "password": password}
    assert integration is not None
    if "auth" in integration.config_model.model_fields:
        moved["auth"] = "basic"
    return bare, moved, None


__all__ = ["mask_login", "move_login", "split_login", "takes_basic_login"]
