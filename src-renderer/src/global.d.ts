/// <reference types="vite/client" />
import type { StorefleetApi } from '../../src-main/ipc/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the page is served by the browser transport. */
    storefleet?: StorefleetApi;
  }
}

export {};
