"""Moving in: Homepage's YAML (``import homepage``) and Docker labels (``discover docker``).

Both sources are read into one :class:`~launcher_tui.importers.plan.Plan` (apps with their
integration settings and board widgets, bookmarks, settings, and what could not be mapped), which
is printed for ``--dry-run`` or applied to the store in one transaction by
:mod:`launcher_tui.importers.apply`. Secrets live in the plan only in memory: its printable form
masks them, and applying encrypts them through the app service.
"""
