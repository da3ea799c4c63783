// Storefleet's Medusa backend, configured only from the environment the chart (or the test rig)
// sets. Every variable is listed in images/medusa/README.md.
import { defineConfig } from '@medusajs/framework/utils';

type WorkerMode = 'shared' | 'worker' | 'server';

function workerMode(value: string | undefined): WorkerMode {
  if (value === undefined || value === '') return 'shared';
  if (value === 'shared' || value === 'worker' || value === 'server') return value;
  throw new Error(`MEDUSA_WORKER_MODE must be shared, worker or server, not "${value}".`);
}

const env = process.env;

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: env.DATABASE_URL,
    workerMode: workerMode(env.MEDUSA_WORKER_MODE),
    http: {
      storeCors: env.STORE_CORS ?? '',
      adminCors: env.ADMIN_CORS ?? '',
      authCors: env.AUTH_CORS ?? '',
      // Medusa refuses to start in production mode without them.
      jwtSecret: env.JWT_SECRET,
      cookieSecret: env.COOKIE_SECRET,
    },
    // In production mode Medusa marks the session cookie Secure and sends none over plain http,
    // so the dashboard could not sign in at http://<store>.localhost. MEDUSA_COOKIE_SECURE=false
    // is for that local case only; production values keep the default (true).
    cookieOptions: env.MEDUSA_COOKIE_SECURE === 'false' ? { secure: false } : {},
  },
  admin: {
    // The dashboard is built into the image; MEDUSA_ADMIN_DISABLED=true turns it off at runtime
    // (and lets the tests run the server without building it).
    disable: env.MEDUSA_ADMIN_DISABLED === 'true',
    backendUrl: env.MEDUSA_BACKEND_URL || '/',
  },
});
