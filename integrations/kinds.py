"""The renderer kinds and severities, apart from the pydantic data models that use them.

:mod:`integrations.models` re-exports both; an integration that names its endpoints' kinds here
and imports the data models only where it builds them is loaded without building the models
(the ``http`` check: ``test-connection`` never needs them).
"""

from __future__ import annotations

from enum import StrEnum


class RendererKind(StrEnum):
    """The six ways a widget can draw an endpoint's data."""

    STAT = "stat"
    GAUGE = "gauge"
    LIST = "list"
    PROGRESS = "progress"
    ALERT = "alert"
    CHART = "chart"


class Severity(StrEnum):
    """How much attention a value or an alert needs; renderers map it to theme colours."""

    OK = "ok"
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """Ordering for "worst of" comparisons (ok < info < warning < critical)."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.OK: 0, Severity.INFO: 1, Severity.WARNING: 2, Severity.CRITICAL: 3}
