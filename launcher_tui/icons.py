"""Homepage icon names shown as a glyph, never as a file name in the icon's place.

Homepage's ``icon`` is a file name from its icon set (``sonarr.png``, ``sonarr.svg``), a
Material Design or Simple Icons name (``mdi-server``, ``si-github``, optionally with a
colour: ``mdi-flask-#f0d453``), a selfh.st name (``sh-immich``) or a URL. A terminal cannot
draw those: a known one becomes an emoji, anything else shows nothing (a long file name ate
the launcher's row). What a person typed as an icon (an emoji, ``TV``) is shown as typed.
The stored value is kept as it came, so the mapping can improve without a re-import.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

IMAGE_SUFFIXES = (".png", ".svg", ".webp", ".jpg", ".jpeg", ".gif", ".ico")
SET_PREFIXES = ("mdi-", "si-", "sh-")
_COLOUR = re.compile(r"-#[0-9a-f]{3,8}$")
_VARIANT = re.compile(r"-(light|dark)$")

GLYPHS: dict[str, str] = {
    # media and the *arr family
    "sonarr": "📺",
    "radarr": "🎬",
    "lidarr": "🎵",
    "readarr": "📚",
    "prowlarr": "🔍",
    "bazarr": "💬",
    "jellyfin": "🎬",
    "plex": "🎬",
    "emby": "🎬",
    "jellyseerr": "🎫",
    "overseerr": "🎫",
    "tautulli": "📊",
    "navidrome": "🎵",
    "audiobookshelf": "🎧",
    "immich": "📷",
    # downloads
    "transmission": "📥",
    "qbittorrent": "📥",
    "deluge": "📥",
    "sabnzbd": "📥",
    "nzbget": "📥",
    "download": "📥",
    # network, infrastructure, monitoring
    "pi-hole": "🚫",
    "pihole": "🚫",
    "adguard-home": "🚫",
    "adguard": "🚫",
    "router": "📶",
    "router-wireless": "📶",
    "wifi": "📶",
    "server": "💻",
    "proxmox": "💻",
    "truenas": "💾",
    "nas": "💾",
    "docker": "🐳",
    "portainer": "🐳",
    "grafana": "📈",
    "prometheus": "🔥",
    "uptime-kuma": "💚",
    "home-assistant": "🏠",
    "homeassistant": "🏠",
    "home": "🏠",
    "nextcloud": "📁",
    "syncthing": "🔄",
    "gitea": "🐙",
    "forgejo": "🐙",
    "github": "🐙",
    "vaultwarden": "🔒",
    "bitwarden": "🔒",
}
"""Known names (after the prefix, colour and light/dark variant are stripped) → one emoji,
each drawn two cells wide by every terminal (Emoji_Presentation, no variation selector)."""


def is_icon_reference(icon: str) -> bool:
    """Whether ``icon`` names a picture (Homepage style) rather than text to show."""
    text = icon.strip().lower()
    return (
        text.startswith(SET_PREFIXES)
        or text.split("?", 1)[0].endswith(IMAGE_SUFFIXES)
        or "/" in text
    )


def icon_key(icon: str) -> str:
    """``https://x/icons/Sonarr-dark.svg?v=2`` → ``sonarr``; ``mdi-flask-#f0d453`` → ``flask``."""
    text = PurePosixPath(icon.strip().lower().split("?", 1)[0]).name
    for suffix in IMAGE_SUFFIXES:
        text = text.removesuffix(suffix)
    for prefix in SET_PREFIXES:
        if text.startswith(prefix):
            text = text.removeprefix(prefix)
            break
    return _VARIANT.sub("", _COLOUR.sub("", text))


def shown_icon(icon: str) -> str:
    """What to draw for an app's or bookmark's icon: as typed, a known glyph, or nothing."""
    if not is_icon_reference(icon):
        return icon
    return GLYPHS.get(icon_key(icon), "")
