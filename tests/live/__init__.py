"""Tests against real services started on 127.0.0.1 (see tests/live/harness.py for how to run)."""
