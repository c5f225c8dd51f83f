#!/bin/sh
# Entrypoint of the Bastion app image (api, worker, migrate).
#
# Started as root, it runs the command as the unprivileged user "bastion". When a Docker socket
# is mounted (the worker), "bastion" also gets the socket's group, whatever its number is on this
# host, so nobody has to look up the docker group id. Started as any other user, it just runs the
# command. It refuses to start while a secret still holds the example file's CHANGE-ME placeholder.
set -eu

for v in BASTION_JWT_SECRET BASTION_WEBHOOK_SECRET BASTION_ADMIN_PASSWORD BASTION_DB_PASSWORD; do
  eval "val=\${$v:-}"
  case "$val" in
    *CHANGE-ME*)
      echo "bastion: $v still holds the placeholder from deploy/bastion.env.example; set a real value in .env" >&2
      exit 1
      ;;
  esac
done

if [ "$(id -u)" = 0 ]; then
  sock=/var/run/docker.sock
  case "${DOCKER_HOST:-}" in unix://*) sock="${DOCKER_HOST#unix://}" ;; esac
  if [ -S "$sock" ]; then
    exec setpriv --reuid=bastion --regid=bastion --groups="$(stat -c %g "$sock")" -- "$@"
  fi
  exec setpriv --reuid=bastion --regid=bastion --clear-groups -- "$@"
fi
exec "$@"
