"""The dashboard's log file (``launcher_tui.logfile``): the README's "the log gets one line when a
failure starts and one on recovery" and "the traceback in the log" need a place to go."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from launcher_tui.logfile import OWN_LOGGERS, attach_log_file, detach, log_path


@pytest.fixture
def restore_levels() -> Iterator[None]:
    """attach_log_file lowers our loggers to INFO: put them back for the other tests."""
    names = (*OWN_LOGGERS, "httpx")
    levels = {name: logging.getLogger(name).level for name in names}
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def test_failures_recoveries_and_tracebacks_reach_a_private_file(
    tmp_path: Path, restore_levels: None
) -> None:
    handler = attach_log_file(tmp_path)
    assert handler is not None
    try:
        coordinator = logging.getLogger("launcher_tui.coordinator")
        coordinator.warning("Box / value: refresh failed: box: connection refused")
        coordinator.info("Box / value: recovered")
        try:
            raise ValueError("renderer bug")
        except ValueError:
            logging.getLogger("widgets.contain").exception("renderer of card 3 failed")
        # a library's INFO stays out: httpx logs every request URL there (keys in queries),
        # even when something lowered the levels (a test runner, a debug switch)
        logging.getLogger("httpx").setLevel(logging.DEBUG)
        logging.getLogger("httpx").info("HTTP Request: GET http://x/?apikey=SECRET")
        logging.getLogger("httpx").warning("httpx warning kept")
    finally:
        detach(handler)
    text = log_path(tmp_path).read_text(encoding="utf-8")
    assert "WARNING launcher_tui.coordinator: Box / value: refresh failed" in text
    assert "INFO launcher_tui.coordinator: Box / value: recovered" in text
    assert "ValueError: renderer bug" in text and "Traceback" in text
    assert "SECRET" not in text
    assert "WARNING httpx: httpx warning kept" in text
    assert stat.S_IMODE(log_path(tmp_path).stat().st_mode) == 0o600


def test_a_directory_that_cannot_be_written_means_no_log_file_not_a_crash(
    tmp_path: Path, restore_levels: None
) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("")
    before = list(logging.getLogger().handlers)
    assert attach_log_file(not_a_dir) is None
    assert logging.getLogger().handlers == before


def test_detached_handler_writes_nothing_more(tmp_path: Path, restore_levels: None) -> None:
    handler = attach_log_file(tmp_path)
    detach(handler)
    logging.getLogger("launcher_tui.coordinator").warning("after the dashboard ended")
    assert "after the dashboard ended" not in log_path(tmp_path).read_text(encoding="utf-8")
    assert handler not in logging.getLogger().handlers
