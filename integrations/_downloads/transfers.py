"""Client-neutral description of a download client's state.

Each client maps its own vocabulary (Transmission status codes, qBittorrent ``stalledDL``,
Deluge ``"Seeding"``, NZBGet ``PP_QUEUED``) onto :class:`TransferState` once, here-shaped, so
the renderers never need to know which client they are drawing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from integrations.models import Severity

#: qBittorrent's "infinite" ETA (100 days); other clients use -1/-2 or 0 for "unknown".
INFINITE_ETA = 8_640_000


class TransferState(StrEnum):
    """What a torrent/NZB is doing, as the text a person reads in the list."""

    DOWNLOADING = "Downloading"
    STALLED = "Stalled"
    SEEDING = "Seeding"
    PAUSED = "Paused"
    QUEUED = "Queued"
    CHECKING = "Checking"
    METADATA = "Fetching metadata"
    MOVING = "Moving"
    POST_PROCESSING = "Post-processing"
    FINISHED = "Finished"
    ERROR = "Error"
    UNKNOWN = "Unknown"

    @property
    def level(self) -> Severity:
        """Attention the state needs on its own (errors are warnings; stopped work is info)."""
        if self is TransferState.ERROR:
            return Severity.WARNING
        if self in (TransferState.PAUSED, TransferState.STALLED, TransferState.UNKNOWN):
            return Severity.INFO
        return Severity.OK


@dataclass(frozen=True)
class Transfer:
    """One torrent or NZB, whatever client it came from.

    ``problem`` is the service's own error text (tracker error, missing files, bad health);
    ``problem_level`` says how loud it is: WARNING and above also raise an alert.
    ``status_text`` overrides the state's label when the client says something more precise
    (NZBGet "Unpacking" is POST_PROCESSING).
    """

    key: str
    name: str
    state: TransferState
    percent: float
    download_rate: float = 0.0
    upload_rate: float = 0.0
    eta_seconds: float | None = None
    size: int | None = None
    problem: str = ""
    problem_level: Severity = Severity.OK
    status_text: str = ""

    @property
    def status(self) -> str:
        return self.status_text or self.state.value

    @property
    def level(self) -> Severity:
        return max(self.state.level, self.problem_level, key=lambda s: s.rank)

    @property
    def complete(self) -> bool:
        return self.percent >= 100.0


@dataclass(frozen=True)
class Snapshot:
    """A client's totals and transfers at one moment."""

    download_rate: float
    upload_rate: float
    transfers: list[Transfer] = field(default_factory=list)

    @property
    def leeching(self) -> int:
        """Transfers not yet complete (what Homepage calls "leech")."""
        return sum(1 for t in self.transfers if not t.complete)

    @property
    def seeding(self) -> int:
        """Complete transfers (Homepage's "seed")."""
        return sum(1 for t in self.transfers if t.complete)


def clamp_percent(value: float) -> float:
    """Clients report 0..1 or 0..100; callers scale, this keeps rounding noise in range."""
    return min(100.0, max(0.0, float(value)))


def eta_or_none(seconds: float | None) -> float | None:
    """A usable ETA, or ``None`` for the clients' "unknown"/"infinite" markers (<= 0, 100 days)."""
    if seconds is None or seconds <= 0 or seconds >= INFINITE_ETA:
        return None
    return float(seconds)


def stalled_if_idle(state: TransferState, download_rate: float) -> TransferState:
    """A download moving no data is shown as Stalled, as qBittorrent does natively.

    Transmission and Deluge say "Downloading" for a torrent with no peers at 0 B/s, which reads
    as progress on a dashboard; calling it Stalled makes all clients tell the same story.
    """
    if state is TransferState.DOWNLOADING and download_rate <= 0:
        return TransferState.STALLED
    return state
