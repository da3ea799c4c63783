#!/bin/bash
# Runs in the wordpress image (same tag as the web pods) as the www-data uid, so wp-cli
# works on exactly the WordPress core and wp-config.php the store serves, and a fresh
# wp-content volume gets the bundled themes before WordPress is installed.
# The paths default to the image's; WORDPRESS_SOURCE_DIR and WORDPRESS_TARGET_DIR override them.
set -euo pipefail

on_exit() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then echo "failed at step: prepare-files (exit ${rc})" >&2; fi
}
trap on_exit EXIT

source_dir="${WORDPRESS_SOURCE_DIR:-/usr/src/wordpress}"
target_dir="${WORDPRESS_TARGET_DIR:-/var/www/html}"

echo "step: prepare-files"
# --skip-old-files keeps every file already in the target (plugins and themes on the volume,
# and any edits to them). GNU tar refuses it together with --no-overwrite-dir; alone it
# extracts as www-data into the root-owned, group-writable volume and emptyDir.
tar -C "$source_dir" -cf - . | tar -C "$target_dir" -xf - --skip-old-files
# The image's config reads database settings, salts and WORDPRESS_CONFIG_EXTRA from the environment.
cp "${source_dir}/wp-config-docker.php" "${target_dir}/wp-config.php"
version="$(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "${target_dir}/wp-includes/version.php")"
echo "prepared WordPress ${version}"
