import type {
  KubeContextInfo,
  SystemCheck,
  ToolInfo,
} from '../../../../src-shared/types/service-types';
import type { ProbeState } from '../../state/app-store';

export type BannerAction = 'recheck-tools' | 'recheck-context' | 'install-helm';

export interface BannerItem {
  id: string;
  severity: 'error' | 'warning';
  title: string;
  text: string;
  /** what the user can do about it */
  fix: string | null;
  action: BannerAction | null;
}

function startHint(context: KubeContextInfo): string {
  if (context.kind === 'k3d') {
    return `Start it with \`k3d cluster start ${context.cluster.replace(/^k3d-/, '')}\`, then check again.`;
  }
  if (context.kind === 'k3s') {
    return context.local
      ? 'Start k3s with `sudo systemctl start k3s`, then check again.'
      : `Check that the server at ${context.server} is up and any SSH tunnel to it is open, then check again.`;
  }
  return `Start the cluster or fix the server address (${context.server}) in ${context.file}, then check again.`;
}

/**
 * Helm missing or unusable: what is wrong once, then the way out (the download Storefleet offers,
 * or this system's install command).
 */
function helmItem(helm: ToolInfo | undefined, setup: SystemCheck | null): BannerItem {
  const step = setup?.tools.find((t) => t.name === 'helm');
  const yourself = step?.command
    ? `install it yourself with \`${step.command}\``
    : 'install it yourself from helm.sh';
  const download = setup?.helmDownload;
  return {
    id: 'helm',
    severity: 'error',
    title: helm?.path ? 'Helm needs an update' : 'Helm is missing',
    text: helm?.path
      ? (helm.problem ?? `Helm at ${helm.path} cannot be used.`)
      : 'Storefleet creates, upgrades and deletes every store with Helm, and did not find it on this computer.',
    fix: download
      ? `Download Helm ${download.version} here (its published checksum is checked before it runs), or ${yourself}, then check again.`
      : `${yourself.charAt(0).toUpperCase()}${yourself.slice(1)}, then check again.`,
    action: download ? 'install-helm' : 'recheck-tools',
  };
}

/** Problems with the tools and the selected cluster, each with a way out. */
export function bannerItems(input: {
  tools: ToolInfo[] | null;
  context: KubeContextInfo | null;
  probe: ProbeState | undefined;
  /** the system check, when read: it names the Helm download and this system's install step */
  setup?: SystemCheck | null;
}): BannerItem[] {
  const items: BannerItem[] = [];
  const helm = input.tools?.find((t) => t.name === 'helm');
  if (input.tools && (!helm || !helm.ok)) items.push(helmItem(helm, input.setup ?? null));
  const { context, probe } = input;
  if (!context || !probe) return items;
  if (probe.state === 'error') {
    items.push({
      id: 'probe',
      severity: 'error',
      title: `Could not check ${context.name}`,
      text: probe.message,
      fix: 'Check again in a moment.',
      action: 'recheck-context',
    });
    return items;
  }
  const result = probe.state === 'done' ? probe.probe : probe.last;
  if (!result) return items;
  if (!result.reachable) {
    items.push({
      id: 'unreachable',
      severity: 'error',
      title: `${context.name} is unreachable`,
      text: result.error ?? 'The cluster did not answer.',
      fix: startHint(context),
      action: 'recheck-context',
    });
    return items;
  }
  if (result.readyNodes === 0) {
    items.push({
      id: 'nodes',
      severity: 'warning',
      title: 'No Ready nodes',
      text: `${context.name} has ${result.totalNodes} node(s) and none is Ready, so stores will wait in Provisioning.`,
      fix: 'Wait for the nodes to become Ready, or restart the cluster.',
      action: 'recheck-context',
    });
  }
  if (!result.defaultStorageClass) {
    items.push({
      id: 'storage',
      severity: 'warning',
      title: 'No default StorageClass',
      text: "The store's database volume cannot be created without one.",
      fix: 'Install a provisioner such as local-path and mark it default, then check again.',
      action: 'recheck-context',
    });
  }
  return items;
}
