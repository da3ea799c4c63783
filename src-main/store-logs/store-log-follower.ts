// Everything a Logs subscription reads from one store's namespace: each container's log as it
// grows, new containers as their pods appear, and the namespace's events.
import type { CoreV1Event, KubeConfig, CoreV1Api, V1Pod } from '@kubernetes/client-node';
import type { StoreLogLine } from '../../src-shared/ipc/contract';
import { errorText } from '../kube/client';
import { containersOf } from './container-sources';
import { eventLine, sortEvents } from './event-lines';
import { followContainer } from './follow-container';
import { listAndWatch } from './watch-list';

export interface FollowStoreOptions {
  kc: KubeConfig;
  core: CoreV1Api;
  namespace: string;
  release: string;
  tailLines: number;
  /** how many of the namespace's past events to show first */
  eventTail: number;
  redact: (text: string) => string;
  onLines: (lines: StoreLogLine[]) => void;
  signal: AbortSignal;
  /**
   * Runs before a new container's log is read: the store's Secret may have been made after the
   * subscription began (a store still being created), and its values must be known first.
   */
  beforeFollow?: () => Promise<void>;
}

// Seen event versions kept for de-duplication across relists; older ones are forgotten.
const SEEN_LIMIT = 5_000;

/** Runs until the signal aborts. */
export async function followStore(o: FollowStoreOptions): Promise<void> {
  const followed = new Set<string>();
  const seenEvents = new Set<string>();
  let firstEventList = true;
  const notice = (text: string): void =>
    o.onLines([{ component: 'Events', origin: o.namespace, at: null, level: 'notice', text }]);

  const onPod = (pod: V1Pod, type: string): void => {
    if (type === 'DELETED') return;
    for (const source of containersOf(pod, o.release)) {
      const key = `${source.pod}/${source.container}/${source.restarts}`;
      if (!source.started || followed.has(key)) continue;
      followed.add(key);
      const follow = async (): Promise<void> => {
        try {
          await o.beforeFollow?.();
        } catch (error) {
          // Not knowing the store's secrets, its log is not read at all.
          followed.delete(key);
          notice(
            o.redact(
              `The log of ${source.pod}/${source.container} is not shown: ${errorText(error)}`,
            ),
          );
          return;
        }
        await followContainer(o.kc, o.namespace, source, {
          tailLines: o.tailLines,
          follow: true,
          redact: o.redact,
          onLines: o.onLines,
          signal: o.signal,
        });
      };
      void follow();
    }
  };

  const onEvent = (event: CoreV1Event): void => {
    const key = eventKey(event);
    if (seenEvents.has(key)) return;
    seenEvents.add(key);
    if (seenEvents.size > SEEN_LIMIT) {
      const oldest = seenEvents.values().next().value;
      if (oldest !== undefined) seenEvents.delete(oldest);
    }
    o.onLines([eventLine(event, o.redact)]);
  };

  // A cluster that stays away fails every retry the same way: said once, not every 2 s.
  const lastReport = new Map<string, string>();
  const report = (what: string) => (error: unknown) => {
    const text = o.redact(`Watching the store's ${what} stopped for a moment: ${errorText(error)}`);
    if (lastReport.get(what) === text) return;
    lastReport.set(what, text);
    notice(text);
  };

  await Promise.all([
    listAndWatch<V1Pod>(o.kc, {
      path: `/api/v1/namespaces/${o.namespace}/pods`,
      list: async () => {
        const list = await o.core.listNamespacedPod({ namespace: o.namespace });
        return { items: list.items, resourceVersion: list.metadata?.resourceVersion };
      },
      onItem: onPod,
      signal: o.signal,
      onError: report('pods'),
    }),
    listAndWatch<CoreV1Event>(o.kc, {
      path: `/api/v1/namespaces/${o.namespace}/events`,
      list: async () => {
        const list = await o.core.listNamespacedEvent({ namespace: o.namespace });
        // Only the last events at first; after a relist every one not seen yet.
        const items = sortEvents(list.items);
        const shown = firstEventList ? items.slice(-o.eventTail) : items;
        if (firstEventList) {
          for (const e of items) if (!shown.includes(e)) seenEvents.add(eventKey(e));
        }
        firstEventList = false;
        return { items: shown, resourceVersion: list.metadata?.resourceVersion };
      },
      onItem: (event, type) => {
        if (type !== 'DELETED') onEvent(event);
      },
      signal: o.signal,
      onError: report('events'),
    }),
  ]);
}

function eventKey(e: CoreV1Event): string {
  return `${e.metadata.uid ?? ''}:${e.metadata.resourceVersion ?? ''}`;
}
