#!/usr/bin/env bash
# `npm run up`: services (scripts/services.sh), build, migrate, then the api and the worker in
# the background (.run/<name>.pid, log appended to .run/<name>.log), and wait for /health.
# Running it again only (re)starts what died or what the build changed. `npm run down` stops them.
# BASTION_UP_WAIT_S (default 60): how long to wait for /health to answer 200.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN="$ROOT/.run"
PORT="${PORT:-3000}"
cd "$ROOT"
mkdir -p "$RUN"

if [ -t 1 ]; then G=$'\033[32m' R=$'\033[31m' N=$'\033[0m'; else G='' R='' N=''; fi
ok() { printf '%s✓%s %s\n' "$G" "$N" "$*"; }
die() {
  printf '%s✗%s %s\n' "$R" "$N" "$1" >&2
  if [ -n "${2:-}" ] && [ -f "$2" ]; then echo "--- last ${3:-40} lines of $2" >&2; tail -n "${3:-40}" "$2" >&2; fi
  exit 1
}

bash "$ROOT/scripts/services.sh"
# the JWT and webhook secrets and the admin password: random on the first run, kept outside git
# shellcheck source=scripts/secrets.sh
source "$ROOT/scripts/secrets.sh" || die "could not read or create the secrets file"
ok "secrets in $BASTION_SECRETS_FILE (root only)"

npm run build </dev/null >"$RUN/build.log" 2>&1 || die "npm run build failed" "$RUN/build.log"
ok "built dist/"
npm run migrate </dev/null >"$RUN/migrate.log" 2>&1 || die "npm run migrate failed" "$RUN/migrate.log"
ok "database migrated"

# ------------------------------------------------------------------------------ apps
alive() { kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != Z ]; }
# the pid of <name> from its pid file, if that process is alive and still runs our main.js
app_pid() {
  local pid
  pid="$(cat "$RUN/$1.pid" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "dist/apps/$1/src/main.js" || return 1
  echo "$pid"
}

for name in api worker; do
  main="dist/apps/$name/src/main.js"
  [ -f "$main" ] || die "$main is missing after the build"
  if pid="$(app_pid "$name")"; then
    # the pid file's mtime is the start time: restart when the build wrote something since
    if [ "dist/.tsbuildinfo.build" -nt "$RUN/$name.pid" ]; then
      bash "$ROOT/scripts/down.sh" "$name" >/dev/null
    else
      ok "$name already running (pid $pid)"
      continue
    fi
  fi
  # setsid: own session and process group, so it outlives this script and its terminal
  printf '\n==== %s starting %s\n' "$(date -Is)" "$name" >>"$RUN/$name.log"
  setsid nohup node "$main" </dev/null >>"$RUN/$name.log" 2>&1 &
  echo $! >"$RUN/$name.pid"
  ok "$name started (pid $!, log .run/$name.log)"
done

# ------------------------------------------------------------------------------ health
URL="http://127.0.0.1:$PORT/health"
WAIT="${BASTION_UP_WAIT_S:-60}"
healthy=0
deadline=$((SECONDS + WAIT))
while [ "$SECONDS" -lt "$deadline" ]; do
  if curl -fsS -m 3 "$URL" >/dev/null 2>&1; then healthy=1; break; fi
  for name in api worker; do
    app_pid "$name" >/dev/null || die "$name exited while starting" "$RUN/$name.log"
  done
  sleep 0.5
done
if [ "$healthy" != 1 ]; then
  printf '%s✗%s %s did not answer 200 within %s s; it says:\n' "$R" "$N" "$URL" "$WAIT" >&2
  curl -sS -m 3 "$URL" >&2 || true
  echo >&2
  for name in api worker; do echo "--- last 20 lines of .run/$name.log" >&2; tail -n 20 "$RUN/$name.log" >&2; done
  exit 1
fi
ok "healthy: $(curl -fsS -m 3 "$URL")"

EMAIL="${BASTION_ADMIN_EMAIL:-admin@bastion.local}"
if [ "$BASTION_SECRETS_NEW" = 1 ]; then
  SHOWN="$BASTION_ADMIN_PASSWORD   (shown this once; it stays in $BASTION_SECRETS_FILE)"
else
  SHOWN="the BASTION_ADMIN_PASSWORD line of $BASTION_SECRETS_FILE"
fi
cat <<EOF2

Bastion is up: http://localhost:$PORT
  admin: $EMAIL
  password: $SHOWN
  sign in:
    curl -sS -X POST http://localhost:$PORT/api/v1/auth/login \\
      -H 'content-type: application/json' \\
      -d '{"email":"$EMAIL","password":"<the password>"}'
  logs: .run/api.log .run/worker.log    stop: npm run down
EOF2
