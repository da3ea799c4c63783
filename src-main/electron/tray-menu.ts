// What the tray menu shows, as plain data: the current context, its stores with their status
// (each opens in the browser when it can), Create a store, Open Storefleet and Quit. Built without
// Electron so it is tested in plain Node; tray.ts turns it into a Menu.
import type { Store } from '../../src-shared/types/store-types';

export type TrayAction =
  | { action: 'open-store'; storeId: string }
  | { action: 'create-store' }
  | { action: 'show-window' }
  | { action: 'quit' };

export interface TrayItem {
  label: string;
  enabled: boolean;
  /** what a click does; none for a heading or a separator */
  run?: TrayAction;
  separator?: boolean;
}

const OPENABLE: ReadonlySet<Store['status']> = new Set(['Ready', 'Updating']);
const MAX_STORES = 15;

export function trayMenuItems(input: {
  context: string | null;
  /** the current context's stores, or null when they could not be read */
  stores: readonly Store[] | null;
}): TrayItem[] {
  const items: TrayItem[] = [];
  const separator = (): void => void items.push({ label: '', enabled: false, separator: true });
  items.push({
    label: input.context ? `Context: ${input.context}` : 'No Kubernetes context chosen',
    enabled: false,
  });
  if (input.context) {
    if (input.stores === null) {
      items.push({ label: 'The stores could not be read.', enabled: false });
    } else if (input.stores.length === 0) {
      items.push({ label: 'No stores yet', enabled: false });
    } else {
      const sorted = [...input.stores].sort((a, b) => a.name.localeCompare(b.name));
      for (const store of sorted.slice(0, MAX_STORES)) {
        const openable = OPENABLE.has(store.status) || store.adminAvailable === true;
        items.push({
          label: `${store.name} — ${store.status}`,
          enabled: openable,
          ...(openable ? { run: { action: 'open-store' as const, storeId: store.id } } : {}),
        });
      }
      if (sorted.length > MAX_STORES) {
        items.push({
          label: `${sorted.length - MAX_STORES} more in the window`,
          enabled: true,
          run: { action: 'show-window' },
        });
      }
    }
  }
  separator();
  items.push({
    label: 'Create a store…',
    enabled: input.context !== null,
    run: { action: 'create-store' },
  });
  items.push({ label: 'Open Storefleet', enabled: true, run: { action: 'show-window' } });
  separator();
  items.push({ label: 'Quit Storefleet', enabled: true, run: { action: 'quit' } });
  return items;
}
