"""``discover docker``: containers' ``homepage.*`` labels → apps and widgets, like Homepage.

The containers come from a Docker-compatible API through a ``docker`` app's own connection
(socket, TCP or TLS, exactly what its widgets use). Each labelled container becomes a planned
service (see :mod:`launcher_tui.importers.labels`) keyed ``<docker app id>/<container name>``,
then goes through the same widget mapping and the same one-transaction apply as the Homepage
import, with ``app.source = "docker"``. Discovered services sort by weight (default 0), then
name, as Homepage does; their groups merge with groups of the same name.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from launcher_tui.importers.apply import Outcome, apply_plan
from launcher_tui.importers.homepage import DEFAULT_BOARD, plan_service
from launcher_tui.importers.labels import LabelledService, read_labels
from launcher_tui.importers.plan import Plan
from launcher_tui.importers.widgets import TypeIndex
from launcher_tui.services.errors import ValidationFailed

if TYPE_CHECKING:
    from launcher_tui.runtime import Target
    from launcher_tui.services import Services

SOURCE = "docker"
AT_START_SETTING = "discover_docker_at_start"
INSTANCE_SETTING = "instance_name"


@dataclass(frozen=True)
class Labelled:
    """A container, or a Swarm service (its ``deploy.labels``), with its name and labels."""

    name: str
    labels: Mapping[str, str]
    kind: str = "container"  # or "service"


async def list_labelled(target: Target) -> list[Labelled]:
    """Every container of the engine ``target`` points at (running or not), then, on a Swarm
    manager, every service: Homepage reads a service's ``Spec.Labels`` (compose ``deploy.labels``).
    """
    from integrations.docker.integration import engine
    from integrations.docker.integration import list_containers as engine_list
    from launcher_tui.runtime import Runtime

    runtime = Runtime()
    try:
        ctx = runtime.context(target)
        found = [Labelled(c.name, c.labels or {}) for c in await engine_list(ctx)]
        # not a Swarm manager: 503 (or 404/500 from proxies and older engines) - no services
        answer = await engine(ctx).request("GET", "/services", ok_statuses=(404, 500, 503))
        if answer.status_code == 200:
            found += [_service(s) for s in answer.json("/services") if isinstance(s, dict)]
        return found
    finally:
        await runtime.aclose()


def _service(entry: dict[str, Any]) -> Labelled:
    spec = entry.get("Spec") if isinstance(entry.get("Spec"), dict) else {}
    labels = spec.get("Labels") if isinstance(spec.get("Labels"), dict) else {}
    name = str(spec.get("Name") or entry.get("ID") or "")
    return Labelled(name, {str(k): str(v) for k, v in labels.items()}, kind="service")


def docker_targets(services: Services, app: str | None) -> list[Target]:
    """The named docker app's target, or every enabled docker app's."""
    if app is not None:
        target = services.apps.target(app)
        if target.integration_id != "docker":
            raise ValidationFailed(
                {"app": f"'{target.app_name}' is a {target.integration_id} app, not docker"}
            )
        return [target]
    targets = [t for t in services.apps.targets() if t.integration_id == "docker"]
    if not targets:
        raise ValidationFailed(
            {
                "app": "no docker app: add one (apps add Docker --url unix:///var/run/docker.sock --integration docker)"
            }
        )
    return targets


def plan_containers(
    engines: list[tuple[Target, list[Labelled]]],
    services: Services,
    *,
    board: str | None,
    instance: str | None,
    env: Mapping[str, str] | None = None,
) -> Plan:
    """The plan for the labelled containers (nothing is written)."""
    plan = Plan(source=SOURCE, board=board or DEFAULT_BOARD)
    index = TypeIndex(services.registry)
    found: list[tuple[int, str, str, str, LabelledService]] = []
    for target, containers in engines:
        for container in containers:
            labelled = read_labels(container.labels, instance=instance, env=env)
            if labelled is None:
                continue
            plan.secrets |= labelled.secrets
            plan.unresolved.update(labelled.unresolved)
            if not labelled.name or not labelled.group:
                missing = " and ".join(
                    f"homepage.{k}" for k in ("name", "group") if not getattr(labelled, k)
                )
                plan.skipped.append(
                    {"name": f"{container.kind} {container.name}", "reason": f"no {missing} label"}
                )
                continue
            weight = _weight(labelled.service.pop("weight", None))
            key = f"{target.app_id}/{container.name}"
            if container.kind != "container":
                key = f"{target.app_id}/{container.kind}/{container.name}"
            found.append((weight, labelled.name.lower(), key, container.name, labelled))
    for _, _, key, container_name, labelled in sorted(found, key=lambda f: (f[0], f[1])):
        labelled.service.setdefault("container", container_name)
        before = len(plan.apps)
        plan_service([labelled.group, labelled.name], labelled.service, None, index, plan, key=key)
        for app in plan.apps[before:]:
            app.problems[:0] = labelled.problems
    for n, app in enumerate(plan.apps, start=1):
        app.sort_order = n
    return plan


def _weight(value: object) -> int:
    try:
        return int(str(value)) if value is not None else 0
    except ValueError:
        return 0


def discover(
    services: Services,
    *,
    app: str | None = None,
    board: str | None = None,
    instance: str | None = None,
    dry_run: bool = False,
) -> tuple[Plan, Outcome, list[str]]:
    """Read the engines, plan, apply (or roll back for ``dry_run``); returns the engines asked."""
    targets = docker_targets(services, app)
    found = [(target, asyncio.run(list_labelled(target))) for target in targets]
    instance = instance or services.settings.get(INSTANCE_SETTING)
    plan = plan_containers(found, services, board=board, instance=instance)
    outcome = apply_plan(services, plan, dry_run=dry_run)
    return plan, outcome, [t.app_name for t in targets]


def discover_at_start(services: Services) -> Outcome | None:
    """Run discovery if the ``discover_docker_at_start`` setting is on (the dashboard calls this)."""
    if services.settings.get(AT_START_SETTING) != "on":
        return None
    return discover(services)[1]
