"""The dashboard's screens and views: boards, launcher, forms, dialogs and help.

Each module has one job; :mod:`launcher_tui.app` composes them. Nothing here talks to a
service directly: data comes through the app's :class:`~launcher_tui.coordinator.CoordinatorHub`
and changes go through the service layer (``app.services``).
"""
