#!/usr/bin/env bash
# Install the PyPI/npm-packaged real services used by tests/live (Debian 12, Python 3.11, Node 20).
#
#   .ci/provision-python-node.sh [SERVICE...]
#     SERVICE = glances4 octoprint changedetectionio homebridge uptimekuma homeassistant nodered unmanic
#               calibreweb | all (default)
#
# Idempotent and quiet: every service has a stamp file holding the exact pinned spec; a service whose
# stamp matches is skipped, so a no-op re-run takes well under a second per service.
# Layout (tests/live/services/*.py read the same variable):
#   ${LAUNCHER_TUI_SERVICES_DIR:-$HOME/.cache/launcher-tui-services}/venvs/<service>   Python venvs
#   ${LAUNCHER_TUI_SERVICES_DIR:-$HOME/.cache/launcher-tui-services}/npm/<service>     npm prefixes
#
# Safety: npm always runs with --ignore-scripts (no install script may fetch a prebuilt binary); the one
# native module that is needed (Uptime Kuma's @louislam/sqlite3) is compiled from source inside
# `unshare -n`, i.e. with no network at all.
set -euo pipefail

ROOT=${LAUNCHER_TUI_SERVICES_DIR:-$HOME/.cache/launcher-tui-services}
VENVS=$ROOT/venvs
NPMS=$ROOT/npm
PYTHON=${PYTHON:-python3}

# Pins verified on this machine kind (see shared/real-services.md). Newer majors need Python 3.12 /
# Node 22, which this machine does not have.
GLANCES_SPEC="glances[web]==4.5.8"
OCTOPRINT_SPEC="octoprint==1.11.8"
CHANGEDETECTION_SPEC="changedetection.io==0.60.10"
HASS_SPEC="homeassistant==2024.3.3"
UNMANIC_SPEC="unmanic==0.4.1"
# Calibre-Web pins old Flask & co.: its own venv, never the project's; no calibre package (the live
# test writes a minimal library by hand)
CALIBREWEB_SPEC="calibreweb==0.6.27"
# modules Home Assistant's default integrations import at start; with --skip-pip a missing one sends
# it into recovery mode
HASS_EXTRA=(home-assistant-frontend==20240307.0 Pillow==10.2.0 janus==1.0.0 psutil-home-assistant==0.0.1
  securetar==2024.2.1 SQLAlchemy==2.0.27 fnv-hash-fast==0.5.0 numpy==1.26.0 "josepy<2")
HOMEBRIDGE_SPECS=(homebridge@1.11.4 homebridge-config-ui-x@4.76.0)
KUMA_SPECS=(uptime-kuma@2.0.0-dev.0)
NODERED_SPECS=(node-red@4.1.15)

log() { printf '[provision-python-node] %s\n' "$*" >&2; }

stamp_ok() {  # stamp_ok DIR SPEC  -> true when DIR was fully provisioned with SPEC
  [ -f "$1/.launcher-tui-stamp" ] && [ "$(cat "$1/.launcher-tui-stamp")" = "$2" ]
}
stamp_write() { printf '%s' "$2" >"$1/.launcher-tui-stamp"; }

venv_install() {  # venv_install NAME PIP_SPEC...
  local name=$1; shift
  local dir=$VENVS/$name spec="$*"
  stamp_ok "$dir" "$spec" && return 0
  local t0=$SECONDS
  log "pip: $name <- $spec"
  [ -x "$dir/bin/python" ] || "$PYTHON" -m venv "$dir"
  "$dir/bin/python" -m pip install -q --disable-pip-version-check "$@" 2> >(grep -v "is ignored" >&2)
  stamp_write "$dir" "$spec"
  log "pip: $name done in $((SECONDS - t0)) s ($(du -sh "$dir" | cut -f1))"
}

