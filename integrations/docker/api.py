"""Shapes of the Docker Engine API answers we read (API 1.24+; verified against 1.41).

Only the fields the integration uses are declared; everything else is ignored so newer engines
that add fields keep working.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, RootModel

_EXIT_CODE = re.compile(r"^(?:Exited|Restarting) \((-?\d+)\)")
_HEALTH = re.compile(r"\((healthy|unhealthy|health: starting)\)")


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class Version(_Loose):
    """``GET /version``."""

    version: str = Field(alias="Version")
    api_version: str = Field(alias="ApiVersion")
    os: str = Field("", alias="Os")
    components: list[dict[str, object]] | None = Field(None, alias="Components")

    @property
    def engine(self) -> str:
        """What answers: podman's compat API lists itself as a "Podman Engine" component."""
        names = {str(c.get("Name")) for c in self.components or [] if isinstance(c, dict)}
        return "Podman" if "Podman Engine" in names else "Docker"


class Container(_Loose):
    """One entry of ``GET /containers/json?all=1``."""

    id: str = Field(alias="Id")
    names: list[str] = Field(alias="Names")
    image: str = Field(alias="Image")
    state: str = Field(
        alias="State"
    )  # created, running, paused, restarting, removing, exited, dead
    status: str = Field("", alias="Status")  # "Up 2 hours (healthy)", "Exited (3) 5 minutes ago"
    labels: dict[str, str] | None = Field(None, alias="Labels")

    @property
    def name(self) -> str:
        """The primary name without Docker's leading slash (links add more names: skip them)."""
        plain = [n.lstrip("/") for n in self.names if "/" not in n.lstrip("/")]
        return plain[0] if plain else (self.names[0].lstrip("/") if self.names else self.id[:12])

    @property
    def exit_code(self) -> int | None:
        """The last exit code, which the engine only puts in the status text of the list."""
        match = _EXIT_CODE.match(self.status)
        return int(match.group(1)) if match else None

    @property
    def health(self) -> str:
        """``healthy``, ``unhealthy``, ``starting`` or '' when the container has no health check."""
        match = _HEALTH.search(self.status)
        return match.group(1).replace("health: ", "") if match else ""


class ContainerList(RootModel[list[Container]]):
    pass


class CpuUsage(_Loose):
    total_usage: int = 0
    percpu_usage: list[int] | None = None


class CpuStats(_Loose):
    cpu_usage: CpuUsage = Field(default_factory=CpuUsage)
    system_cpu_usage: int | None = None
    online_cpus: int | None = None


class MemoryStats(_Loose):
    usage: int | None = None
    limit: int | None = None
    stats: dict[str, int] = Field(default_factory=dict)


class Stats(_Loose):
    """``GET /containers/{id}/stats?stream=false`` (two samples one second apart)."""

    read: str = ""
    name: str = ""
    cpu_stats: CpuStats
    precpu_stats: CpuStats = Field(default_factory=CpuStats)
    memory_stats: MemoryStats = Field(default_factory=MemoryStats)

    @property
    def running(self) -> bool:
        """A container that is not running answers zeroed stats with a zero timestamp."""
        return not self.read.startswith("0001-01-01") and bool(self.cpu_stats.system_cpu_usage)

    @property
    def cpus(self) -> int:
        return self.cpu_stats.online_cpus or len(self.cpu_stats.cpu_usage.percpu_usage or []) or 1

    def cpu_percent(self) -> float:
        """CPU use the way ``docker stats`` computes it on Linux (100 % = one full core)."""
        cpu_delta = self.cpu_stats.cpu_usage.total_usage - self.precpu_stats.cpu_usage.total_usage
        system_delta = (self.cpu_stats.system_cpu_usage or 0) - (
            self.precpu_stats.system_cpu_usage or 0
        )
        if cpu_delta <= 0 or system_delta <= 0:
            return 0.0
        return cpu_delta / system_delta * self.cpus * 100.0

    def memory_used(self) -> int:
        """Memory use without the page cache, as ``docker stats`` shows it (cgroup v1 and v2)."""
        usage = self.memory_stats.usage or 0
        for key in ("total_inactive_file", "inactive_file"):
            inactive = self.memory_stats.stats.get(key)
            if inactive is not None and inactive < usage:
                return usage - inactive
        return usage

    def memory_percent(self) -> float:
        limit = self.memory_stats.limit or 0
        return self.memory_used() / limit * 100.0 if limit > 0 else 0.0
