import { describe, expect, it } from 'vitest';
import type { StorefleetApi } from './contract';
import { INVOKE_METHODS } from './contract';
import { bridgeSafe, fromBridge, fromBridgeError } from './bridge-errors';
import { IpcError } from './ipc-error';

// Stand-in for what contextBridge does to a rejection: an Error keeps only its message, a plain
// object is structurally copied.
function acrossContextBridge(reason: unknown): unknown {
  if (reason instanceof Error) return new Error(reason.message);
  return structuredClone(reason);
}

function apiRejectingWith(error: unknown): StorefleetApi {
  const api = { on: () => () => undefined } as unknown as Record<string, unknown>;
  api.getSettings = () => Promise.reject(error instanceof Error ? error : new Error('x'));
  for (const m of INVOKE_METHODS) if (m !== 'getSettings') api[m] = () => Promise.resolve(null);
  return api as unknown as StorefleetApi;
}

describe('errors across the contextBridge (contextBridge stand-in)', () => {
  it('keeps code and details through a bridge that drops Error properties', async () => {
    const preloadSide = bridgeSafe(
      apiRejectingWith(new IpcError('not-ready', 'Store shop is Provisioning.', { step: 'helm' })),
    );
    const bridged = await preloadSide.getSettings({}).then(
      () => null,
      (reason: unknown) => acrossContextBridge(reason),
    );
    const error = fromBridgeError(bridged);
    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({
      code: 'not-ready',
      message: 'Store shop is Provisioning.',
      details: { step: 'helm' },
    });
  });

  it('re-creates IpcErrors on the renderer side of the bridge', async () => {
    const pageSide = fromBridge(bridgeSafe(apiRejectingWith(new IpcError('conflict', 'Busy.'))));
    await expect(pageSide.getSettings({})).rejects.toMatchObject({
      code: 'conflict',
      message: 'Busy.',
    });
    await expect(pageSide.listContexts({})).resolves.toBeNull();
  });

  it('turns anything else into internal without its stack', () => {
    expect(fromBridgeError({ code: 'not-ready', message: 'untagged' })).toMatchObject({
      code: 'internal',
    });
    expect(fromBridgeError(new Error('Error invoking remote method'))).toMatchObject({
      code: 'internal',
    });
    expect(fromBridgeError('text')).toMatchObject({ code: 'internal' });
  });
});
