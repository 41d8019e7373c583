#!/usr/bin/env bash
# Install the Debian-packaged real services used by tests/live (Debian 12 bookworm, run as root).
#
#   sudo bash .ci/provision-debian.sh          # then: LAUNCHER_TUI_REQUIRE_LIVE=1 in CI
#
# Why it looks like this:
# - idempotent and quiet: only packages that are not installed are passed to apt, so a no-op
#   re-run takes a second or two; `apt-get update` only runs when a missing package has no
#   install candidate (empty or stale lists), never on a no-op run;
# - `--no-install-recommends` keeps the footprint small (recommends pull in GUIs and docs);
# - package maintainer scripts must never start daemons on their default ports (they would
#   collide with each other and with the tests), so a temporary /usr/sbin/policy-rc.d that
#   returns 101 is put in place for the install and removed again only if we created it.
# The services themselves are started by tests/live/services/*.py in a temp dir on loopback.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

PKGS=(
  # torrent / usenet downloaders
  transmission-daemon qbittorrent-nox deluged deluge-web nzbget
  # monitoring
  prometheus prometheus-node-exporter glances python3-bottle netdata
  # sync, proxy, containers, UPS
  syncthing caddy docker.io nut-server
  # Integrations II (issue 13): downloads, web servers / proxies, DNS, databases, queues, streaming,
  # monitoring and alerting, and podman (a second engine behind the Docker API)
  aria2 nginx-light apache2 haproxy pdns-server pdns-backend-sqlite3 bind9 influxdb rabbitmq-server
  icecast2 monit prometheus-alertmanager podman
  # helpers: sleeper binary for docker images, network namespaces, the tmux end-to-end test
  gcc libc6-dev iproute2 util-linux tmux
  # the virtual environment .ci/run creates (Debian splits venv out of python3)
  python3-venv
)

log() { printf '[provision-debian] %s\n' "$*" >&2; }
[ "$(id -u)" = 0 ] || { log "must run as root (apt-get)"; exit 1; }

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  log "all ${#PKGS[@]} packages present"
  exit 0
fi

has_candidate() { apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [^(]'; }
need_update=0
for p in "${missing[@]}"; do has_candidate "$p" || { need_update=1; break; }; done
if [ $need_update = 1 ]; then
  log "apt-get update"
  apt-get update -qq
fi

made_policy=0
cleanup() { if [ $made_policy = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi; }
trap cleanup EXIT
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\n# temporary: keep package scripts from starting daemons\nexit 101\n' \
    >/usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  made_policy=1
fi

log "installing ${missing[*]}"
apt_install() {
  apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "$@" >/dev/null
}
if ! apt_install "${missing[@]}"; then
  # stale lists give 404s for superseded .debs: refresh once and retry
  log "install failed; apt-get update and retry"
  apt-get update -qq
  apt_install "${missing[@]}"
fi
log "done"
