import type { CoreV1Event } from '@kubernetes/client-node';
import type { StoreLogLine } from '../../src-shared/ipc/contract';
import { EVENTS_COMPONENT } from './components';

function iso(value: Date | string | undefined | null): string | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** When an event last happened: a repeated event keeps its first time and moves its last. */
export function eventTime(e: CoreV1Event): string | null {
  return (
    iso(e.series?.lastObservedTime) ??
    iso(e.lastTimestamp) ??
    iso(e.eventTime) ??
    iso(e.firstTimestamp) ??
    iso(e.metadata.creationTimestamp)
  );
}

/** A Kubernetes event as one line of the Logs tab. */
export function eventLine(e: CoreV1Event, redact: (text: string) => string): StoreLogLine {
  const object = [e.involvedObject.kind, e.involvedObject.name].filter(Boolean).join(' ');
  const count = (e.series?.count ?? e.count ?? 1) > 1 ? ` (×${e.series?.count ?? e.count})` : '';
  const reason = e.reason ? `${e.reason}: ` : '';
  return {
    component: EVENTS_COMPONENT,
    origin: redact(object),
    at: eventTime(e),
    text: redact(`${reason}${e.message ?? ''}${count}`.trim()),
    level: e.type === 'Warning' ? 'warning' : 'info',
  };
}

/** Events oldest first; the API lists them in no useful order. */
export function sortEvents(events: readonly CoreV1Event[]): CoreV1Event[] {
  return [...events].sort((a, b) => (eventTime(a) ?? '').localeCompare(eventTime(b) ?? ''));
}
