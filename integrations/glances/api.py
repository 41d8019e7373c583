"""Shapes of the Glances REST API plugins we read, valid for API v3 and v4.

Both generations keep the field names used here (``total``, ``percent``, ``min1``,
``mnt_point``, ``cpu_percent``...); v4 only *adds* keys (``*_gauge``, ``*_rate_per_sec``,
``percent_min``) and turns ``memory_info`` from a list into a dict, which we do not read.
Unknown keys are ignored so newer releases keep working.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, RootModel


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Cpu(_Loose):
    total: float
    cpucore: int | None = None


class Mem(_Loose):
    total: int
    used: int
    percent: float


class Load(_Loose):
    min1: float
    min5: float
    min15: float
    cpucore: int | None = None


class FileSystem(_Loose):
    mnt_point: str
    device_name: str = ""
    fs_type: str = ""
    size: int
    used: int
    percent: float


class FileSystems(RootModel[list[FileSystem]]):
    pass


class Process(_Loose):
    pid: int
    name: str = ""
    username: str | None = None
    cpu_percent: float | None = None
    memory_percent: float | None = None
    status: str = ""


class Processes(RootModel[list[Process]]):
    pass


class System(_Loose):
    hostname: str
    os_name: str = ""
    hr_name: str = ""


class Uptime(RootModel[str]):
    """``"1:10:49"`` or ``"3 days, 1:10:49"``: Glances formats it already."""
