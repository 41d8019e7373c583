"""The background alert watcher: every alert source stays polled, whatever the screen shows.

Cards subscribe to the :class:`~launcher_tui.coordinator.CoordinatorHub` only while their board
is shown, and the hub reports alerts only of keys someone listens to. This watcher is that
someone for every :class:`~launcher_tui.alert_sources.AlertSource`: it subscribes each source's
key at the source's own interval, so a critical alert from a hidden board (or while the launcher
is open) stays on the banner. It goes through the same hub and TTL cache as the cards, so a key
that a card also shows is still fetched once per TTL.

:meth:`AlertWatcher.sync` is cheap to call again after any store change: sources whose key,
target and interval are unchanged keep their subscription (no refetch, no flicker).
Nothing here imports Textual: the listener is a plain callable run on the event loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from launcher_tui.alert_sources import AlertSource

if TYPE_CHECKING:
    from launcher_tui.coordinator import CoordinatorHub, Update

SourceListener = Callable[[AlertSource, "Update"], None]


class AlertWatcher:
    """Keeps one hub subscription per alert source (see the module docstring)."""

    def __init__(self, hub: CoordinatorHub, listener: SourceListener) -> None:
        self.hub = hub
        self.listener = listener
        self._subscribed: dict[str, tuple[AlertSource, Callable[[], None]]] = {}
        self._followed: dict[str, Callable[[], None]] = {}
        """Keys followed because they raised an alert (see :meth:`follow`)."""

    @property
    def sources(self) -> list[AlertSource]:
        """The sources watched now."""
        return [source for source, _ in self._subscribed.values()]

    def sync(self, sources: list[AlertSource]) -> None:
        """Watch exactly ``sources``: new ones subscribe, gone or changed ones unsubscribe."""
        wanted = {s.key: s for s in sources}
        for key in list(self._subscribed):
            current, unsubscribe = self._subscribed[key]
            new = wanted.get(key)
            if new is None or not _same(current, new):
                unsubscribe()
                del self._subscribed[key]
        for key, source in wanted.items():
            if key not in self._subscribed:
                self._subscribed[key] = (source, self._subscribe(source))

    def _subscribe(self, source: AlertSource) -> Callable[[], None]:
        def on_update(update: Update) -> None:
            self.listener(source, update)

        return self.hub.subscribe(
            source.target,
            source.endpoint_id,
            on_update,
            interval=source.interval,
            options=source.options,
        )

    def follow(self, alerting: Iterable[AlertSource]) -> None:
        """Keep watching keys that raise an alert now — any endpoint a card shows, e.g. a
        download list's stalled-torrent alert — until their alerts clear, so leaving the
        card's board does not drop the alert from the banner."""
        for source in alerting:
            key = source.key
            if key in self._subscribed or key in self._followed:
                continue

            def on_update(update: Update, key: str = key, source: AlertSource = source) -> None:
                self.listener(source, update)
                if not update.alerts and update.error is None:
                    release = self._followed.pop(key, None)
                    if release is not None:
                        release()

            # placeholder first: subscribing replays the current state at once, which comes
            # back here through the listener and must not subscribe the key a second time
            self._followed[key] = _nothing
            unsubscribe = self.hub.subscribe(
                source.target,
                source.endpoint_id,
                on_update,
                interval=source.interval,
                options=source.options,
            )
            if key in self._followed:
                self._followed[key] = unsubscribe
            else:  # cleared during that replay
                unsubscribe()

    @property
    def followed(self) -> list[str]:
        """Keys followed because of a raised alert."""
        return list(self._followed)

    def forget_app(self, app_id: str) -> None:
        """Drop an app's subscriptions (its coordinators were dropped; the next sync renews)."""
        for key in [k for k, (s, _) in self._subscribed.items() if s.target.app_id == app_id]:
            self._subscribed.pop(key)[1]()
        for key in [k for k in self._followed if k.split(":", 1)[0] == app_id]:
            self._followed.pop(key)()

    def stop(self) -> None:
        """Unsubscribe everything (the app is closing)."""
        for _, unsubscribe in self._subscribed.values():
            unsubscribe()
        for release in self._followed.values():
            release()
        self._subscribed = {}
        self._followed = {}


def _nothing() -> None:
    """Stands in for an unsubscribe function while subscribing."""


def _same(a: AlertSource, b: AlertSource) -> bool:
    return a.interval == b.interval and a.target == b.target
