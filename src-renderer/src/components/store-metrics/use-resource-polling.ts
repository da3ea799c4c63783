// Asks main for resource figures now and every 10 s while the component that uses it is shown
// and the window is visible; a hidden window asks nothing and asks at once when it comes back.
import { useEffect } from 'react';
import { useApi } from '../../api/api-context';
import { useResources } from './resources-store';

export const RESOURCE_POLL_MS = 10_000;

export function useResourcePolling(context: string | null, storeId?: string): void {
  const api = useApi();
  useEffect(() => {
    if (!context) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let busy = false;
    const ask = (): void => {
      clearTimeout(timer);
      if (stopped || busy || document.visibilityState === 'hidden') return;
      busy = true;
      api
        .storeResources(storeId === undefined ? { context } : { context, storeId })
        .then((result) => {
          if (!stopped) useResources.getState().receive(context, result);
        })
        // a failed read leaves the last figures; the next one may answer
        .catch(() => undefined)
        .finally(() => {
          busy = false;
          if (!stopped) timer = setTimeout(ask, RESOURCE_POLL_MS);
        });
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'visible') ask();
    };
    ask();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [api, context, storeId]);
}
