"""What the live test modules here share: a fresh app per call and the stats of a result.

Every ``test_live_<service>.py`` runs its integration against the real daemon started by
``tests/live/services/<service>.py``; run them as root in a private network namespace:
``unshare -n sh -c 'ip link set lo up && exec python -m pytest tests/integrations/servers -q'``.
"""

from __future__ import annotations

import itertools
from typing import Any

from launcher_tui.runtime import Target
from tests.live.harness import RunningService

_ids = itertools.count()


def app(svc: RunningService, integration: str, **config: Any) -> Target:
    """The service as an app, with its credentials unless ``config`` overrides them. A new app id
    each call, so no cached answer of an earlier call is ever read."""
    return Target(
        f"live-{integration}-{next(_ids)}",
        svc.name,
        svc.url,
        integration,
        config={**svc.credentials, **config},
        timeout=15,
    )


def stats(result: Any) -> dict[str, Any]:
    """``{label: value}`` of a stat card."""
    return {s.label: s.value for s in result.data.stats}
