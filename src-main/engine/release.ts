import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import type { StoreSettings } from '../db/store-repository';
import type { StoreSecrets } from '../store-kinds/driver';
import { STDIN_VALUES, type UpgradeInstallOptions } from '../tools/helm';
import { isToolError } from '../tools/tool-error';
import { readStoreSecretData } from './credentials';
import { throwIfAborted, type OpContext } from './op-context';
import { settingsExtra } from './store-settings';
import { deepMerge, sweepLegacyValuesFolders } from './values-file';

const PENDING = /^pending-/;
const SETTLE_POLL_MS = 1_000;

/**
 * The store's passwords: the ones already in its Secret when there is one, so re-running an
 * install (after a crash, or an upgrade) never rotates them; fresh ones otherwise.
 */
export async function storeSecrets(ctx: OpContext): Promise<StoreSecrets> {
  const data = await readStoreSecretData(ctx.cluster, ctx.driver, ctx.ref, ctx.redactor);
  const secrets = data ? ctx.driver.secretsFromSecretData(data) : ctx.driver.generateSecrets();
  ctx.redactor.remember(ctx.store.id, Object.values(secrets));
  return secrets;
}

/**
 * A Helm run that was killed (app crash, quit) leaves its release pending, and Helm refuses any
 * further operation on it. The orphaned Helm may still finish, so give it a moment; then undo
 * the half-done operation so the install can run again.
 */
async function settlePendingRelease(ctx: OpContext, release: string): Promise<number | null> {
  const ns = ctx.store.namespace;
  const deadline = Date.now() + ctx.timeouts.pendingReleaseMs;
  let status = await ctx.cluster.helm.status(release, ns);
  while (status && PENDING.test(status.status) && Date.now() < deadline) {
    throwIfAborted(ctx.signal);
    await sleep(SETTLE_POLL_MS, undefined, { signal: ctx.signal }).catch(() => undefined);
    status = await ctx.cluster.helm.status(release, ns);
  }
  throwIfAborted(ctx.signal);
  if (!status || !PENDING.test(status.status)) return status?.revision ?? null;
  const history = await ctx.cluster.helm.history(release, ns);
  const good = history
    .filter((r) => r.revision < status.revision && /^(deployed|superseded)$/.test(r.status))
    .sort((a, b) => b.revision - a.revision)[0];
  const o = { timeoutMs: ctx.timeouts.helmMs, signal: ctx.signal };
  if (good) {
    await ctx.cluster.helm.rollback(release, ns, good.revision, o);
    return status.revision + 1;
  }
  await ctx.cluster.helm.uninstall(release, ns, o);
  return null;
}

/**
 * helm upgrade --install with the kind's values file and the per-store values built
 * from the store's whole settings, so a run never drops what an earlier run set.
 */
export async function installRelease(
  ctx: OpContext,
  settings: StoreSettings,
  o: {
    /** no Helm run of this store can have started before (no release to settle or count) */
    firstInstall?: boolean;
  } = {},
): Promise<number> {
  sweepLegacyValuesOnce();
  const extra = settingsExtra(settings);
  const release = ctx.driver.releaseName(ctx.ref);
  // Read before settling: undoing a pending install deletes the Secret the data volume still trusts.
  const secrets = await storeSecrets(ctx);
  for (let attempt = 1; ; attempt++) {
    try {
      // Asking Helm about a release that cannot exist costs a process; a race says otherwise.
      const fresh = o.firstInstall === true && attempt === 1;
      return await upgradeInstall(ctx, release, secrets, extra, fresh);
    } catch (error) {
      // An orphaned Helm (from a killed run) may create the release between our look and our
      // install; settle on what it did and go again.
      if (attempt >= RACE_ATTEMPTS || !isHelmRace(error)) throw error;
      throwIfAborted(ctx.signal);
    }
  }
}

let legacySwept = false;

/** Once per process, before its first Helm run: earlier versions' leftover values folders go. */
function sweepLegacyValuesOnce(): void {
  if (legacySwept) return;
  legacySwept = true;
  // Best effort: a folder that cannot be removed now is tried again at the next start.
  sweepLegacyValuesFolders().catch(() => undefined);
}

const RACE_ATTEMPTS = 3;
const HELM_RACE =
  /release: already exists|another operation \(install\/upgrade\/rollback\) is in progress/i;

function isHelmRace(error: unknown): boolean {
  return isToolError(error) && (HELM_RACE.test(error.message) || HELM_RACE.test(error.stderrTail));
}

async function upgradeInstall(
  ctx: OpContext,
  release: string,
  secrets: StoreSecrets,
  extra: Record<string, string>,
  fresh: boolean,
): Promise<number> {
  const ns = ctx.store.namespace;
  const current = fresh ? null : await settlePendingRelease(ctx, release);
  const host = ctx.driver.host(ctx.ref, ctx.storeDomain);
  const generated = ctx.driver.buildValues({ store: ctx.ref, host, secrets, extra });
  const values = ctx.overrideValues ? deepMerge(generated, ctx.overrideValues) : generated;
  // The store's values hold its passwords: Helm reads them from its standard input, so no
  // file with them is left behind when the app is killed mid-install.
  const request: UpgradeInstallOptions = {
    release,
    namespace: ns,
    chart: ctx.driver.chartPath,
    valuesFiles: [ctx.valuesFile, STDIN_VALUES],
    valuesYaml: stringify(values),
    redact: Object.values(secrets),
    timeoutMs: ctx.timeouts.helmMs,
    signal: ctx.signal,
  };
  await ctx.cluster.helm.upgradeInstall(request);
  // Every upgrade --install adds exactly one revision; asking Helm again would cost a process.
  return (current ?? 0) + 1;
}
