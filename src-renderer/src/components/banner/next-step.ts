// The one next step of the first screen, from what is known: no kubeconfig, no context chosen,
// an unreachable cluster, no Helm, or nothing missing at all.
import type { ContextList } from '../../../../src-shared/ipc/contract';
import type {
  ContextProbe,
  SetupTool,
  SystemCheck,
  ToolInfo,
} from '../../../../src-shared/types/service-types';

export type NextStep =
  | { step: 'checking' }
  | { step: 'fix-kubeconfig'; file: string | null; message: string }
  | { step: 'install-docker'; tool: SetupTool }
  | { step: 'start-docker'; tool: SetupTool }
  | { step: 'install-k3d'; tool: SetupTool }
  | { step: 'create-cluster'; command: string }
  | { step: 'choose-context'; count: number }
  | { step: 'start-cluster'; context: string; message: string }
  | { step: 'get-helm'; helm: SetupTool | null; problem: string | null }
  | { step: 'create-store'; context: string };

export function nextStep(input: {
  contexts: ContextList | null;
  contextsError: string | null;
  probe: ContextProbe | null;
  tools: ToolInfo[] | null;
  check: SystemCheck | null;
}): NextStep {
  const { contexts, check } = input;
  if (input.contextsError)
    return { step: 'fix-kubeconfig', file: null, message: input.contextsError };
  if (!contexts) return { step: 'checking' };
  if (contexts.contexts.length === 0) {
    const broken = contexts.errors[0];
    if (broken) return { step: 'fix-kubeconfig', file: broken.file, message: broken.message };
    if (!check) return { step: 'checking' };
    const docker = check.tools.find((t) => t.name === 'docker');
    const k3d = check.tools.find((t) => t.name === 'k3d');
    if (docker && !docker.path) return { step: 'install-docker', tool: docker };
    if (docker && !docker.ok) return { step: 'start-docker', tool: docker };
    if (k3d && !k3d.ok) return { step: 'install-k3d', tool: k3d };
    return { step: 'create-cluster', command: check.createClusterCommand };
  }
  if (!contexts.selected) return { step: 'choose-context', count: contexts.contexts.length };
  if (input.probe && !input.probe.reachable) {
    return {
      step: 'start-cluster',
      context: contexts.selected,
      message: input.probe.error ?? 'The cluster did not answer.',
    };
  }
  const helm = input.tools?.find((t) => t.name === 'helm');
  if (input.tools && !helm?.ok) {
    return {
      step: 'get-helm',
      helm: check?.tools.find((t) => t.name === 'helm') ?? null,
      problem: helm?.path ? helm.problem : null,
    };
  }
  return { step: 'create-store', context: contexts.selected };
}
