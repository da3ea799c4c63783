import { Writable } from 'node:stream';
import { Log, type KubeConfig } from '@kubernetes/client-node';
import type { StoreLogLine } from '../../src-shared/ipc/contract';
import { errorText } from '../kube/client';
import { LineSplitter, cleanLogLine } from './log-text';
import type { ContainerSource } from './container-sources';

export interface FollowOptions {
  tailLines: number;
  /** keep reading as the container writes (false: the tail, then the end) */
  follow: boolean;
  redact: (text: string) => string;
  onLines: (lines: StoreLogLine[]) => void;
  signal: AbortSignal;
}

/**
 * Streams one container's log through client-node's Log (timestamps on, so each line keeps its
 * time). Resolves when the stream ends (the container stopped, the signal aborted); never
 * rejects: an unreadable log becomes one notice line, since a missing log must not hide others.
 */
export async function followContainer(
  kc: KubeConfig,
  namespace: string,
  source: ContainerSource,
  o: FollowOptions,
): Promise<void> {
  const origin = `${source.pod}/${source.container}`;
  const line = (raw: string): StoreLogLine => ({
    component: source.component,
    origin,
    level: 'info',
    ...cleanLogLine(raw, o.redact),
  });
  let pending: StoreLogLine[] = [];
  const splitter = new LineSplitter((raw) => pending.push(line(raw)));
  const flush = (): void => {
    if (pending.length === 0) return;
    const out = pending;
    pending = [];
    o.onLines(out);
  };
  const ended = new Promise<void>((resolve) => {
    const sink = new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        splitter.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
        flush();
        callback();
      },
      final(callback) {
        splitter.end();
        flush();
        callback();
        resolve();
      },
    });
    sink.on('error', () => resolve());
    sink.on('close', () => resolve());
    o.signal.addEventListener('abort', () => resolve(), { once: true });
    new Log(kc)
      .log(namespace, source.pod, source.container, sink, {
        follow: o.follow,
        tailLines: o.tailLines,
        timestamps: true,
      })
      .then(
        (controller) => {
          if (o.signal.aborted) controller.abort();
          else o.signal.addEventListener('abort', () => controller.abort(), { once: true });
        },
        (error: unknown) => {
          if (!o.signal.aborted) {
            o.onLines([
              {
                component: source.component,
                origin,
                at: null,
                level: 'notice',
                text: o.redact(`The log of ${origin} could not be read: ${errorText(error)}`),
              },
            ]);
          }
          resolve();
        },
      );
  });
  await ended;
}
