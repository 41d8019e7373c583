#!/usr/bin/env bash
# Run the whole test suite several times in a row while every core is kept busy, to prove the
# suite does not depend on how fast the machine is (issue: "green on any machine").
#
#   bash scripts/stress-tests.sh [RUNS] [-- PYTEST_ARGS...]      (RUNS defaults to 3)
#
# Load: `stress-ng --cpu 0` when installed (as root it is installed with apt-get if missing),
# otherwise one Python busy-loop per core. The burners are started by this script, tracked by
# PID and stopped on exit, whatever happens.
# Python: $PYTHON, else .venv/bin/python (what `bash .ci/run` creates), else python3.
# As root (where `unshare -n` works) each run is inside a private network namespace like
# .ci/run, so provisioned live services run too; LAUNCHER_TUI_REQUIRE_LIVE is passed through.
# Prints pass/fail and the wall time of each run; exits non-zero if any run failed.
set -uo pipefail
cd "$(dirname "$0")/.."

runs=3
if [ $# -gt 0 ] && [ "$1" != "--" ]; then runs=$1; shift; fi
[ "${1:-}" = "--" ] && shift
pytest_args=("$@")

py=${PYTHON:-}
if [ -z "$py" ]; then
  if [ -x .venv/bin/python ]; then py=.venv/bin/python; else py=python3; fi
fi
"$py" -c "import pytest, launcher_tui" 2>/dev/null || {
  echo "[stress] $py cannot import pytest and launcher_tui: run bash .ci/run once, or" \
    "python3 -m venv .venv && .venv/bin/pip install -e '.[test]'" >&2
  exit 2
}

cores=$(nproc)
burners=()
stop_burners() {
  local pid
  for pid in "${burners[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${burners[@]}"; do wait "$pid" 2>/dev/null; done
  burners=()
}
trap stop_burners EXIT
trap 'exit 130' INT TERM

if ! command -v stress-ng >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get install -y -qq stress-ng >/dev/null 2>&1 || true
fi
if command -v stress-ng >/dev/null; then
  stress-ng --cpu 0 --quiet &
  burners+=($!)
  load="stress-ng --cpu 0"
else
  for _ in $(seq "$cores"); do
    "$py" -c "while True: pass" &
    burners+=($!)
  done
  load="$cores Python busy-loops"
fi
echo "[stress] $runs runs of the whole suite under $load ($cores cores)"

failed=0
summary=()
for i in $(seq "$runs"); do
  log=$(mktemp -t "stress-run-$i-XXXX.log")
  t0=$SECONDS
  if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
    # as in .ci/run: a private network namespace (loopback only), so live tests can run
    unshare -n sh -c 'ip link set lo up && exec "$@"' sh \
      "$py" -m pytest -q -p no:cacheprovider "${pytest_args[@]}" >"$log" 2>&1
  else
    "$py" -m pytest -q -p no:cacheprovider "${pytest_args[@]}" >"$log" 2>&1
  fi
  rc=$?
  secs=$((SECONDS - t0))
  tail_line=$(grep -E '^(=+ )?[0-9]+ (passed|failed|error)|no tests ran' "$log" | tail -1)
  if [ $rc = 0 ]; then verdict=PASS; else verdict="FAIL (exit $rc)"; failed=$((failed + 1)); fi
  line="run $i/$runs: $verdict in ${secs}s — ${tail_line:-see $log}"
  summary+=("$line")
  echo "[stress] $line"
  if [ $rc != 0 ]; then
    grep -E '^(FAILED|ERROR) ' "$log" | sed 's/^/[stress]   /'
    echo "[stress]   full log: $log"
  else
    rm -f "$log"
  fi
done
stop_burners

echo "[stress] summary ($load):"
printf '[stress]   %s\n' "${summary[@]}"
if [ $failed -gt 0 ]; then
  echo "[stress] $failed of $runs runs failed" >&2
  exit 1
fi
echo "[stress] all $runs runs passed"
