import type { Tone } from '../../lib/status';

export const TONE_CHIP: Record<Tone, string> = {
  ready: 'bg-ready/10 text-ready',
  working: 'bg-working/10 text-working',
  failed: 'bg-failed/10 text-failed',
  idle: 'bg-idle/10 text-idle',
};
