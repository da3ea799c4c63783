import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('storefleet', {});
