"""Shapes of the OctoPrint REST API answers we read (1.4+; verified against 1.11.8)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class Version(_Loose):
    """``GET /api/version``."""

    api: str
    server: str


class Heater(_Loose):
    actual: float | None = None
    target: float | None = None


class PrinterStateInfo(_Loose):
    text: str
    error: str = ""


class Printer(_Loose):
    """``GET /api/printer`` (HTTP 409 while no printer is connected)."""

    state: PrinterStateInfo
    temperature: dict[str, Heater] = Field(default_factory=dict)


class JobFile(_Loose):
    name: str | None = None
    display: str | None = None


class JobInfo(_Loose):
    file: JobFile = Field(default_factory=JobFile)


class JobProgress(_Loose):
    completion: float | None = None
    print_time: float | None = Field(None, alias="printTime")
    print_time_left: float | None = Field(None, alias="printTimeLeft")


class Job(_Loose):
    """``GET /api/job``: state text ("Printing", "Operational", "Offline"...), file, progress."""

    state: str
    job: JobInfo = Field(default_factory=JobInfo)
    progress: JobProgress = Field(default_factory=JobProgress)
