#!/usr/bin/env bash
# Ensures everything Bastion needs on this machine, idempotently and quietly:
#   apt packages, the Docker engine, PostgreSQL (role + databases), Redis,
#   the judge images and node_modules.
#
#   bash scripts/services.sh          # or: source scripts/services.sh
#
# Debian 12, run as root, no systemd needed: daemons are started directly in the background.
# When everything is already in place a run only checks, in about a second.
#
# Environment:
#   BASTION_SANDBOX_RUNTIME=runsc   also install gVisor (runsc) and register it with dockerd
#   BASTION_BASE_IMAGE, BASTION_DEBIAN_MIRROR   passed on to scripts/base-image.sh
#   DATABASE_URL / REDIS_URL        informational: the local services set up here are
#                                   postgres://bastion:bastion@127.0.0.1:5432/bastion (+ bastion_test)
#                                   and redis://127.0.0.1:6379
#
# Logs: /var/log/bastion-dockerd.log, /var/log/bastion-redis.log, the PostgreSQL cluster log,
# /tmp/bastion-apt.log, /tmp/bastion-npm-ci.log, /tmp/bastion-build-<image>.log.

# sourced: do the work in a child bash so that set -e, exit and the helpers stay out of the caller
if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  bash "${BASH_SOURCE[0]}"
  return $?
fi

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNTIME="${BASTION_SANDBOX_RUNTIME:-runc}"

if [ -t 1 ]; then G=$'\033[32m' R=$'\033[31m' N=$'\033[0m'; else G='' R='' N=''; fi
ok() { printf '%s✓%s %s\n' "$G" "$N" "$*"; }
say() { printf '… %s\n' "$*"; }
# die <message> [log file [lines]]: print the message and the log's tail, exit 1
die() {
  printf '%s✗%s %s\n' "$R" "$N" "$1" >&2
  if [ -n "${2:-}" ] && [ -f "$2" ]; then
    echo "--- last ${3:-30} lines of $2" >&2
    tail -n "${3:-30}" "$2" >&2
  fi
  exit 1
}

[ "$(id -u)" -eq 0 ] || die "services.sh must run as root (it installs packages and starts daemons)"

# ------------------------------------------------------------------------------ node
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1 ||
  ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)'; then
  die "Node.js >= 20 with npm is required (found: $(node -v 2>/dev/null || echo none))"
fi

# ------------------------------------------------------------------------------ 1. apt packages
pkgs=(docker.io postgresql redis-server debootstrap curl procps jq)
[ "$RUNTIME" = runsc ] && pkgs+=(runsc)
# The test suite drives the web app in Debian's headless Chromium (Korean pages need a CJK font).
[ "${BASTION_WITH_BROWSER:-0}" = 1 ] && pkgs+=(chromium fonts-noto-cjk)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]} (apt, a minute or two)"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq "${missing[@]}"; } </dev/null >/tmp/bastion-apt.log 2>&1 ||
    die "apt-get install ${missing[*]} failed" /tmp/bastion-apt.log 40
  ok "installed ${missing[*]}"
else
  ok "packages installed"
fi

# ------------------------------------------------------------------------------ 2. docker engine
DLOG=/var/log/bastion-dockerd.log
start_dockerd() {
  setsid nohup dockerd </dev/null >>"$DLOG" 2>&1 &
  local i
  for i in $(seq 1 60); do
    docker info >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  die "dockerd did not answer within 30 s" "$DLOG" 40
}
# runsc applies the container's seccomp profile (Bastion's, see libs/sandbox) only with --oci-seccomp
has_runsc() { docker info --format '{{json .Runtimes.runsc}}' 2>/dev/null | grep -q -- '--oci-seccomp'; }

if [ "$RUNTIME" = runsc ]; then
  # register runsc in /etc/docker/daemon.json, keeping whatever else is there (exit 10 = changed)
  rc=0
  node -e '
    const fs = require("fs"), f = "/etc/docker/daemon.json";
    let c = {};
    try { const t = fs.readFileSync(f, "utf8"); c = t.trim() ? JSON.parse(t) : {}; }
    catch (e) { if (e.code !== "ENOENT") { console.error(`cannot parse ${f}: ${e.message}`); process.exit(2); } }
    const want = { path: "/usr/bin/runsc", runtimeArgs: ["--network=none", "--oci-seccomp"] };
    c.runtimes = c.runtimes || {};
    if (JSON.stringify(c.runtimes.runsc) === JSON.stringify(want)) process.exit(0);
    c.runtimes.runsc = want;
    fs.mkdirSync("/etc/docker", { recursive: true });
    fs.writeFileSync(f, JSON.stringify(c, null, 2) + "\n");
    process.exit(10);
  ' || rc=$?
  case $rc in
    0) ;;
    10) ok "registered runsc in /etc/docker/daemon.json" ;;
    *) die "could not update /etc/docker/daemon.json" ;;
  esac
fi

if docker info >/dev/null 2>&1 && [ ! -e /sys/class/net/docker0 ] && [ -s /var/run/docker.pid ]; then
  # The engine's default bridge is gone (a dockerd started without a bridge in this network namespace
  # deletes it): image builds need it, and the engine makes it again as it starts.
  say "docker0 is missing: restarting dockerd"
  pid="$(cat /var/run/docker.pid)"
  kill -TERM "$pid" 2>/dev/null || true
  # it stops its containers first (10 s each at most, in parallel)
  for i in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  start_dockerd
  ok "docker engine restarted"
elif docker info >/dev/null 2>&1; then
  ok "docker engine running"
