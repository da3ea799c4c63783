/// <reference types="vite/client" />
import type { StorefleetApi } from '../../src-shared/ipc/contract';
import type { BenchHook } from './bench/bench-hook';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the page is served by the browser transport. */
    storefleet?: StorefleetApi;
    /** Only under `?bench`: see bench/bench-hook.ts. */
    storefleetBench?: BenchHook;
  }
}

export {};
