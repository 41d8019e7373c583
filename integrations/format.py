"""How integrations present numbers they put into text: sizes, rates, durations, threshold levels.

Most numbers reach the screen typed (a ``Stat`` with a unit, a gauge value) and the widgets
humanize them; but labels, list-row details and alert messages are text by contract, so the
integration formats those itself. Integrations never import ``widgets/`` (which has its own,
UI-side ``widgets/format.py``), so every integration uses these helpers instead of writing its
own: one spelling of "1.5 GiB" or "4h 12m" across services.
"""

from __future__ import annotations

from integrations.models import Severity

_BYTE_UNITS: tuple[str, ...] = ("B", "KiB", "MiB", "GiB", "TiB")


def format_bytes(size: float) -> str:
    """``1536 * 1024**2`` → ``1.5 GiB`` (binary prefixes, one decimal; whole bytes under 1 KiB)."""
    value = float(size)
    unit = _BYTE_UNITS[0]
    for unit in _BYTE_UNITS:
        if abs(value) < 1024 or unit == _BYTE_UNITS[-1]:
            break
        value /= 1024
    return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"


def format_rate(bytes_per_second: float) -> str:
    """``1536`` → ``1.5 KiB/s``: a transfer rate, spelled like :func:`format_bytes`."""
    return f"{format_bytes(bytes_per_second)}/s"


def format_duration(seconds: float, *, precise: bool = False) -> str:
    """The two most significant units of a duration (negative counts as zero).

    Coarse (default), for uptimes and battery runtimes: ``3d 4h``, ``4h 12m``, ``12m``, ``45s``
    (seconds only show under a minute). ``precise``, for ETAs that count down while watched:
    minutes keep their seconds and minutes and seconds take two digits, ``1d 2h``, ``4h 05m``,
    ``12m 30s``.
    """
    total = int(max(0.0, seconds))
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    pad = "02d" if precise else "d"
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes:{pad}}m"
    if minutes:
        return f"{minutes}m {secs:{pad}}s" if precise else f"{minutes}m"
    return f"{secs}s"


def format_eta(seconds: float | None) -> str:
    """Time left of a download, ``unknown`` when the service cannot tell (see ``precise`` above)."""
    return "unknown" if seconds is None else format_duration(seconds, precise=True)


def threshold_level(value: float | None, warning: float | None, critical: float | None) -> Severity:
    """Severity of a value against ``>=`` thresholds; a missing value or threshold never alarms."""
    if value is None:
        return Severity.OK
    if critical is not None and value >= critical:
        return Severity.CRITICAL
    if warning is not None and value >= warning:
        return Severity.WARNING
    return Severity.OK


__all__ = [
    "format_bytes",
    "format_duration",
    "format_eta",
    "format_rate",
    "threshold_level",
]
