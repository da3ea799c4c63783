import { delimiter, join, resolve } from 'node:path';

/**
 * The kubeconfig files kubectl would read: every entry of KUBECONFIG in order (empty entries
 * dropped, duplicates removed), else ~/.kube/config.
 */
export function kubeconfigPaths(env: NodeJS.ProcessEnv, home: string): string[] {
  const fromEnv = (env.KUBECONFIG ?? '')
    .split(delimiter)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => resolve(entry.startsWith('~/') ? join(home, entry.slice(2)) : entry));
  if (fromEnv.length > 0) return [...new Set(fromEnv)];
  return [join(home, '.kube', 'config')];
}
