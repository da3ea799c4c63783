import { useEffect, useState } from 'react';
import type { StoreLogLine } from '../../../../src-shared/ipc/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';

/** What the page keeps: the newest lines only, so a chatty store cannot grow it for ever. */
export const MAX_LINES = 5_000;
// Main ends a subscription that is not renewed for a minute (a page that went away).
const RENEW_MS = 20_000;

export interface StoreLog {
  lines: StoreLogLine[];
  error: string | null;
  /** true once the subscription is open */
  live: boolean;
}

/** Follows a store's logs and events while the component using it is mounted. */
export function useStoreLog(storeId: string): StoreLog {
  const api = useApi();
  const [state, setState] = useState<StoreLog>({ lines: [], error: null, live: false });

  useEffect(() => {
    let id: string | null = null;
    let closed = false;
    // Lines may arrive before subscribe answers; they wait here until its id is known.
    const early = new Map<string, StoreLogLine[]>();
    const append = (lines: StoreLogLine[]) =>
      setState((s) => {
        const all = s.lines.concat(lines);
        return { ...s, lines: all.length > MAX_LINES ? all.slice(-MAX_LINES) : all };
      });
    const off = api.on('storeLog', (batch) => {
      if (batch.subscriptionId === id) append(batch.lines);
      else if (id === null)
        early.set(batch.subscriptionId, [
          ...(early.get(batch.subscriptionId) ?? []),
          ...batch.lines,
        ]);
    });
    setState({ lines: [], error: null, live: false });
    api.subscribeStoreLogs({ storeId }).then(
      ({ subscriptionId }) => {
        if (closed) {
          void api.unsubscribeStoreLogs({ subscriptionId }).catch(() => undefined);
          return;
        }
        id = subscriptionId;
        setState((s) => ({ ...s, live: true }));
        append(early.get(subscriptionId) ?? []);
        early.clear();
      },
      (error: unknown) => {
        if (!closed) setState((s) => ({ ...s, error: errorMessage(error) }));
      },
    );
    const renew = setInterval(() => {
      if (!id) return;
      api.renewStoreLogs({ subscriptionId: id }).then(
        ({ active }) => {
          // Main let it go (too many open, or the page slept past its lease).
          if (!active && !closed) {
            setState((s) => ({
              ...s,
              live: false,
              error: 'The logs stopped following. Open the Logs tab again to follow them.',
            }));
          }
        },
        () => undefined,
      );
    }, RENEW_MS);
    return () => {
      closed = true;
      clearInterval(renew);
      off();
      if (id) void api.unsubscribeStoreLogs({ subscriptionId: id }).catch(() => undefined);
    };
  }, [api, storeId]);

  return state;
}
