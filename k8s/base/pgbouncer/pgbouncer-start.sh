#!/bin/sh
# Starts PgBouncer (database/pgbouncer.ini) as the container's one process, after writing the file
# it authenticates clients with from the environment: each service's role and password (the same
# variables database/init.sql reads), and the superuser's for the admin console. The passwords are
# never written to an image or a repository file; the file lives in the container's /tmp, readable
# by PgBouncer's user only.
set -eu
umask 077
users=/tmp/pgbouncer-users.txt
: > "$users"
entry() {
  [ -n "$2" ] || { echo "pgbouncer-start: no password for $1" >&2; exit 1; }
  # The auth_file format: "name" "password", a quote inside doubled.
  printf '"%s" "%s"\n' "$1" "$(printf '%s' "$2" | sed 's/"/""/g')" >> "$users"
}
entry catalog_service "${CATALOG_DB_PASSWORD:-}"
entry user_service "${USERS_DB_PASSWORD:-}"
entry order_service "${ORDERS_DB_PASSWORD:-}"
entry postgres "${POSTGRES_PASSWORD:-}"
exec pgbouncer "${1:-/etc/pgbouncer/pgbouncer.ini}"
