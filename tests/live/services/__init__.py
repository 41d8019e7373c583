"""One module per real service; each exposes ``start(tmpdir: Path) -> RunningService``.

Modules are imported by name from ``tests.live.harness.service_fixture``.
"""
