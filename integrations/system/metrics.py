"""Pure logic of the `system` integration, kept apart from psutil so tests can feed it numbers.

Everything here takes plain values (mappings, tuples, floats) and returns plain values or
renderer models; the psutil sampling lives in :mod:`integrations.system.probe`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from integrations.format import format_bytes, threshold_level
from integrations.models import Alert, Severity

#: Filesystems that hold no user data (kernel views, RAM disks, container layers, snaps).
PSEUDO_FILESYSTEMS: frozenset[str] = frozenset(
    {
        "autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs", "debugfs", "devpts",
        "devtmpfs", "efivarfs", "fuse.gvfsd-fuse", "fuse.lxcfs", "fuse.portal", "fusectl",
        "hugetlbfs", "mqueue", "nsfs", "overlay", "proc", "pstore", "ramfs", "rpc_pipefs",
        "securityfs", "squashfs", "sysfs", "tmpfs", "tracefs", "aufs", "shm", "nullfs",
        "devfs", "fdescfs", "linprocfs", "linsysfs", "procfs", "iso9660", "udf",
    }
)  # fmt: skip
#: Mount trees that only ever hold kernel or runtime views.
PSEUDO_MOUNT_PREFIXES: tuple[str, ...] = (
    "/proc",
    "/sys",
    "/dev",
    "/run",
    "/snap",
    "/var/lib/docker",
)


@dataclass(frozen=True)
class Mount:
    """A mounted filesystem as listed by the OS."""

    device: str
    mountpoint: str
    fstype: str


@dataclass(frozen=True)
class DiskUsage:
    """Space on one mount, in bytes."""

    mountpoint: str
    total: int
    used: int
    free: int

    @property
    def percent(self) -> float:
        """Used share as the person sees it (``df``): used / (used + free), reserved blocks aside."""
        usable = self.used + self.free
        return round(100.0 * self.used / usable, 1) if usable > 0 else 0.0


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix.rstrip("/") + "/")


def real_mounts(mounts: Iterable[Mount]) -> list[Mount]:
    """Mounts worth a disk bar: no pseudo filesystems, each device once (bind mounts, btrfs subvolumes).

    ``/`` is always kept, even as an overlay: inside a container it is the disk that fills up.
    Of several mounts of one device the shortest mount point wins (``/srv`` over ``/srv/bind``).
    """
    chosen: dict[str, Mount] = {}
    for mount in mounts:
        is_root = mount.mountpoint == "/"
        if not is_root:
            if not mount.fstype or mount.fstype in PSEUDO_FILESYSTEMS:
                continue
            if any(_under(mount.mountpoint, p) for p in PSEUDO_MOUNT_PREFIXES):
                continue
        key = mount.device or mount.mountpoint
        current = chosen.get(key)
        if current is None or len(mount.mountpoint) < len(current.mountpoint):
            chosen[key] = mount
    return sorted(chosen.values(), key=lambda m: (m.mountpoint != "/", m.mountpoint))


def disk_alerts(usages: Iterable[DiskUsage], warning: float, critical: float) -> list[Alert]:
    """One alert per mount at or above a threshold; the key ``disk:<mount>`` stays stable."""
    alerts = []
    for usage in usages:
        level = threshold_level(usage.percent, warning, critical)
        if level is Severity.OK:
            continue
        alerts.append(
            Alert(
                severity=level,
                message=f"{usage.mountpoint} is {usage.percent:g} % full "
                f"({format_bytes(usage.free)} free of {format_bytes(usage.total)})",
                key=f"disk:{usage.mountpoint}",
            )
        )
    return alerts


def cpu_busy_percent(before: Mapping[str, float], after: Mapping[str, float]) -> float:
    """CPU use between two ``cpu_times`` samples, 0..100 across all cores.

    ``guest`` time is already counted in ``user`` on Linux, so it is not added twice; ``iowait``
    counts as idle, as in ``top``.
    """

    def split(sample: Mapping[str, float]) -> tuple[float, float]:
        total = sum(sample.values()) - sample.get("guest", 0.0) - sample.get("guest_nice", 0.0)
        return total, sample.get("idle", 0.0) + sample.get("iowait", 0.0)

    total0, idle0 = split(before)
    total1, idle1 = split(after)
    elapsed = total1 - total0
    if elapsed <= 0:
        return 0.0
    return round(min(100.0, max(0.0, 100.0 * (1.0 - (idle1 - idle0) / elapsed))), 1)


@dataclass(frozen=True)
class ProcessSample:
    """One process at one instant: CPU seconds so far and memory share."""

    pid: int
    name: str
    user: str
    cpu_seconds: float
    memory_percent: float
    create_time: float


@dataclass(frozen=True)
class ProcessUse:
    """A process with its CPU use over an interval (percent of one core, like ``top``)."""

    pid: int
    name: str
    user: str
    cpu_percent: float
    memory_percent: float


def process_usage(
    before: Mapping[int, ProcessSample], after: Iterable[ProcessSample], elapsed: float
) -> list[ProcessUse]:
    """CPU use of each process between two samples ``elapsed`` wall seconds apart.

    A pid reused by a new process (other ``create_time``) or first seen in ``after`` counts its
    CPU time since it started, capped to the interval.
    """
    out = []
    for sample in after:
        previous = before.get(sample.pid)
        if previous is not None and previous.create_time == sample.create_time:
            spent = sample.cpu_seconds - previous.cpu_seconds
        else:
            spent = sample.cpu_seconds
        percent = 100.0 * max(0.0, spent) / elapsed if elapsed > 0 else 0.0
        out.append(
            ProcessUse(
                pid=sample.pid,
                name=sample.name,
                user=sample.user,
                cpu_percent=round(percent, 1),
                memory_percent=round(sample.memory_percent, 1),
            )
        )
    return out


def top_processes(usages: Iterable[ProcessUse], count: int) -> list[ProcessUse]:
    """The ``count`` busiest processes: by CPU, then by memory."""
    return sorted(usages, key=lambda p: (-p.cpu_percent, -p.memory_percent, p.pid))[:count]
