"""``python -m launcher_tui``: the same entry point as the ``launcher-tui`` console script."""

import sys

from launcher_tui.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
