#!/usr/bin/env bash
# Makes the local base image the judge images build FROM. On a machine that can pull,
# BASTION_BASE_IMAGE=debian:bookworm-slim is used as is; otherwise debootstrap builds it.
set -euo pipefail
BASE="${BASTION_BASE_IMAGE:-bastion-base:bookworm}"
if docker image inspect "$BASE" >/dev/null 2>&1; then exit 0; fi
if [ "$BASE" != "bastion-base:bookworm" ]; then
  docker pull "$BASE"
  exit 0
fi
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
MIRROR="${BASTION_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
dir=$(mktemp -d /tmp/bastion-rootfs.XXXXXX)
trap 'rm -rf "$dir"' EXIT
echo "building base image $BASE with debootstrap (about a minute)…"
debootstrap --variant=minbase bookworm "$dir" "$MIRROR" >/tmp/bastion-debootstrap.log 2>&1 || {
  tail -20 /tmp/bastion-debootstrap.log; exit 1; }
rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
tar -C "$dir" -c . | docker import --change 'CMD ["/bin/bash"]' - "$BASE" >/dev/null
echo "base image $BASE ready"
