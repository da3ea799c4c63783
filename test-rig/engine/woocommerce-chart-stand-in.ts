// STAND-IN for `helm template charts/woocommerce`: the objects the chart makes that the engine's
// cluster port can see (the credentials Secret, MariaDB, WordPress, the bootstrap Job, the
// volume claims), derived from the release's values as the chart's templates do.
import {
  SECRET_KEYS,
  ADMIN_USER_KEY,
  LOGIN_KEY_SECRET_KEY,
} from '../../src-main/store-kinds/woocommerce/secrets';
import { createHash } from 'node:crypto';
import type { ChartStandIn } from './in-memory-cluster';

/** Eight hex digits that change with what the bootstrap Job does (images, versions, scripts). */
function specHash(values: Record<string, unknown>): string {
  const spec = JSON.stringify([
    at(values, ['images']),
    at(values, ['woocommerce']),
    at(values, ['bootstrap']),
    at(values, ['demoProduct']),
    at(values, ['ingress', 'host']),
  ]);
  return createHash('sha256').update(spec).digest('hex').slice(0, 8);
}

function at(values: Record<string, unknown>, path: readonly string[]): unknown {
  let v: unknown = values;
  for (const key of path) {
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  }
  return v;
}

export const woocommerceChartStandIn: ChartStandIn = (release, values) => {
  const secrets: Record<string, string> = {};
  for (const [name, key] of Object.entries(SECRET_KEYS)) {
    const value = at(values, ['secrets', name]);
    // The chart's requirePasswords refuses a release without them.
    if (typeof value !== 'string' || value === '') {
      throw new Error(`Error: execution error: secrets.${name} is required`);
    }
    secrets[key] = value;
  }
  const adminUser = at(values, ['wordpress', 'adminUser']);
  secrets[ADMIN_USER_KEY] = typeof adminUser === 'string' ? adminUser : 'admin';
  // The chart keeps the one-click login key only when the installer gives one.
  const loginKey = at(values, ['secrets', 'loginKey']);
  if (typeof loginKey === 'string' && loginKey !== '') secrets[LOGIN_KEY_SECRET_KEY] = loginKey;
  const replicas = at(values, ['store', 'stopped']) === true ? 0 : 1;
  return {
    secrets: { [`${release}-credentials`]: secrets },
    statefulSets: { [`${release}-mariadb`]: { replicas } },
    deployments: { [`${release}-wordpress`]: { replicas } },
    // Named after what the Job does, as the chart names it after a hash of its spec.
    jobs: [`${release}-bootstrap-${specHash(values)}`],
    claims: [`data-${release}-mariadb-0`, `${release}-wordpress-content`],
  };
};
