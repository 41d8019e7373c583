"""Shapes of the Prometheus HTTP API answers we read (``/api/v1/...``).

Every answer is an envelope ``{"status": "success"|"error", "data": ..., "errorType", "error"}``;
only the fields the integration uses are declared, everything else is ignored so newer
Prometheus versions that add fields keep working.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Envelope(_Loose):
    """The wrapper around every API answer."""

    status: Literal["success", "error"]
    data: Any = None
    errorType: str = ""
    error: str = ""
    warnings: list[str] = []


class BuildInfo(_Loose):
    version: str
    revision: str = ""


class Target(_Loose):
    """One active scrape target from ``/api/v1/targets``."""

    labels: dict[str, str] = {}
    scrapePool: str = ""
    scrapeUrl: str
    lastError: str = ""
    health: Literal["up", "down", "unknown"]

    @property
    def job(self) -> str:
        return self.labels.get("job") or self.scrapePool

    @property
    def instance(self) -> str:
        return self.labels.get("instance") or self.scrapeUrl


class Targets(_Loose):
    activeTargets: list[Target]


class Sample(_Loose):
    """One instant-vector element: labels plus ``[unix time, "value"]``."""

    metric: dict[str, str] = {}
    value: tuple[float, str]


class RangeSeries(_Loose):
    """One range-vector (matrix) element: labels plus ``[[unix time, "value"], ...]``."""

    metric: dict[str, str] = {}
    values: list[tuple[float, str]]


class InstantResult(_Loose):
    """``/api/v1/query`` data, first read for its type only."""

    resultType: Literal["vector", "scalar", "string", "matrix"]


class VectorResult(_Loose):
    resultType: Literal["vector"]
    result: list[Sample]


class ScalarResult(_Loose):
    """A lone scalar or string: ``[time, "value"]``."""

    resultType: Literal["scalar", "string"]
    result: tuple[float, str]


class RangeResult(_Loose):
    """``/api/v1/query_range`` data: always a matrix."""

    resultType: Literal["matrix"]
    result: list[RangeSeries]
