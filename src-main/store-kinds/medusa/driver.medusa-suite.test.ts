// The Medusa driver's own parts against the REAL Medusa backend (images/medusa, run natively by
// the `medusa` project): the admin email it gives a store is one Medusa accepts, and its verify
// signs in with that login and places an order paid with the system provider.
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { medusaServer } from '../../../test-rig/medusa/medusa-server';
import type { VerifyContext } from '../driver';
import { medusaDriver } from './driver';
import { medusaAdminEmail } from './values';

const server = medusaServer();

describe('the Medusa driver against a real Medusa 2.21.2 server', () => {
  it('creates its admin at <store>.localhost and verifies the store with that login', async () => {
    const email = medusaAdminEmail('drv-shop.localhost');
    expect(email).toBe('admin@drv-shop.localhost');
    const secrets = medusaDriver.generateSecrets();
    const password = secrets.adminPassword ?? '';
    // What the chart's setup Job runs, with the values the driver gives the chart.
    const setup = await execa(join(server.appDir, 'bin', 'storefleet-medusa'), ['ensure-admin'], {
      extendEnv: false,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        MEDUSA_DISABLE_TELEMETRY: 'true',
        MEDUSA_APP_DIR: server.appDir,
        DATABASE_URL: server.databaseUrl,
        MEDUSA_ADMIN_EMAIL: email,
        MEDUSA_ADMIN_PASSWORD: password,
      },
      reject: false,
      all: true,
    });
    expect(setup.exitCode).toBe(0);
    expect(setup.all ?? '').not.toContain(password);

    let kept: string | undefined;
    const checkpoints: (string | undefined)[] = [];
    const context: VerifyContext = {
      readSecrets: () => Promise.resolve({ secrets, login: { username: email, password } }),
      checkpoint: {
        get: () => kept,
        set: (id) => {
          kept = id;
          checkpoints.push(id);
        },
      },
    };
    const result = await medusaDriver.verify(
      {
        url: server.url,
        kube: { kubeconfig: '/nonexistent/kubeconfig', context: 'nowhere' },
        namespace: 'store-drv-shop',
        service: 'drv-shop-medusa',
        servicePort: 'http',
        timeoutMs: 60_000,
      },
      context,
    );
    expect(result.message).toMatch(
      /^Order #\d+ placed with the system payment provider \(pending\)$/,
    );
    expect(result.status).toBe('pending');
    expect(result.learned?.['publishableKey']).toMatch(/^pk_[A-Za-z0-9]+$/);
    // The cart was kept while the order was placed, and let go once it existed.
    expect(checkpoints[0]).toMatch(/^cart_/);
    expect(kept).toBeUndefined();
  }, 120_000);
});
