"""What a service said: short, safe quotes of response bodies for error messages.

A person fixing a failure needs the service's own words ("API seats exceeded", "Request forbidden
by administrative rules."), not a byte slice cut mid-word, and never raw control characters or a
whole HTML page. Everything here works on bytes already read (and size-capped) by the client.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from integrations.sanitize import clean_text

QUOTE_LIMIT = 160
"""Longest quote of a service's text in an error message (characters)."""

_MESSAGE_KEYS = ("message", "error_description", "detail", "error", "reason", "title", "msg")
_HINT_KEYS = ("hint", "help")
_TAGS = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` on one line, cut at a word boundary before ``limit`` characters (with "…")."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


def is_html(content: bytes, content_type: str = "") -> bool:
    """Whether a body is an HTML page (a login portal, a proxy's error page)."""
    head = content[:200].lstrip().lower()
    return (
        "text/html" in content_type.lower()
        or head.startswith(b"<!doctype html")
        or head.startswith(b"<html")
    )


def _from_json(data: Any) -> str:
    """The human part of a JSON error body: ``message`` (nested under ``error`` too) + ``hint``."""
    if isinstance(data, str):
        return data
    if not isinstance(data, dict):
        return ""
    parts: list[str] = []
    for key in _MESSAGE_KEYS:
        value = data.get(key)
        if isinstance(value, dict):
            inner = _from_json(value)
            if inner:
                parts.append(inner)
                break
        elif isinstance(value, str) and value.strip():
            parts.append(value.strip())
            break
    for key in _HINT_KEYS:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            parts.append(f"({value.strip()})")
            break
    return " ".join(parts)


def _from_html(text: str) -> str:
    """The readable text of an HTML error page (title, then body text)."""
    body = _TAGS.sub(" ", text)
    words = " ".join(html.unescape(body).split())
    title_match = _TITLE.search(text)
    title = " ".join(html.unescape(title_match.group(1)).split()) if title_match else ""
    if title and title in words:
        return words
    return f"{title}: {words}" if title and words else title or words


def service_message(content: bytes, content_type: str = "", limit: int = QUOTE_LIMIT) -> str:
    """The service's own words in a body, safe to print and at most ``limit`` characters.

    JSON error bodies give their ``message``/``error`` (and ``hint``); HTML pages their text
    without tags; plain text its first lines. ``""`` for an empty body.
    """
    head = content[:16384].decode("utf-8", errors="replace").strip()
    if not head:
        return ""
    text = ""
    if head[:1] in '{["':
        try:
            text = _from_json(json.loads(content))
        except ValueError:
            text = ""
    if not text and is_html(content, content_type):
        text = _from_html(head)
    if not text:
        text = head
    return clean_text(shorten(text, limit))


def quoted(content: bytes, content_type: str = "", limit: int = QUOTE_LIMIT) -> str:
    """``: "service text"`` for appending to a message, or ``""`` when the body says nothing."""
    text = service_message(content, content_type, limit)
    return f': "{text}"' if text else ""


def describe_body(content: bytes, content_type: str = "") -> str:
    """A short human description of a body that was not what we expected."""
    if not content.strip():
        return "an empty body"
    if is_html(content, content_type):
        said = service_message(content, content_type, 80)
        page = "an HTML page (a login page, a proxy error or another service?)"
        return f'{page}: "{said}"' if said else page
    return f'{content_type or "text"}: "{service_message(content, content_type, 80)}"'


__all__ = ["QUOTE_LIMIT", "describe_body", "is_html", "quoted", "service_message", "shorten"]
