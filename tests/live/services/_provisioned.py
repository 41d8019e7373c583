"""Where .ci/provision-python-node.sh puts the PyPI/npm services, and how to find them.

Why a module: the six PyPI/npm service modules and the provisioner must agree on one layout
(``$LAUNCHER_TUI_SERVICES_DIR`` or ``~/.cache/launcher-tui-services``, then ``venvs/<name>`` and
``npm/<name>``); a missing piece skips the test (or fails it under LAUNCHER_TUI_REQUIRE_LIVE=1).
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.live.harness import require_binary, require_path, unavailable

SERVICES_DIR_ENV = "LAUNCHER_TUI_SERVICES_DIR"
PROVISION_HINT = ".ci/provision-python-node.sh"


def services_root() -> Path:
    """The provisioning root shared with .ci/provision-python-node.sh."""
    configured = os.environ.get(SERVICES_DIR_ENV, "").strip()
    return Path(configured) if configured else Path.home() / ".cache" / "launcher-tui-services"


def _stamped(prefix: Path) -> Path:
    # the provisioner writes the stamp last, so a half-finished install counts as missing
    if not (prefix / ".launcher-tui-stamp").is_file():
        unavailable(
            f"not provisioned: {prefix} (run {PROVISION_HINT} {prefix.name}; "
            "`sudo bash .ci/run` provisions every service and runs all live tests)"
        )
    return prefix


def venv_exe(service: str, exe: str) -> Path:
    """``venvs/<service>/bin/<exe>`` of a fully provisioned venv (else skip/fail)."""
    return require_path(_stamped(services_root() / "venvs" / service) / "bin" / exe)


def node_modules(service: str) -> Path:
    """``npm/<service>/node_modules`` of a fully provisioned npm prefix (else skip/fail)."""
    return require_path(_stamped(services_root() / "npm" / service) / "node_modules")


def node() -> str:
    """The node executable (Node 20 on this machine kind)."""
    return require_binary("node")
