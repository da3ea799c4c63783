#!/bin/bash
# Runs in the wordpress image (same tag as the web pods) as the www-data uid, so wp-cli
# works on exactly the WordPress core and wp-config.php the store serves, and a fresh
# wp-content volume gets the bundled themes before WordPress is installed.
set -euo pipefail

trap 'rc=$?; if [ "$rc" -ne 0 ]; then echo "failed at step: prepare-files (exit $rc)" >&2; fi' EXIT

echo "step: prepare-files"
# --skip-old-files keeps plugins and themes already on the volume; --no-overwrite-dir
# leaves the volume's mount points alone, which a non-root user may not chmod.
tar -C /usr/src/wordpress -cf - . |
  tar -C /var/www/html -xf - --skip-old-files --no-overwrite-dir
# The image's config reads database settings and salts from the environment.
cp /usr/src/wordpress/wp-config-docker.php /var/www/html/wp-config.php
echo "prepared WordPress $(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" /var/www/html/wp-includes/version.php)"
