#!/bin/bash
# Runs WordPress's due scheduled events (WP-Cron) from the store's CronJob. WordPress's own
# trigger on page loads is off (DISABLE_WP_CRON): it would call the store's public URL, which
# the store's network policy does not let it reach.
set -euo pipefail

wp() { command wp --path="${WORDPRESS_PATH:-/var/www/html}" --no-color "$@"; }

# The CronJob starts with the store, before the bootstrap Job has installed WordPress; that
# run, and one while the database is down (wp-cli says so on stderr), waits for the next.
if ! wp core is-installed; then
  echo "WordPress is not installed yet, or its database does not answer; no events run"
  exit 0
fi
wp cron event run --due-now
