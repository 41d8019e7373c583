"""Human-friendly text for numbers, byte sizes, durations and ages.

Pure functions without Textual imports, so the CLI and the tests can use them too. Every
renderer goes through here, so "1.2 M", "3.4 GiB", "1h 5m" and "12 s ago" look the same
everywhere on the dashboard.
"""

from __future__ import annotations

import math

_SI_STEPS = ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"))
_HUGE = 1e15  # from here on a count is shown in scientific notation ("2.5e+17")
_MAX_DAYS = 9999  # a longer duration is shown as "> 9999d" (qBittorrent's "never" is 100 days)
_BYTE_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB")
BYTE_UNITS = frozenset({"B", "B/s"})
"""Units whose values are byte counts (or rates) and get binary prefixes."""


def _trim(number: float, digits: int = 1) -> str:
    """``12.0`` → ``12``, ``1.25`` → ``1.2`` (one decimal only when it says something)."""
    text = f"{number:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def special_number(value: float | int) -> str | None:
    """The honest text for a number that has no ordinary short form, else ``None``.

    NaN (a 0/0 ratio, a sensor that lost its input) is "—", infinities are "∞" / "-∞", and
    anything from 1e15 on — including integers too large for a float — is scientific
    (``1.0e+400``), so no value a service sends can overflow a division or fill a card.
    """
    if isinstance(value, float):
        if math.isnan(value):
            return "—"
        if math.isinf(value):
            return "∞" if value > 0 else "-∞"
    if abs(value) < _HUGE:
        return None
    if isinstance(value, int) and abs(value) > 10**300:
        exponent = len(str(abs(value) // 10**300)) + 299  # str() of a short int only
        lead = abs(value) // 10 ** (exponent - 1)
        sign = "-" if value < 0 else ""
        return f"{sign}{lead // 10}.{lead % 10}e+{exponent}"
    return f"{float(value):.1e}"


def humanize_number(value: float | int) -> str:
    """Short form of a count: ``1234567`` → ``1.2 M``, ``950`` → ``950``, ``0.25`` → ``0.25``."""
    special = special_number(value)
    if special is not None:
        return special
    magnitude = abs(value)
    for step, suffix in _SI_STEPS:
        if magnitude >= step * 0.9995:
            return f"{_trim(value / step)} {suffix}"
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return _trim(value, 2 if magnitude < 10 else 1)


def humanize_bytes(value: float | int, per_second: bool = False) -> str:
    """Binary-prefixed size: ``1536`` → ``1.5 KiB``; with ``per_second`` → ``1.5 KiB/s``."""
    suffix = "/s" if per_second else ""
    if isinstance(value, float) and math.isnan(value):
        return "—"
    if (isinstance(value, float) and math.isinf(value)) or abs(value) >= 1024 ** len(_BYTE_UNITS):
        return f"{special_number(value)} B{suffix}"  # ±inf, or beyond what EiB can say
    size = float(value)
    unit = _BYTE_UNITS[0]
    for unit in _BYTE_UNITS:
        if abs(size) < 1024 or unit == _BYTE_UNITS[-1]:
            break
        size /= 1024
    text = str(int(size)) if unit == "B" else _trim(size)
    return f"{text} {unit}{suffix}"


def format_value(value: float | int | str | None, unit: str = "") -> str:
    """A stat value with its unit, humanized: bytes for ``B``/``B/s``, SI prefixes otherwise.

    ``None`` (the service did not say) is an em dash, text is shown as is, ``%`` sticks to the
    number (``42 %`` reads as two things on a narrow card).
    """
    if value is None:
        return "—"
    if isinstance(value, str):
        return f"{value} {unit}".rstrip() if unit else value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and math.isnan(value):
        return "—"  # no value, whatever the unit
    if unit in BYTE_UNITS:
        return humanize_bytes(value, per_second=unit == "B/s")
    text = humanize_number(value)
    if not unit:
        return text
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}"


def format_duration(seconds: float | None) -> str:
    """Compact duration with the two largest units: ``3900`` → ``1h 5m``, ``42`` → ``42s``.

    Negative, infinite or unknown durations give an empty string (an ETA the service could
    not compute is better left out than shown as nonsense).
    """
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return ""
    if seconds >= (_MAX_DAYS + 1) * 86400:
        return f"> {_MAX_DAYS}d"
    total = round(seconds)
    parts: list[str] = []
    for size, name in ((86400, "d"), (3600, "h"), (60, "m"), (1, "s")):
        if total >= size or (name == "s" and not parts):
            count, total = divmod(total, size)
            parts.append(f"{count}{name}")
        if len(parts) == 2:
            break
    return " ".join(parts)


def format_age(seconds: float) -> str:
    """How long ago something happened: ``"just now"``, ``"12 s ago"``, ``"5 min ago"``, ``"3 h ago"``."""
    if math.isnan(seconds):
        return "—"
    seconds = max(0.0, seconds)
    if seconds < 1:
        return "just now"
    if seconds < 60:
        return f"{int(seconds)} s ago"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    if seconds >= (_MAX_DAYS + 1) * 86400:
        return f"> {_MAX_DAYS} d ago"
    return f"{int(seconds // 86400)} d ago"


def format_delta(delta: float | None, unit: str = "") -> str:
    """A change with its trend arrow: ``▲ 3``, ``▼ 1.2 k``, ``= 0``; empty when unknown."""
    if delta is None or (isinstance(delta, float) and math.isnan(delta)):
        return ""
    if delta == 0:
        return "= 0"
    arrow = "▲" if delta > 0 else "▼"
    return f"{arrow} {format_value(abs(delta), unit)}"


__all__ = [
    "BYTE_UNITS",
    "format_age",
    "format_delta",
    "format_duration",
    "format_value",
    "humanize_bytes",
    "humanize_number",
    "special_number",
]
