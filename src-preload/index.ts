// Sandboxed preload: bundled to CommonJS and may only require `electron` at run time.
import { contextBridge, ipcRenderer } from 'electron';
import { bridgeSafe } from '../src-shared/ipc/bridge-errors';
import { buildApi } from './build-api';

contextBridge.exposeInMainWorld(
  'storefleet',
  bridgeSafe(
    buildApi({
      invoke: (channel, arg) => ipcRenderer.invoke(channel, arg),
      on: (channel, listener) => ipcRenderer.on(channel, listener),
      off: (channel, listener) => ipcRenderer.off(channel, listener),
    }),
  ),
);
