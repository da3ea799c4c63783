#!/bin/bash
# Brings a fresh store to a sellable state: WordPress installed, WooCommerce at the pinned
# version, storefront open, Cash on Delivery, one demo product, pretty permalinks.
# Every step looks before it changes anything, so the Job can run again after an upgrade,
# a rollback or a retry without harm. Secrets come from the environment and are never printed.
set -euo pipefail

step="start"
on_exit() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then echo "failed at step: ${step} (exit ${rc})" >&2; fi
}
trap on_exit EXIT
begin() {
  step="$1"
  echo "step: ${step}"
}
wp() { command wp --path=/var/www/html --no-color "$@"; }

begin check-environment
for var in WORDPRESS_DB_HOST WORDPRESS_DB_USER WORDPRESS_DB_NAME WORDPRESS_DB_PASSWORD \
  WORDPRESS_ADMIN_USER WORDPRESS_ADMIN_PASSWORD WORDPRESS_ADMIN_EMAIL SITE_URL SITE_TITLE \
  WOOCOMMERCE_VERSION DEMO_PRODUCT_SKU DEMO_PRODUCT_NAME DEMO_PRODUCT_PRICE DATABASE_WAIT_SECONDS; do
  if [ -z "${!var:-}" ]; then
    echo "missing environment variable ${var}" >&2
    exit 1
  fi
done
# An order of a free product is completed at once without any payment, so the order that
# proves the store works would not go through Cash on Delivery.
if ! [[ "$DEMO_PRODUCT_PRICE" =~ ^[0-9]+\.[0-9]{2}$ ]] || [[ "$DEMO_PRODUCT_PRICE" =~ ^0+\.00$ ]]; then
  echo "DEMO_PRODUCT_PRICE must be a price of at least 0.01 such as 10.00" >&2
  exit 1
fi

begin wait-for-database
deadline=$(($(date +%s) + DATABASE_WAIT_SECONDS))
# mysqli in PHP rather than the mysql client: no password on a command line, and no
# dependence on the client's TLS defaults. The PHP is single-quoted on purpose.
# shellcheck disable=SC2016
until php -r 'mysqli_report(MYSQLI_REPORT_OFF);
  $c = @mysqli_connect(getenv("WORDPRESS_DB_HOST"), getenv("WORDPRESS_DB_USER"),
    getenv("WORDPRESS_DB_PASSWORD"), getenv("WORDPRESS_DB_NAME"));
  exit($c ? 0 : 1);'; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "database ${WORDPRESS_DB_HOST} not reachable after ${DATABASE_WAIT_SECONDS}s" >&2
    exit 1
  fi
  sleep 3
done
echo "database ${WORDPRESS_DB_HOST} is reachable"

begin install-wordpress
if wp core is-installed 2>/dev/null; then
  echo "WordPress is already installed"
else
  # --prompt reads the password from stdin, keeping it off the process list and out of logs.
  printf '%s\n' "$WORDPRESS_ADMIN_PASSWORD" |
    wp core install --url="$SITE_URL" --title="$SITE_TITLE" \
      --admin_user="$WORDPRESS_ADMIN_USER" --admin_email="$WORDPRESS_ADMIN_EMAIL" \
      --skip-email --prompt=admin_password >/dev/null
  echo "WordPress installed at ${SITE_URL}"
fi

begin install-woocommerce
current=""
if wp plugin is-installed woocommerce; then
  current="$(wp plugin get woocommerce --field=version)"
fi
if [ "$current" = "$WOOCOMMERCE_VERSION" ]; then
  echo "WooCommerce ${current} is already installed"
else
  wp plugin install woocommerce --version="$WOOCOMMERCE_VERSION" --force
fi

begin activate-woocommerce
if wp plugin is-active woocommerce; then
  echo "WooCommerce is already active"
else
  wp plugin activate woocommerce
fi

# After an image bump WordPress core may be newer than its tables; a no-op when they match.
begin update-wordpress-database
wp core update-db

# After a WooCommerce version change, its pending database updates; a no-op when there are none.
begin update-woocommerce-database
wp wc update

begin store-settings
wp option update woocommerce_coming_soon no
wp option update woocommerce_store_pages_only no
# WooCommerce 10.2 refuses the older woocommerce_task_list_hidden and
# woocommerce_extended_task_list_hidden options; this one hides both task lists.
wp option update woocommerce_task_list_hidden_lists '["setup","extended"]' --format=json
wp option update woocommerce_onboarding_profile '{"skipped":true}' --format=json

begin cash-on-delivery
wp option update woocommerce_cod_settings --format=json \
  '{"enabled":"yes","title":"Cash on delivery","description":"Pay with cash upon delivery.","instructions":"Pay with cash upon delivery.","enable_for_methods":[],"enable_for_virtual":"yes"}'

begin demo-product
wp eval-file "${SCRIPTS_DIR:-/scripts}/demo-product.php"

begin permalinks
wp rewrite structure '/%postname%/'

begin "done"
echo "bootstrap complete"
