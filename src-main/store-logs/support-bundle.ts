// The support bundle: one JSON file a person can attach to a question. JSON rather than a
// .tar.gz because it is one text file that opens anywhere, needs no archive code in main or the
// page, and can be built as a string and redacted as a whole value by value; its size is bounded
// by the log tails it holds.
import type { CoreV1Api } from '@kubernetes/client-node';
import type { HelmRevision } from '../../src-shared/types/service-types';
import type { Store, StoreEvent } from '../../src-shared/types/store-types';
import type { StoreLogLine, SupportBundleFile } from '../../src-shared/ipc/contract';
import { errorText } from '../kube/client';
import { containersOf } from './container-sources';
import { eventLine, sortEvents } from './event-lines';
import { cleanLogLine } from './log-text';

export const BUNDLE_TAIL_LINES = 500;
const MAX_EVENTS = 1_000;

export interface BundleInput {
  store: Store;
  timeline: StoreEvent[];
  /** the engine's history, or the sentence saying why it could not be read */
  history: () => Promise<HelmRevision[]>;
  core: CoreV1Api | null;
  release: string;
  redact: (text: string) => string;
  now: Date;
}

interface ContainerTail {
  pod: string;
  container: string;
  component: string;
  init: boolean;
  lines: string[];
}

export async function buildSupportBundle(input: BundleInput): Promise<SupportBundleFile> {
  const { store, core } = input;
  const [history, logs, events] = await Promise.all([
    input.history().catch((error: unknown) => ({ unavailable: errorText(error) })),
    core ? containerTails(core, store.namespace, input) : Promise.resolve(unreachable()),
    core ? namespaceEvents(core, store.namespace, input.redact) : Promise.resolve(unreachable()),
  ]);
  const bundle = {
    format: 'storefleet-support-bundle/1',
    createdAt: input.now.toISOString(),
    store,
    timeline: input.timeline,
    helmHistory: history,
    events,
    logs,
  };
  const stamp = input.now.toISOString().replace(/[:.]/g, '-');
  return {
    fileName: `storefleet-${store.name}-${stamp}.json`,
    content: JSON.stringify(redactDeep(bundle, input.redact), null, 2),
  };
}

function unreachable(): { unavailable: string } {
  return { unavailable: "The store's cluster could not be reached." };
}

async function containerTails(
  core: CoreV1Api,
  namespace: string,
  input: BundleInput,
): Promise<ContainerTail[] | { unavailable: string }> {
  let pods;
  try {
    pods = (await core.listNamespacedPod({ namespace })).items;
  } catch (error) {
    return { unavailable: errorText(error) };
  }
  const sources = pods.flatMap((pod) => containersOf(pod, input.release));
  return Promise.all(
    sources.map(async ({ pod, container, component, init, started }) => {
      const tail = { pod, container, component, init };
      if (!started) return { ...tail, lines: ['(the container has not started: no log yet)'] };
      try {
        const text = await core.readNamespacedPodLog({
          name: pod,
          namespace,
          container,
          tailLines: BUNDLE_TAIL_LINES,
          timestamps: true,
          limitBytes: 1024 * 1024,
        });
        const raw = String(text).split('\n');
        if (raw.at(-1) === '') raw.pop();
        const lines = raw.map((line) => {
          const clean = cleanLogLine(line, input.redact);
          return clean.at ? `${clean.at} ${clean.text}` : clean.text;
        });
        return { ...tail, lines };
      } catch (error) {
        return { ...tail, lines: [`(the log could not be read: ${errorText(error)})`] };
      }
    }),
  );
}

async function namespaceEvents(
  core: CoreV1Api,
  namespace: string,
  redact: (text: string) => string,
): Promise<StoreLogLine[] | { unavailable: string }> {
  try {
    const list = await core.listNamespacedEvent({ namespace });
    return sortEvents(list.items)
      .slice(-MAX_EVENTS)
      .map((e) => eventLine(e, redact));
  } catch (error) {
    return { unavailable: errorText(error) };
  }
}

/** Every string in the value redacted, keys included: the last guard before the file. */
export function redactDeep(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [redact(k), redactDeep(v, redact)]),
    );
  }
  return value;
}