npm_install() {  # npm_install NAME PKG@VER...   (callers check the stamp first)
  local name=$1; shift
  local dir=$NPMS/$name t0=$SECONDS
  command -v node >/dev/null || { log "node/npm missing (apt-get install nodejs npm)"; exit 1; }
  log "npm: $name <- $*"
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || printf '{"name":"lt-%s","private":true}\n' "$name" >"$dir/package.json"
  (cd "$dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error "$@" >/dev/null)
  log "npm: $name fetched in $((SECONDS - t0)) s"
}

offline() {  # run a command with no network when possible (root + unshare)
  if unshare -n true 2>/dev/null; then unshare -n "$@"; else "$@"; fi
}

do_glances4() { venv_install glances4 "$GLANCES_SPEC"; }
do_octoprint() { venv_install octoprint "$OCTOPRINT_SPEC"; }
do_changedetectionio() { venv_install changedetectionio "$CHANGEDETECTION_SPEC"; }
do_unmanic() { venv_install unmanic "$UNMANIC_SPEC"; }
do_calibreweb() { venv_install calibreweb "$CALIBREWEB_SPEC"; }
do_homeassistant() {
  local dir=$VENVS/homeassistant spec="$HASS_SPEC + ${HASS_EXTRA[*]}"
  stamp_ok "$dir" "$spec" && return 0
  # two resolver runs, as verified: core first, then the start-up extras on top of it
  venv_install homeassistant "$HASS_SPEC"
  rm -f "$dir/.launcher-tui-stamp"
  log "pip: homeassistant start-up extras"
  "$dir/bin/python" -m pip install -q --disable-pip-version-check "${HASS_EXTRA[@]}" \
    2> >(grep -v "is ignored" >&2)
  stamp_write "$dir" "$spec"
  log "pip: homeassistant complete ($(du -sh "$dir" | cut -f1))"
}

do_homebridge() {
  stamp_ok "$NPMS/homebridge" "${HOMEBRIDGE_SPECS[*]}" && return 0
  npm_install homebridge "${HOMEBRIDGE_SPECS[@]}"
  stamp_write "$NPMS/homebridge" "${HOMEBRIDGE_SPECS[*]}"
  log "npm: homebridge done ($(du -sh "$NPMS/homebridge" | cut -f1))"
}

do_uptimekuma() {
  stamp_ok "$NPMS/uptimekuma" "${KUMA_SPECS[*]}" && return 0
  npm_install uptimekuma "${KUMA_SPECS[@]}"
  local dir=$NPMS/uptimekuma db=$NPMS/uptimekuma/node_modules/uptime-kuma/db
  # the 2.0.0-dev.0 tarball keeps some legacy SQL patches next to db/ instead of db/old_migrations/,
  # so the first start dies with ENOENT on old_migrations/patch-*.sql: put copies where it looks
  if [ -d "$db/old_migrations" ]; then
    local f
    for f in "$db"/patch-*.sql; do
      if [ -e "$f" ] && [ ! -e "$db/old_migrations/${f##*/}" ]; then cp "$f" "$db/old_migrations/"; fi
    done
  fi
  if ! ls "$dir"/node_modules/@louislam/sqlite3/lib/binding/*/node_sqlite3.node >/dev/null 2>&1; then
    local t0=$SECONDS nodedir
    nodedir=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
    log "npm: building @louislam/sqlite3 from source (offline)"
    (cd "$dir" && offline npm rebuild @louislam/sqlite3 --build-from-source --nodedir="$nodedir" \
      --loglevel=error >/dev/null)
    log "npm: sqlite3 built in $((SECONDS - t0)) s"
  fi
  stamp_write "$dir" "${KUMA_SPECS[*]}"
  log "npm: uptimekuma done ($(du -sh "$dir" | cut -f1))"
}

do_nodered() {
  # pure JavaScript: no native module to build (it hashes admin passwords with bcryptjs)
  stamp_ok "$NPMS/nodered" "${NODERED_SPECS[*]}" && return 0
  npm_install nodered "${NODERED_SPECS[@]}"
  stamp_write "$NPMS/nodered" "${NODERED_SPECS[*]}"
  log "npm: nodered done ($(du -sh "$NPMS/nodered" | cut -f1))"
}

ALL=(glances4 octoprint homebridge changedetectionio uptimekuma homeassistant nodered unmanic calibreweb)
want=("$@")
[ ${#want[@]} -eq 0 ] && want=(all)
[ "${want[*]}" = all ] && want=("${ALL[@]}")
for s in "${want[@]}"; do
  case " ${ALL[*]} " in *" $s "*) ;; *) log "unknown service '$s' (known: ${ALL[*]})"; exit 2 ;; esac
done

mkdir -p "$VENVS" "$NPMS"
# one provisioner at a time per directory (CI jobs or a developer re-running it)
exec 9>"$ROOT/.provision.lock"
flock 9

for s in "${want[@]}"; do "do_$s"; done
