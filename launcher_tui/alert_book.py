"""What the dashboard remembers about alerts: acknowledgements, a short history, what is new.

* An **acknowledged** alert leaves the banner but is still counted and still listed by
  ``launcher-tui alerts --json`` (with ``"acknowledged": true``). Acks are persisted in the store's
  ``meta`` table (:data:`ACKS_META_KEY`), so the CLI sees them and a restart keeps them. An ack
  ends when its condition is seen to clear: if it comes back, it is a new alert.
* The **history** keeps the last :data:`HISTORY_SIZE` transitions (raised / cleared), newest
  last, for the history screen.
* :meth:`AlertBook.update` returns the critical alerts that are *new* (not present before, not
  acknowledged), which the dashboard answers with one terminal bell.

An alert's identity is the de-duplication rule of :func:`integrations.models.unique_alerts`:
its source and its key (or message, for alerts without a key). No Textual here.
"""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from integrations.models import Alert, Severity

if TYPE_CHECKING:
    from launcher_tui.store import Store

log = logging.getLogger(__name__)

ACKS_META_KEY = "alerts.acknowledged"
HISTORY_SIZE = 50


def alert_id(alert: Alert) -> str:
    """The alert's identity (source + key, or source + message), as one string."""
    return json.dumps([alert.source, alert.key or alert.message])


def load_acks(store: Store) -> set[str]:
    """The acknowledged alert identities stored in ``meta`` (empty when none or unreadable)."""
    with store.read():
        raw = store.get_meta(ACKS_META_KEY)
    if not raw:
        return set()
    try:
        value = json.loads(raw)
    except ValueError:
        log.warning("ignoring unreadable %s in meta", ACKS_META_KEY)
        return set()
    return {str(v) for v in value} if isinstance(value, list) else set()


def save_acks(store: Store, acks: Iterable[str]) -> None:
    """Persist the acknowledged identities (sorted, so the stored value is stable)."""
    with store.write():
        store.set_meta(ACKS_META_KEY, json.dumps(sorted(acks)))


@dataclass(frozen=True)
class HistoryEntry:
    """One transition: ``raised`` or ``cleared``, at wall-clock ``at``."""

    at: float
    event: str
    alert: Alert


class AlertBook:
    """Acks, history and new-alert detection over successive alert sets (see module doc)."""

    def __init__(
        self,
        acks: Iterable[str] = (),
        *,
        clock: Callable[[], float],
        on_acks_changed: Callable[[set[str]], None] | None = None,
    ) -> None:
        self.acks: set[str] = set(acks)
        self.history: deque[HistoryEntry] = deque(maxlen=HISTORY_SIZE)
        self.current: dict[str, Alert] = {}
        self._clock = clock
        self._on_acks_changed = on_acks_changed

    def update(self, alerts: Iterable[Alert]) -> list[Alert]:
        """Take the full current set; returns the new, unacknowledged critical alerts."""
        now = {alert_id(a): a for a in alerts if a.severity != Severity.INFO}
        new_critical: list[Alert] = []
        for ident, alert in now.items():
            if ident not in self.current:
                self.history.append(HistoryEntry(self._clock(), "raised", alert))
                if alert.severity == Severity.CRITICAL and ident not in self.acks:
                    new_critical.append(alert)
        cleared = [ident for ident in self.current if ident not in now]
        for ident in cleared:
            self.history.append(HistoryEntry(self._clock(), "cleared", self.current[ident]))
        self.current = now
        ended = {ident for ident in cleared if ident in self.acks}
        if ended:  # the condition cleared: a recurrence is a new alert
            self.acks -= ended
            self._acks_changed()
        return new_critical

    def acknowledge(self, alert: Alert) -> None:
        """Hide ``alert`` from the banner until its condition clears."""
        ident = alert_id(alert)
        if ident not in self.acks:
            self.acks.add(ident)
            self._acks_changed()

    def is_acknowledged(self, alert: Alert) -> bool:
        return alert_id(alert) in self.acks

    def unacknowledged(self, alerts: Iterable[Alert]) -> list[Alert]:
        """``alerts`` without the acknowledged ones (what the banner lists)."""
        return [a for a in alerts if alert_id(a) not in self.acks]

    def _acks_changed(self) -> None:
        if self._on_acks_changed is not None:
            self._on_acks_changed(set(self.acks))
