"""Input validators the config form attaches by field kind."""

from __future__ import annotations

from urllib.parse import urlparse

from textual.validation import ValidationResult, Validator

from launcher_tui.services.schemas import check_url


class HttpUrl(Validator):
    """An ``http://`` or ``https://`` URL with a host (what every HTTP integration needs)."""

    def __init__(self, *, allow_empty: bool = False) -> None:
        super().__init__(failure_description="Enter a URL starting with http:// or https://")
        self.allow_empty = allow_empty

    def validate(self, value: str) -> ValidationResult:
        value = value.strip()
        if not value and self.allow_empty:
            return self.success()
        try:
            check_url(value)  # the store's own rules: no spaces, emoji or control characters
        except ValueError as exc:
            return self.failure(f"The URL {exc}")
        try:
            parsed = urlparse(value)
            parsed.port  # noqa: B018 - raises ValueError on a bad port
        except ValueError:
            return self.failure()
        if parsed.scheme in ("http", "https") and parsed.hostname:
            return self.success()
        return self.failure()
