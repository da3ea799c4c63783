import type { Settings } from '../../src-shared/types/service-types';
import { CREATE_RATE_WINDOW_MS } from '../../src-shared/rules/settings-rules';
import { EngineError } from './engine-error';

export const RATE_WINDOW_MS = CREATE_RATE_WINDOW_MS;

/** The earliest creation time that still counts against the per-minute limit. */
export function rateWindowStart(now: Date): string {
  return new Date(now.getTime() - RATE_WINDOW_MS).toISOString();
}

/** Null when one more store may be created in the context, else the error that says why not. */
export function createLimitError(
  o: { active: number; createdInWindow: number; context: string },
  settings: Pick<Settings, 'maxStoresPerContext' | 'maxCreatesPerMinute'>,
): EngineError | null {
  if (o.active >= settings.maxStoresPerContext) {
    return new EngineError(
      'limit-exceeded',
      `The context "${o.context}" already has ${o.active} stores, the most allowed (${settings.maxStoresPerContext}). Delete a store or raise the limit in Settings.`,
    );
  }
  if (o.createdInWindow >= settings.maxCreatesPerMinute) {
    return new EngineError(
      'limit-exceeded',
      `At most ${settings.maxCreatesPerMinute} stores may be created per minute in "${o.context}". Try again in a minute.`,
    );
  }
  return null;
}
