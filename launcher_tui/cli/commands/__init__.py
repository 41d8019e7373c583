"""One module per command group; each has ``register(subparsers, common)`` and its handlers.

Modules import only the standard library and :mod:`launcher_tui.cli` helpers at the top, so
building the parser (``--help``) stays cheap; a handler imports what it needs when it runs.
"""
