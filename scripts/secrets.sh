#!/usr/bin/env bash
# The deployment's secrets for `npm run up`: the JWT signing secret, the webhook signing secret and
# the first admin's password. The first run makes strong random ones (unless BASTION_JWT_SECRET,
# BASTION_WEBHOOK_SECRET or BASTION_ADMIN_PASSWORD are given in the environment) and keeps them in
# BASTION_SECRETS_FILE (default /etc/bastion/secrets.env: outside the repository, mode 0600, root
# only); later runs reuse them. No secret has a default anywhere in the code.
#
#   source scripts/secrets.sh   # exports the three variables; sets BASTION_SECRETS_NEW=1 on creation
#   bash scripts/secrets.sh     # only makes sure the file exists; prints its path
FILE="${BASTION_SECRETS_FILE:-/etc/bastion/secrets.env}"

bastion_random_secret() {
  # 32 random bytes, URL-safe base64 (43 characters)
  node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64url"))'
}

bastion_secrets() {
  BASTION_SECRETS_NEW=0
  if [ ! -s "$FILE" ]; then
    mkdir -p "$(dirname "$FILE")"
    (
      umask 077
      tmp="$(mktemp "$FILE.XXXXXX")"
      {
        echo "# Bastion's secrets, made by scripts/secrets.sh on $(date -Is). Keep this file private."
        echo "BASTION_JWT_SECRET=${BASTION_JWT_SECRET:-$(bastion_random_secret)}"
        echo "BASTION_WEBHOOK_SECRET=${BASTION_WEBHOOK_SECRET:-$(bastion_random_secret)}"
        echo "BASTION_ADMIN_PASSWORD=${BASTION_ADMIN_PASSWORD:-$(bastion_random_secret | cut -c1-20)}"
      } >"$tmp"
      mv "$tmp" "$FILE"
    ) || return 1
    BASTION_SECRETS_NEW=1
  fi
  chmod 600 "$FILE" && chown 0:0 "$FILE" 2>/dev/null || true
  local line key value
  while IFS= read -r line; do
    case "$line" in '#'* | '') continue ;; esac
    key="${line%%=*}"
    value="${line#*=}"
    case "$key" in
      BASTION_JWT_SECRET | BASTION_WEBHOOK_SECRET | BASTION_ADMIN_PASSWORD) export "$key=$value" ;;
    esac
  done <"$FILE"
  export BASTION_SECRETS_FILE="$FILE" BASTION_SECRETS_NEW
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  bastion_secrets
else
  set -euo pipefail
  bastion_secrets
  echo "$FILE"
fi