else
  say "starting dockerd (log: $DLOG)"
  start_dockerd
  ok "docker engine started"
fi

if [ "$RUNTIME" = runsc ] && ! has_runsc; then
  # dockerd reloads its runtimes (and their arguments) on SIGHUP; restart it only if that is not enough
  dpid="$(cat /var/run/docker.pid 2>/dev/null || pgrep -xo dockerd || true)"
  [ -z "$dpid" ] || kill -HUP "$dpid" 2>/dev/null || true
  for i in $(seq 1 10); do has_runsc && break; sleep 0.5; done
  if ! has_runsc && [ -n "$dpid" ]; then
    say "restarting dockerd to load the runsc runtime"
    kill -TERM "$dpid" 2>/dev/null || true
    for i in $(seq 1 40); do kill -0 "$dpid" 2>/dev/null || break; sleep 0.5; done
    start_dockerd
  fi
  has_runsc || die "docker info does not list the runsc runtime with --oci-seccomp" "$DLOG" 20
  ok "docker runtime runsc registered"
fi

# ------------------------------------------------------------------------------ 3. PostgreSQL
# pg_lsclusters -h: Ver Cluster Port Status Owner Datadir Logfile; prefer the cluster on 5432
line="$(pg_lsclusters -h 2>/dev/null | awk '$3 == 5432' | head -n 1)"
[ -n "$line" ] || line="$(pg_lsclusters -h 2>/dev/null | head -n 1)"
if [ -z "$line" ]; then
  ver="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$ver" ] || die "no PostgreSQL server installed under /usr/lib/postgresql"
  say "creating PostgreSQL $ver cluster main"
  pg_createcluster "$ver" main </dev/null >/tmp/bastion-pg-create.log 2>&1 ||
    die "pg_createcluster $ver main failed" /tmp/bastion-pg-create.log
  line="$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main"')"
fi
read -r ver cluster port status _ _ pglog <<<"$line"
if pg_isready -q -h 127.0.0.1 -p "$port"; then
  ok "postgresql $ver running"
else
  if [ "${status%%,*}" != online ]; then
    pg_ctlcluster "$ver" "$cluster" start </dev/null >/tmp/bastion-pg-start.log 2>&1 || {
      cat "$pglog" >>/tmp/bastion-pg-start.log 2>/dev/null || true
      die "pg_ctlcluster $ver $cluster start failed" /tmp/bastion-pg-start.log
    }
  fi
  for i in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 0.5; done
  pg_isready -q -h 127.0.0.1 -p "$port" || die "postgresql does not accept connections on 127.0.0.1:$port" "$pglog"
  ok "postgresql $ver started"
fi

# role bastion (password bastion) and databases bastion + bastion_test owned by it; all idempotent
(cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres) >/tmp/bastion-pg-setup.log 2>&1 <<'SQL' ||
SET client_min_messages = warning;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bastion') THEN
    CREATE ROLE bastion LOGIN CREATEDB PASSWORD 'bastion';
  ELSE
    ALTER ROLE bastion LOGIN CREATEDB PASSWORD 'bastion';
  END IF;
END $$;
SELECT format('CREATE DATABASE %I OWNER bastion', d) FROM unnest(ARRAY['bastion', 'bastion_test']) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d) \gexec
SELECT format('ALTER DATABASE %I OWNER TO bastion', datname) FROM pg_database
 WHERE datname IN ('bastion', 'bastion_test') AND pg_get_userbyid(datdba) <> 'bastion' \gexec
SQL
  die "could not create the bastion role/databases" /tmp/bastion-pg-setup.log
for db in bastion bastion_test; do
  PGPASSWORD=bastion PGCONNECT_TIMEOUT=5 psql -X -q -h 127.0.0.1 -p "$port" -U bastion -d "$db" -c 'SELECT 1' \
    >/tmp/bastion-pg-setup.log 2>&1 ||
    die "cannot log in to $db as bastion on 127.0.0.1:$port with a password (pg_hba.conf?)" /tmp/bastion-pg-setup.log
done
ok "databases bastion, bastion_test ready (postgres://bastion:bastion@127.0.0.1:$port/bastion)"

# ------------------------------------------------------------------------------ 4. Redis
RLOG=/var/log/bastion-redis.log
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]; }
if redis_up; then
  ok "redis running"
else
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no \
    --dir /tmp --logfile "$RLOG" </dev/null >/dev/null 2>&1 || true
  for i in $(seq 1 40); do redis_up && break; sleep 0.25; done
  redis_up || die "redis did not answer PING on 127.0.0.1:6379" "$RLOG"
  ok "redis started"
fi

# ------------------------------------------------------------------------------ 5. node modules (before the images: they take ast-grep and the rules from node_modules)
if [ ! -f "$ROOT/node_modules/.package-lock.json" ] ||
  [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
  say "installing node modules (npm ci, a minute or two)"
  if (cd "$ROOT" && npm ci --no-audit --no-fund) </dev/null >/tmp/bastion-npm-ci.log 2>&1; then
    ok "node modules installed"
  else
    die "npm ci failed" /tmp/bastion-npm-ci.log 40
  fi
else
  ok "node modules up to date"
fi

# ------------------------------------------------------------------------------ 6. judge images
bash "$ROOT/scripts/base-image.sh" || die "could not make the base image"
# build-images.sh prints one line per image; show only the ones that were (re)built
bash "$ROOT/scripts/build-images.sh" 2>&1 | sed -u -e '/: up to date$/d' -e 's/^/  /' ||
  die "judge images failed to build (logs: /tmp/bastion-build-*.log)"
ok "judge images ready"

