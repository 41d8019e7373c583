"""Portainer: containers running and stopped in one Docker environment.

API (https://app.swaggerhub.com/apis/portainer/portainer-ce/): ``GET /api/endpoints`` lists the
environments; ``GET /api/endpoints/{id}/docker/containers/json?all=1`` proxies the Docker
Engine's container list (``State``: ``running``, ``exited``, …). The access token
(My account → Access tokens, ``ptr_…``) goes in ``X-API-Key``; a wrong one is answered 401.
"""

from __future__ import annotations

from pydantic import Field, SecretStr

from integrations.base import Context, Endpoint, HttpConfig
from integrations.declarative import HeaderKey, JsonIntegration, StatField
from integrations.errors import BadResponseError
from integrations.homepage import HomepageMapping
from integrations.models import RendererKind, StatData


class PortainerConfig(HttpConfig):
    api_key: SecretStr = Field(
        title="Access token", description="My account → Access tokens → Add access token (ptr_…)."
    )
    environment: int = Field(
        default=1, ge=1, title="Environment id",
        description="The number in the environment's URL in Portainer (#!/<id>/docker/…).",
    )  # fmt: skip


class Portainer(JsonIntegration):
    id = "portainer"
    name = "Portainer"
    icon = "🐳"
    category = "Infrastructure"
    description = "Containers running, stopped and in total in one environment."
    docs_url = "https://docs.portainer.io/api/access"
    config_model = PortainerConfig
    auth = HeaderKey("X-API-Key")
    homepage = HomepageMapping(keys={"env": "environment"}, ignore=frozenset({"kubernetes"}))
    endpoints = (
        Endpoint("containers", "Containers", RendererKind.STAT, ttl=30, refresh=30,
                 description="Running, stopped and total containers."),
    )  # fmt: skip

    async def test_connection(self, ctx: Context) -> str:
        environments = await self.get(ctx, "/api/endpoints")
        if not isinstance(environments, list):
            raise BadResponseError("portainer: /api/endpoints is not a list", integration=self.id)
        names = {e.get("Id"): e.get("Name") for e in environments if isinstance(e, dict)}
        wanted = ctx.config.environment
        if wanted not in names:
            known = ", ".join(f"{i} ({n})" for i, n in names.items()) or "none"
            raise BadResponseError(
                f"portainer: no environment {wanted}; this token sees: {known}",
                integration=self.id,
                hint="Set the environment id to one of those.",
            )
        return f"Portainer: environment {wanted} ({names[wanted]})"

    async def fetch_containers(self, ctx: Context, options: None) -> StatData:
        path = f"/api/endpoints/{ctx.config.environment}/docker/containers/json"
        containers = await self.get(ctx, path, {"all": "1"})
        if not isinstance(containers, list):
            raise BadResponseError(f"portainer: {path} is not a list", integration=self.id)
        states = [c.get("State") for c in containers if isinstance(c, dict)]
        running = sum(s == "running" for s in states)
        return StatData(stats=[
            StatField("Running").stat(running),
            StatField("Stopped", warning_above=0).stat(len(states) - running),
            StatField("Total").stat(len(states)),
        ])  # fmt: skip


INTEGRATION = Portainer()
