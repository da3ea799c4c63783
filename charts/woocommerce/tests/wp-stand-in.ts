// Stand-ins for wp-cli and php, for running the chart's real scripts under bash. WordPress,
// WooCommerce and PHP with mysqli cannot run here, so these keep a little state in a temp dir,
// log their arguments, and answer as WOOCOMMERCE-STORE-API.md says a real WooCommerce 10.2.4
// on WordPress 6.8.3 with wp-cli 2.x does.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** WordPress 6.8's database version, as `wp core update-db` reports it. */
export const WP_DB_VERSION = '60421';

const WP_STAND_IN = `#!/bin/bash
# wp-cli stand-in: just enough state for the chart scripts' decisions.
set -u
s="$WP_STANDIN_STATE"
printf '%s\\n' "$*" >> "$s/calls.log"
if [ -n "\${WP_STANDIN_FAIL:-}" ] && [[ "$*" == *"$WP_STANDIN_FAIL"* ]]; then
  echo "Error: stand-in failure for: $WP_STANDIN_FAIL" >&2
  exit 1
fi
a=()
for x in "$@"; do case "$x" in --path=*|--no-color|--format=*) ;; *) a+=("$x") ;; esac; done
need_installed() {
  if [ ! -f "$s/installed" ]; then
    echo "Error: The site you have requested is not installed." >&2
    exit 1
  fi
}
case "\${a[0]} \${a[1]:-}" in
  "core is-installed") [ -f "$s/installed" ] ;;
  "core install")
    cat > "$s/admin-password"; touch "$s/installed"
    printf '%s' "${WP_DB_VERSION}" > "$s/core-db-version"
    echo "Success: WordPress installed successfully." ;;
  "core update-db")
    need_installed
    target="\${WP_STANDIN_CORE_DB_VERSION:-${WP_DB_VERSION}}"
    current="$(cat "$s/core-db-version")"
    if [ "$current" = "$target" ]; then
      echo "Success: WordPress database already at latest db version $target."
    else
      printf '%s' "$target" > "$s/core-db-version"
      echo "Success: WordPress database upgraded successfully from db version $current to $target."
    fi ;;
  "plugin is-installed") [ -f "$s/plugin-version" ] ;;
  "plugin get") cat "$s/plugin-version" ;;
  "plugin install")
    for x in "$@"; do [[ "$x" == --version=* ]] && printf '%s' "\${x#--version=}" > "$s/plugin-version"; done
    echo "Plugin installed." ;;
  "plugin is-active") [ -f "$s/plugin-active" ] ;;
  "plugin activate") touch "$s/plugin-active"; echo "Plugin activated." ;;
  "wc update")
    # The wc commands exist only while WooCommerce is active.
    if [ ! -f "$s/plugin-active" ]; then
      echo "Error: 'wc' is not a registered wp command. See 'wp help' for available commands." >&2
      exit 1
    fi
    version="$(cat "$s/plugin-version")"
    if [ "$(cat "$s/wc-db-version" 2>/dev/null)" = "$version" ]; then
      echo "Success: No updates required. Database version is $version"
    else
      printf '%s' "$version" > "$s/wc-db-version"
      echo "Success: 1 update functions completed. Database version is $version"
    fi ;;
  "option update")
    need_installed
    # WooCommerce 10.2 treats these as deprecated: update_option returns false.
    case "\${a[2]}" in
      woocommerce_task_list_hidden|woocommerce_extended_task_list_hidden)
        echo "Error: Could not update option '\${a[2]}'." >&2
        exit 1 ;;
    esac
    mkdir -p "$s/options"
    if [ -f "$s/options/\${a[2]}" ] && [ "$(cat "$s/options/\${a[2]}")" = "\${a[3]}" ]; then
      echo "Success: Value passed for '\${a[2]}' option is unchanged."
    else
      printf '%s' "\${a[3]}" > "$s/options/\${a[2]}"
      echo "Success: Updated '\${a[2]}' option."
    fi ;;
  "eval-file "*)
    if [ -f "$s/product" ]; then echo "demo product exists"; else touch "$s/product"; echo "created demo product"; fi ;;
  "rewrite structure") printf '%s' "\${a[2]}" > "$s/permalinks" ;;
  "cron event")
    need_installed
    if [ "\${a[2]:-}" = run ] && [ "\${a[3]:-}" = --due-now ]; then
      n="$(cat "$s/due-events" 2>/dev/null || echo 0)"
      echo 0 > "$s/due-events"
      echo "Success: Executed a total of $n cron events."
    else
      echo "stand-in does not know: $*" >&2; exit 2
    fi ;;
  *) echo "stand-in does not know: $*" >&2; exit 2 ;;
esac
`;

const PHP_STAND_IN = `#!/bin/bash
# php stand-in for the database probe: the database is "up" once the state dir says so.
[ -f "$WP_STANDIN_STATE/database-up" ]
`;

export interface WpStandIn {
  /** temp dir holding bin/ and state/ */
  dir: string;
  /** the stand-in's state: marker files, options/, calls.log */
  state: string;
  /** PATH with the stand-ins first */
  path: string;
  /** every wp call so far, one line each */
  calls(): Promise<string>;
  /** the stored value of an option */
  option(name: string): Promise<string>;
  remove(): Promise<void>;
}

export async function createWpStandIn(): Promise<WpStandIn> {
  const dir = await mkdtemp(join(tmpdir(), 'storefleet-wp-stand-in-'));
  const state = join(dir, 'state');
  const bin = join(dir, 'bin');
  await mkdir(state);
  await mkdir(bin);
  await writeFile(join(bin, 'wp'), WP_STAND_IN);
  await writeFile(join(bin, 'php'), PHP_STAND_IN);
  await chmod(join(bin, 'wp'), 0o755);
  await chmod(join(bin, 'php'), 0o755);
  await writeFile(join(state, 'calls.log'), '');
  return {
    dir,
    state,
    path: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    calls: () => readFile(join(state, 'calls.log'), 'utf8'),
    option: (name) => readFile(join(state, 'options', name), 'utf8'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
