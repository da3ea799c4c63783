#!/bin/sh
# Waits until PostgreSQL at $PGHOST:$PGPORT accepts connections (pg_isready, which reads PGHOST,
# PGPORT, PGUSER and PGDATABASE), for at most $WAIT_SECONDS seconds. The official image's first
# start initialises the database on a socket-only server, so a TCP answer means the real server
# is up. After the deadline it exits 1: the kubelet restarts the init container and tries again.
set -eu

: "${PGHOST:?PGHOST is required}"
port="${PGPORT:-5432}"
wait_seconds="${WAIT_SECONDS:-300}"
interval="${WAIT_INTERVAL_SECONDS:-2}"
start=$(date +%s)

while :; do
  if pg_isready --quiet --timeout=5; then
    echo "PostgreSQL at ${PGHOST}:${port} accepts connections"
    exit 0
  fi
  now=$(date +%s)
  if [ $((now - start)) -ge "$wait_seconds" ]; then
    echo "PostgreSQL at ${PGHOST}:${port} did not accept connections within ${wait_seconds} s" >&2
    exit 1
  fi
  sleep "$interval"
done
