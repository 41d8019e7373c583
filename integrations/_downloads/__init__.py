"""Shared pieces of the download-client integrations (Transmission, qBittorrent, Deluge, NZBGet).

Every client describes its state as :class:`~integrations._downloads.transfers.Snapshot` (total
rates plus one :class:`~integrations._downloads.transfers.Transfer` per torrent or NZB); the
renderer data (stat card, speed chart, torrent list, progress bars, alerts) is built from that
in :mod:`integrations._downloads.render`, so the four dashboards look and behave the same and a
fix in the mapping fixes all of them. :class:`~integrations._downloads.torrent.TorrentClient`
declares the endpoints and actions the three torrent clients share. The leading underscore keeps
the registry from mistaking this package for an integration.
"""
