"""The headless command line: ``launcher-tui <command>`` (see :mod:`launcher_tui.cli.main`).

Every command talks to :mod:`launcher_tui.services` (never to the database) and to integrations
through :class:`launcher_tui.runtime.Runtime`. Modules import only the standard library at the
top; heavy dependencies (pydantic, httpx, peewee, cryptography) are imported by the command that
needs them, and Textual only by the dashboard entry point.
"""
