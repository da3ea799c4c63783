// `storefleet-medusa ensure-admin`: the store's admin user from MEDUSA_ADMIN_EMAIL and
// MEDUSA_ADMIN_PASSWORD. Nothing to do when the user exists, so the setup Job can run again.
// The password is never printed.
import { writeFile } from 'node:fs/promises';
import type { ExecArgs } from '@medusajs/framework/types';
import { ContainerRegistrationKeys, Modules } from '@medusajs/framework/utils';
import { createUserAccountWorkflow } from '@medusajs/medusa/core-flows';

const PROVIDER = 'emailpass';

export default async function ensureAdmin({ container }: ExecArgs): Promise<void> {
  const email = process.env.MEDUSA_ADMIN_EMAIL ?? '';
  const password = process.env.MEDUSA_ADMIN_PASSWORD ?? '';
  if (!email || !password) {
    throw new Error('MEDUSA_ADMIN_EMAIL and MEDUSA_ADMIN_PASSWORD must both be set.');
  }
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER);
  const users = container.resolve(Modules.USER);
  const auth = container.resolve(Modules.AUTH);

  if ((await users.listUsers({ email })).length > 0) {
    logger.info(`The admin user ${email} already exists.`);
    await reportSuccess();
    return;
  }

  // A run cut short between the sign-in identity and the user leaves the identity: reuse it
  // with the password given now.
  const identities = await auth.listProviderIdentities({ entity_id: email, provider: PROVIDER });
  let authIdentityId = identities[0]?.auth_identity_id ?? undefined;
  if (authIdentityId) {
    const { success, error } = await auth.updateProvider(PROVIDER, { entity_id: email, password });
    if (!success)
      throw new Error(`Setting the admin password failed: ${error ?? 'no reason given'}`);
  } else {
    const { success, authIdentity, error } = await auth.register(PROVIDER, {
      body: { email, password },
    });
    if (!success || !authIdentity) {
      throw new Error(`Registering the admin sign-in failed: ${error ?? 'no reason given'}`);
    }
    authIdentityId = authIdentity.id;
  }

  await createUserAccountWorkflow(container).run({
    input: { authIdentityId, userData: { email } },
  });
  logger.info(`Created the admin user ${email}.`);
  await reportSuccess();
}

/** bin/storefleet-medusa reads this: `medusa exec` can exit 0 without running the script. */
async function reportSuccess(): Promise<void> {
  const file = process.env.STOREFLEET_ENSURE_ADMIN_RESULT;
  if (file) await writeFile(file, 'ok');
}
