import type { ProbeState } from '../../state/app-store';
import type { Tone } from '../../lib/status';

export interface Health {
  word: string;
  tone: Tone | 'warn';
  detail: string;
}

export function describeHealth(p: ProbeState | undefined): Health {
  if (!p || (p.state === 'checking' && !p.last)) {
    return { word: 'Checking…', tone: 'idle', detail: 'Contacting the cluster.' };
  }
  if (p.state === 'error') return { word: 'Check failed', tone: 'failed', detail: p.message };
  const probe = p.state === 'done' ? p.probe : p.last;
  if (!probe) return { word: 'Checking…', tone: 'idle', detail: 'Contacting the cluster.' };
  if (!probe.reachable) {
    return {
      word: 'Unreachable',
      tone: 'failed',
      detail: probe.error ?? 'The cluster did not answer.',
    };
  }
  const nodes = `${probe.readyNodes}/${probe.totalNodes} nodes Ready`;
  const facts = [
    probe.serverVersion ? `Kubernetes ${probe.serverVersion}` : null,
    nodes,
    `storage: ${probe.defaultStorageClass ?? 'no default StorageClass'}`,
    `ingress: ${probe.ingressClasses.join(', ') || 'none'}`,
  ]
    .filter(Boolean)
    .join(' · ');
  if (probe.warnings?.length)
    return { word: 'Insecure', tone: 'warn', detail: probe.warnings.join(' ') };
  if (probe.readyNodes === 0) return { word: 'No Ready nodes', tone: 'warn', detail: facts };
  return { word: 'Healthy', tone: 'ready', detail: facts };
}
