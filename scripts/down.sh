#!/usr/bin/env bash
# Stops the apps started by `npm run up` (from .run/<name>.pid): SIGTERM, up to 10 s, then SIGKILL.
# PostgreSQL, Redis and Docker are left running. Idempotent.
#
#   npm run down               # api and worker
#   bash scripts/down.sh api   # just one
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN="$ROOT/.run"

# the pid of <name> from its pid file, if that process is alive and still runs our main.js
app_pid() {
  local pid
  pid="$(cat "$RUN/$1.pid" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "dist/apps/$1/src/main.js" || return 1
  echo "$pid"
}

# alive and not a zombie waiting to be reaped
alive() { kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != Z ]; }

# signal the process group when the app leads its own (it was started with setsid), else the pid
signal() {
  local sig="$1" pid="$2"
  if [ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" = "$pid" ]; then
    kill "-$sig" -- "-$pid" 2>/dev/null || true
  else
    kill "-$sig" "$pid" 2>/dev/null || true
  fi
}

names=("$@")
[ "${#names[@]}" -gt 0 ] || names=(api worker)
declare -A pids=()
for name in "${names[@]}"; do
  if pid="$(app_pid "$name")"; then
    pids[$name]=$pid
    signal TERM "$pid"
  fi
done
# all of them get the same 10 s to shut down gracefully
for _ in $(seq 1 40); do
  running=0
  for name in "${!pids[@]}"; do alive "${pids[$name]}" && running=1; done
  [ "$running" = 1 ] || break
  sleep 0.25
done
for name in "${names[@]}"; do
  if [ -n "${pids[$name]:-}" ]; then
    pid=${pids[$name]}
    if alive "$pid"; then
      signal KILL "$pid"
      for _ in $(seq 1 20); do alive "$pid" || break; sleep 0.1; done
      echo "✓ $name stopped (pid $pid, SIGKILL after 10 s)"
    else
      echo "✓ $name stopped (pid $pid)"
    fi
  fi
  rm -f "$RUN/$name.pid"
done
