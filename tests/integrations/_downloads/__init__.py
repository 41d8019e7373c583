"""Test helpers shared by the download-client suites (transmission, qbittorrent, deluge, nzbget)."""
