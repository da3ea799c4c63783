import { useEffect } from 'react';
import { useApi } from '../../api/api-context';
import { useDbForwards } from './forward-state';

/**
 * Main closes a forward its page stops asking for after three minutes; the page asks this often
 * (a browser may run a hidden tab's timers only once a minute).
 */
export const DATABASE_RENEW_MS = 20_000;

/**
 * Rendered by the store page outside its tabs: while the page shows a Ready store, it keeps the
 * store's database forward open (asking main again every DATABASE_RENEW_MS); when the page
 * closes, switches store, or the store leaves Ready, it closes the forward.
 */
export function DatabaseForwardKeeper({
  storeId,
  ready,
}: {
  storeId: string;
  ready: boolean;
}): null {
  const api = useApi();
  const connection = useDbForwards((s) => s.byStore[storeId]);
  const held = connection !== undefined;

  useEffect(() => {
    if (!held) return;
    const timer = setInterval(() => {
      api.connectStoreDatabase({ storeId }).then(
        (renewed) => {
          if (useDbForwards.getState().byStore[storeId])
            useDbForwards.getState().set(storeId, renewed);
        },
        () => useDbForwards.getState().set(storeId, null),
      );
    }, DATABASE_RENEW_MS);
    return () => clearInterval(timer);
  }, [api, storeId, held]);

  useEffect(() => {
    if (!ready) return;
    return () => {
      if (!useDbForwards.getState().byStore[storeId]) return;
      useDbForwards.getState().set(storeId, null);
      api.disconnectStoreDatabase({ storeId }).catch(() => undefined);
    };
  }, [api, storeId, ready]);

  return null;
}
