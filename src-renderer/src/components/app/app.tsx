import * as Tooltip from '@radix-ui/react-tooltip';
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useApp } from '../../state/app-store';
import { startLiveSync } from '../../state/live-sync';
import { Banner } from '../banner/banner';
import { CreateStoreDialog } from '../create/create-store-dialog';
import { SettingsDialog } from '../settings/settings-dialog';
import { StorePage } from '../store-page/store-page';
import { StoresTable } from '../stores/stores-table';
import { StatusIconSprite } from '../ui/status-icons';
import { StatusAnnouncer } from './status-announcer';
import { TopBar } from './top-bar';

const MAX_NOTICES = 3;

export function App(): React.JSX.Element {
  const api = useApi();
  const openStoreId = useApp((s) => s.openStoreId);
  const [notices, setNotices] = useState<string[]>([]);
  const onError = useCallback(
    (message: string) =>
      setNotices((n) => [...n.filter((m) => m !== message), message].slice(-MAX_NOTICES)),
    [],
  );
  const dismiss = useCallback((i: number) => setNotices((n) => n.filter((_, j) => j !== i)), []);

  useEffect(() => startLiveSync(api, onError), [api, onError]);

  return (
    <Tooltip.Provider delayDuration={300}>
      <div className="flex h-full flex-col">
        <TopBar onError={onError} />
        <Banner notices={notices} onDismissNotice={dismiss} onError={onError} />
        <div className="flex min-h-0 flex-1">
          {/* tabIndex -1: where the focus goes when what had it is gone (see return-focus). */}
          <main tabIndex={-1} className="min-w-0 flex-1 overflow-hidden outline-none">
            <StoresTable onError={onError} />
            <StatusAnnouncer />
          </main>
          {openStoreId ? <StorePage key={openStoreId} storeId={openStoreId} /> : null}
        </div>
      </div>
      <CreateStoreDialog />
      <SettingsDialog />
      <StatusIconSprite />
    </Tooltip.Provider>
  );
}
