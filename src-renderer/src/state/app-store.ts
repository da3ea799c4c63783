import { create } from 'zustand';
import type { ContextList, StoreKindInfo } from '../../../src-shared/ipc/contract';
import type { ContextProbe, ToolInfo } from '../../../src-shared/types/service-types';

export type ProbeState =
  | { state: 'checking'; last: ContextProbe | null }
  | { state: 'done'; probe: ContextProbe }
  | { state: 'error'; message: string };

export interface AppState {
  contexts: ContextList | null;
  contextsError: string | null;
  probes: Record<string, ProbeState>;
  tools: ToolInfo[] | null;
  kinds: StoreKindInfo[] | null;
  /** the store whose page is open, if any */
  openStoreId: string | null;
  createOpen: boolean;
  settingsOpen: boolean;
  setContexts: (list: ContextList) => void;
  setContextsError: (message: string | null) => void;
  setProbe: (context: string, probe: ProbeState) => void;
  setTools: (tools: ToolInfo[]) => void;
  setKinds: (kinds: StoreKindInfo[]) => void;
  openStore: (storeId: string | null) => void;
  setCreateOpen: (open: boolean) => void;
  setSettingsOpen: (open: boolean) => void;
  reset: () => void;
}

const initial = () => ({
  contexts: null,
  contextsError: null,
  probes: {},
  tools: null,
  kinds: null,
  openStoreId: null,
  createOpen: false,
  settingsOpen: false,
});

export const useApp = create<AppState>()((set) => ({
  ...initial(),
  setContexts: (contexts) => set({ contexts, contextsError: null }),
  setContextsError: (contextsError) => set({ contextsError }),
  setProbe: (context, probe) => set((s) => ({ probes: { ...s.probes, [context]: probe } })),
  setTools: (tools) => set({ tools }),
  setKinds: (kinds) => set({ kinds }),
  openStore: (openStoreId) => set({ openStoreId }),
  setCreateOpen: (createOpen) => set({ createOpen }),
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
  reset: () => set(initial()),
}));

export const selectSelectedContext = (s: AppState): string | null => s.contexts?.selected ?? null;

export function lastProbe(p: ProbeState | undefined): ContextProbe | null {
  if (!p) return null;
  if (p.state === 'done') return p.probe;
  if (p.state === 'checking') return p.last;
  return null;
}
