#!/usr/bin/env bash
# For a machine that cannot pull from a registry: builds local stand-ins for the three images
# docker-compose.yml otherwise pulls, all FROM the local Debian base (scripts/base-image.sh):
#
#   bastion-node:<major>   instead of node:20-bookworm-slim  (the host's own node binary, npm and
#                          node headers (include/node), and the host's CA bundle BASTION_CA_BUNDLE, by default
#                          /etc/ssl/certs/ca-certificates.crt, so npm trusts what the host trusts)
#   bastion-postgres:15    instead of postgres:15            (Debian's postgresql-15)
#   bastion-redis:7        instead of redis:7                (Debian's redis-server)
#
# and prints the lines to put in .env. Docker's layer cache makes a second run take seconds.
#
#   bash deploy/make-local-images.sh
#   BASTION_BASE_IMAGE=debian:bookworm-slim bash deploy/make-local-images.sh
set -euo pipefail
DEPLOY="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BASE="${BASTION_BASE_IMAGE:-bastion-base:bookworm}"

if ! docker image inspect "$BASE" >/dev/null 2>&1; then
  echo "base image $BASE not found: run scripts/base-image.sh first" >&2
  exit 1
fi

# build <tag> <context> : quiet unless it fails
build() {
  local tag="$1" ctx="$2" log t0=$SECONDS
  log="/tmp/bastion-build-$(echo "$tag" | tr ':/' '--').log"
  if docker build --build-arg "BASE_IMAGE=$BASE" -t "$tag" "$ctx" >"$log" 2>&1; then
    echo "$tag: built in $((SECONDS - t0))s (log: $log)"
  else
    echo "$tag: BUILD FAILED (log: $log)" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
}

# --- node: the host's node binary (must be a glibc build, Node >= 20) and the npm next to it
node_bin="$(readlink -f "$(command -v node)")" || { echo "node not found on this host" >&2; exit 1; }
major="$("$node_bin" -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 20 ]; then echo "host node is $("$node_bin" -v); Bastion needs >= 20" >&2; exit 1; fi
if ldd "$node_bin" 2>&1 | grep -q musl; then echo "host node is a musl build; need glibc" >&2; exit 1; fi
npm_dir="$(npm root -g 2>/dev/null)/npm"
[ -f "$npm_dir/bin/npm-cli.js" ] || { echo "npm not found next to node ($npm_dir)" >&2; exit 1; }
# node's headers, for node-gyp (NodeSource: /usr/include/node; official tarball: <prefix>/include/node)
headers=""
for d in "$(dirname "$(dirname "$node_bin")")/include/node" /usr/include/node /usr/local/include/node; do
  if [ -f "$d/common.gypi" ] && [ -f "$d/node_version.h" ]; then headers="$d"; break; fi
done
[ -n "$headers" ] || { echo "node's headers (include/node/common.gypi) not found on this host" >&2; exit 1; }
ctx="$(mktemp -d /tmp/bastion-node-ctx.XXXXXX)"
trap 'rm -rf "$ctx"' EXIT
cp "$node_bin" "$ctx/node"
cp -a "$npm_dir" "$ctx/npm"
mkdir -p "$ctx/include"
cp -a "$headers" "$ctx/include/node"
cp "$DEPLOY/node/Dockerfile" "$ctx/Dockerfile"
ca="${BASTION_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}"
if [ -f "$ca" ]; then cp "$ca" "$ctx/ca-certificates.crt"; else : >"$ctx/ca-certificates.crt"; fi
NODE_TAG="bastion-node:$major"
build "$NODE_TAG" "$ctx"

build bastion-postgres:15 "$DEPLOY/postgres"
build bastion-redis:7 "$DEPLOY/redis"

cat <<EOT

Put these lines in .env (next to docker-compose.yml):
BASTION_NODE_IMAGE=$NODE_TAG
BASTION_POSTGRES_IMAGE=bastion-postgres:15
BASTION_REDIS_IMAGE=bastion-redis:7
EOT
