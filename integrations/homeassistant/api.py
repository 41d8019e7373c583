"""Shapes of the Home Assistant REST API answers we read (``/api/...``, 2021+; verified 2024.3)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, RootModel


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class CoreConfig(_Loose):
    """``GET /api/config``."""

    version: str
    location_name: str = ""
    state: str = "RUNNING"  # NOT_RUNNING, STARTING, RUNNING, STOPPING, FINAL_WRITE


class State(_Loose):
    """One entity from ``/api/states`` or ``/api/states/{entity_id}``."""

    entity_id: str
    state: str
    attributes: dict[str, Any] = {}

    @property
    def domain(self) -> str:
        return self.entity_id.split(".", 1)[0]

    @property
    def name(self) -> str:
        friendly = self.attributes.get("friendly_name")
        return str(friendly) if friendly else self.entity_id

    @property
    def unit(self) -> str:
        unit = self.attributes.get("unit_of_measurement")
        return str(unit) if unit else ""


class States(RootModel[list[State]]):
    pass


class Message(_Loose):
    """Error bodies: ``{"message": "Entity not found."}``."""

    message: str
