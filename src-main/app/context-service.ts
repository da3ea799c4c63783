import type { ContextRegistry } from '../contexts/context-registry';
import type { ContextList } from '../../src-shared/ipc/contract';
import { IpcError } from '../../src-shared/ipc/ipc-error';
import type { ContextService } from '../ipc/services';
import type { Settings } from '../../src-shared/types/service-types';

export interface ContextServiceDeps {
  registry: Pick<ContextRegistry, 'list' | 'probe' | 'onChange' | 'files'>;
  settings: { get(): Settings; update(patch: Partial<Settings>): Settings };
  /** told after the user picks a context, e.g. to look for stores already in it */
  onSelected?(context: string): void;
  log(line: string): void;
}

/** Adds the user's chosen context to the registry's view of the kubeconfig files. */
export function createContextService(deps: ContextServiceDeps): ContextService {
  const list = async (): Promise<ContextList> => {
    const { contexts, errors } = await deps.registry.list();
    const chosen = deps.settings.get().selectedContext;
    // A chosen context that vanished from the files falls back to kubectl's current context.
    const selected =
      contexts.find((c) => c.name === chosen)?.name ??
      contexts.find((c) => c.current)?.name ??
      null;
    return { contexts, errors, selected };
  };

  const mustExist = async (context: string): Promise<ContextList> => {
    const current = await list();
    if (!current.contexts.some((c) => c.name === context)) {
      throw new IpcError(
        'not-found',
        `There is no kube context named "${context}" in ${deps.registry.files().join(', ') || 'your kubeconfig'}.`,
      );
    }
    return current;
  };

  return {
    list,
    async select(context) {
      await mustExist(context);
      deps.settings.update({ selectedContext: context });
      deps.onSelected?.(context);
      return list();
    },
    async probe(context) {
      await mustExist(context);
      return deps.registry.probe(context);
    },
    onChange(listener) {
      return deps.registry.onChange(() => {
        list().then(listener, (error: unknown) => {
          deps.log(`reading kubeconfig after a change failed: ${errorName(error)}`);
        });
      });
    },
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
