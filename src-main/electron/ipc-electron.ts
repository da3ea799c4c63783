import type { IpcMainInvokeEvent } from 'electron';
import type { IpcEnvelope } from '../../src-shared/ipc/contract';
import { INVOKE_METHODS, invokeChannel } from '../../src-shared/ipc/contract';
import type { Dispatch } from '../ipc/dispatch';
import { isTrustedSender } from './sender-check';

/** The part of ipcMain used here, so registration can be exercised without Electron. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, arg: unknown) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

const FORBIDDEN: IpcEnvelope<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This page may not use Storefleet.' },
};

/**
 * Registers one handler per contract method. Every call is checked against the app's own
 * renderer URL and top frame, so an iframe or a page navigated elsewhere gets nothing.
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  expectedUrl: string,
): () => void {
  for (const method of INVOKE_METHODS) {
    ipcMain.handle(invokeChannel(method), async (event, arg) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isTrustedSender(frame.url, expectedUrl)) {
        return FORBIDDEN;
      }
      return dispatch(method, arg);
    });
  }
  return () => {
    for (const method of INVOKE_METHODS) ipcMain.removeHandler(invokeChannel(method));
  };
}
