"""Shared code of the *arr family (Sonarr, Radarr, Lidarr, Readarr, Prowlarr).

The leading underscore keeps the registry from listing it: it is a library, not an integration.
"""
