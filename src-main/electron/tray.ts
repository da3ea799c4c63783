// The tray icon: the current context, its stores with status (click opens one), Create a store
// (shows the window, which opens the create dialog), Open Storefleet, Quit. The menu is rebuilt
// when a store or the context list changes; its contents come from tray-menu.ts.
import { Menu, Tray, nativeImage } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import type { AppServices } from '../ipc/services';
import type { Store } from '../../src-shared/types/store-types';
import { openStore } from '../ipc/open-store';
import { trayMenuItems } from './tray-menu';
import type { TrayAction } from './tray-menu';

// A 16×16 blue square: the app ships no icon file yet.
const FALLBACK_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAG0lEQVR4nGNgGD5ANfn1f1LwqAGjBtDGgKELAHlFJYDKTZeKAAAAAElFTkSuQmCC';

export interface TrayDeps {
  services: AppServices;
  /** a PNG for the tray; a plain 16×16 square when absent */
  iconFile?: string;
  showWindow: () => void;
  createStore: () => void;
  quit: () => void;
  log: (line: string) => void;
}

export function createTray(deps: TrayDeps): () => void {
  const fromFile = deps.iconFile ? nativeImage.createFromPath(deps.iconFile) : null;
  const icon =
    fromFile && !fromFile.isEmpty() ? fromFile : nativeImage.createFromDataURL(FALLBACK_ICON);
  const tray = new Tray(icon);
  tray.setToolTip('Storefleet');

  const run = (action: TrayAction): void => {
    switch (action.action) {
      case 'open-store':
        openStore(deps.services, { storeId: action.storeId, target: 'storefront' }).catch(
          (error: unknown) =>
            deps.log(
              `opening a store from the tray failed: ${error instanceof Error ? error.message : 'unknown error'}`,
            ),
        );
        return;
      case 'create-store':
        deps.createStore();
        return;
      case 'show-window':
        deps.showWindow();
        return;
      case 'quit':
        deps.quit();
    }
  };

  const rebuild = async (): Promise<void> => {
    const { selected } = await deps.services.contexts.list();
    const stores = ((): Store[] | null => {
      try {
        return selected ? deps.services.stores.list(selected) : [];
      } catch {
        return null;
      }
    })();
    const template: MenuItemConstructorOptions[] = trayMenuItems({ context: selected, stores }).map(
      (item) =>
        item.separator
          ? { type: 'separator' }
          : {
              label: item.label,
              enabled: item.enabled,
              ...(item.run ? { click: () => run(item.run as TrayAction) } : {}),
            },
    );
    if (!tray.isDestroyed()) tray.setContextMenu(Menu.buildFromTemplate(template));
  };
  let timer: NodeJS.Timeout | null = null;
  // Many store updates arrive together while stores are made; one rebuild per half second.
  const schedule = (): void => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      rebuild().catch((error: unknown) =>
        deps.log(
          `the tray menu could not be built: ${error instanceof Error ? error.message : 'unknown error'}`,
        ),
      );
    }, 500);
  };
  const offs = [
    deps.services.stores.onStoreUpdated(schedule),
    deps.services.contexts.onChange(schedule),
  ];
  schedule();
  return () => {
    if (timer) clearTimeout(timer);
    for (const off of offs) off();
    tray.destroy();
  };
}
