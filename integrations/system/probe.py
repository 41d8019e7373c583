"""psutil sampling for the `system` integration (imported lazily: psutil is only paid for here).

The functions are synchronous and may block (a hung network mount stalls ``statvfs``), so the
integration runs them in a worker thread with a time limit.
"""

from __future__ import annotations

import os

import psutil

from integrations.system.metrics import DiskUsage, Mount, ProcessSample


def cpu_times() -> dict[str, float]:
    """Machine-wide CPU seconds per state, summed over cores."""
    return dict(psutil.cpu_times()._asdict())


def mounts() -> list[Mount]:
    """Every mounted filesystem (filtering happens in :func:`metrics.real_mounts`)."""
    return [
        Mount(device=p.device, mountpoint=p.mountpoint, fstype=p.fstype)
        for p in psutil.disk_partitions(all=True)
    ]


def disk_usage(mountpoints: list[str]) -> list[DiskUsage]:
    """Space per mount point; mounts that vanished or deny access are skipped."""
    out = []
    for mountpoint in mountpoints:
        try:
            usage = psutil.disk_usage(mountpoint)
        except OSError:
            continue
        if usage.total > 0:
            out.append(DiskUsage(mountpoint, usage.total, usage.used, usage.free))
    return out


def processes() -> dict[int, ProcessSample]:
    """CPU seconds and memory share of every process we may read."""
    out: dict[int, ProcessSample] = {}
    attrs = ["pid", "name", "username", "cpu_times", "memory_percent", "create_time"]
    for proc in psutil.process_iter(attrs):
        info = proc.info
        times = info.get("cpu_times")
        if times is None or info.get("create_time") is None:
            continue  # vanished or access denied
        out[info["pid"]] = ProcessSample(
            pid=info["pid"],
            name=info.get("name") or str(info["pid"]),
            user=info.get("username") or "",
            cpu_seconds=float(times.user + times.system),
            memory_percent=float(info.get("memory_percent") or 0.0),
            create_time=float(info["create_time"]),
        )
    return out


def memory() -> tuple[float, int, int]:
    """(percent used, bytes used, bytes total)."""
    vm = psutil.virtual_memory()
    return float(vm.percent), int(vm.total - vm.available), int(vm.total)


def load_average() -> tuple[float, float, float]:
    """1, 5 and 15 minute load averages (emulated by psutil on Windows)."""
    one, five, fifteen = psutil.getloadavg()
    return float(one), float(five), float(fifteen)


def boot_time() -> float:
    return float(psutil.boot_time())


def process_count() -> int:
    return len(psutil.pids())


def cpu_count() -> int:
    return psutil.cpu_count() or os.cpu_count() or 1
