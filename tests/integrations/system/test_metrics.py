"""The system integration's logic on synthetic numbers (disk alerts, mounts, CPU, processes).

The threshold and size/duration helpers it uses are tested in tests/integrations/test_format.py.
"""

from __future__ import annotations

import pytest

from integrations.models import Severity
from integrations.system.metrics import (
    DiskUsage,
    Mount,
    ProcessSample,
    ProcessUse,
    cpu_busy_percent,
    disk_alerts,
    process_usage,
    real_mounts,
    top_processes,
)

GIB = 1024**3


def usage(mount: str, percent: float, total: int = 100 * GIB) -> DiskUsage:
    used = int(total * percent / 100)
    return DiskUsage(mount, total, used, total - used)


def test_disk_alerts_one_per_full_mount_with_stable_keys() -> None:
    alerts = disk_alerts([usage("/", 50), usage("/srv", 91), usage("/data", 97)], 90, 95)
    assert [(a.key, a.severity) for a in alerts] == [
        ("disk:/srv", Severity.WARNING),
        ("disk:/data", Severity.CRITICAL),
    ]
    assert "/data is 97 % full" in alerts[1].message
    assert "3.0 GiB free of 100.0 GiB" in alerts[1].message


def test_disk_alerts_follow_configured_thresholds() -> None:
    disks = [usage("/", 75)]
    assert disk_alerts(disks, 90, 95) == []
    assert [a.severity for a in disk_alerts(disks, 70, 80)] == [Severity.WARNING]
    assert [a.severity for a in disk_alerts(disks, 50, 70)] == [Severity.CRITICAL]


def test_disk_percent_ignores_reserved_blocks_like_df() -> None:
    # ext4 reserves 5 %: total 100, used 90, free 5 → df says 95 % (90 / 95), not 90 %
    disk = DiskUsage("/", total=100, used=90, free=5)
    assert disk.percent == pytest.approx(94.7)
    assert DiskUsage("/", 0, 0, 0).percent == 0.0


def test_real_mounts_skips_pseudo_filesystems_and_duplicates() -> None:
    mounts = [
        Mount("proc", "/proc", "proc"),
        Mount("tmpfs", "/run", "tmpfs"),
        Mount("/dev/loop3", "/snap/core/1", "squashfs"),
        Mount("overlay", "/var/lib/docker/overlay2/x/merged", "overlay"),
        Mount("cgroup2", "/sys/fs/cgroup", "cgroup2"),
        Mount("/dev/sda1", "/", "ext4"),
        Mount("/dev/sdb1", "/srv/media", "xfs"),
        Mount("/dev/sdb1", "/srv", "xfs"),  # the same device mounted twice (bind mount)
        Mount("nas:/export", "/mnt/nas", "nfs4"),
    ]
    assert [m.mountpoint for m in real_mounts(mounts)] == ["/", "/mnt/nas", "/srv"]


def test_real_mounts_keeps_an_overlay_root() -> None:
    # inside a container "/" is an overlay, and it is the disk that fills up
    assert [m.mountpoint for m in real_mounts([Mount("overlay", "/", "overlay")])] == ["/"]


def test_cpu_busy_percent_counts_iowait_as_idle_and_guest_once() -> None:
    before = {"user": 100.0, "system": 50.0, "idle": 800.0, "iowait": 50.0, "guest": 10.0}
    # 10 s elapse on 1 core: 3 user (1 of which guest), 1 system, 5 idle, 1 iowait
    after = {"user": 103.0, "system": 51.0, "idle": 805.0, "iowait": 51.0, "guest": 11.0}
    assert cpu_busy_percent(before, after) == pytest.approx(40.0)
    assert cpu_busy_percent(after, after) == 0.0


def sample(pid: int, cpu: float, mem: float = 1.0, created: float = 1.0) -> ProcessSample:
    return ProcessSample(pid, f"p{pid}", "root", cpu, mem, created)


def test_process_usage_uses_deltas_and_detects_reused_pids() -> None:
    before = {1: sample(1, 10.0), 2: sample(2, 5.0), 3: sample(3, 100.0, created=1.0)}
    after = [sample(1, 10.5), sample(2, 5.0), sample(3, 0.25, created=2.0), sample(4, 0.1)]
    by_pid = {u.pid: u.cpu_percent for u in process_usage(before, after, elapsed=1.0)}
    assert by_pid == {1: 50.0, 2: 0.0, 3: 25.0, 4: 10.0}


def test_top_processes_by_cpu_then_memory() -> None:
    uses = [
        ProcessUse(1, "a", "", 5.0, 1.0),
        ProcessUse(2, "b", "", 50.0, 1.0),
        ProcessUse(3, "c", "", 5.0, 9.0),
        ProcessUse(4, "d", "", 0.0, 50.0),
    ]
    assert [p.pid for p in top_processes(uses, 3)] == [2, 3, 1]
    assert [p.pid for p in top_processes(uses, 10)] == [2, 3, 1, 4]
