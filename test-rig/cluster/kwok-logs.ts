import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';

export const FAKE_LOG_LINES = [
  'simulated container (kwok): no real process ran in this pod',
  'simulated container (kwok): the exit status follows the storefleet.test/fail annotation',
];

/**
 * kwok serves `kubectl logs` from a file named in a ClusterLogs object. An empty selector
 * matches every pod, so a failing Job's pod has log lines a failure report can show.
 */
export async function writeKwokLogsConfig(dir: string): Promise<string> {
  const logsFile = join(dir, 'fake-container.log');
  // kwok parses the file as a container runtime (CRI) log: time, stream, tag, message.
  const at = new Date().toISOString();
  const lines = FAKE_LOG_LINES.map((line) => `${at} stdout F ${line}\n`);
  await writeFile(logsFile, lines.join(''));
  const configFile = join(dir, 'kwok-cluster-logs.yaml');
  const config = {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'ClusterLogs',
    metadata: { name: 'storefleet-fake-logs' },
    spec: { selector: {}, logs: [{ logsFile, follow: false }] },
  };
  await writeFile(configFile, stringify(config));
  return configFile;
}
