import * as Menu from '@radix-ui/react-dropdown-menu';
import { Check, ChevronDown, Globe, Server } from 'lucide-react';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { switchContext } from '../../state/actions';
import { useApp } from '../../state/app-store';
import { KindBadge } from './kind-badge';
import {
  DeleteClusterDialog,
  K3dClusterItems,
  k3dClusterName,
  useK3dClusterActions,
} from './k3d-cluster-actions';

export function ContextSwitcher({
  onError,
}: {
  onError: (message: string) => void;
}): React.JSX.Element {
  const api = useApi();
  const list = useApp((s) => s.contexts);
  const contexts = list?.contexts ?? [];
  const selected = contexts.find((c) => c.name === list?.selected) ?? null;

  const cluster = k3dClusterName(selected);
  const actions = useK3dClusterActions(onError);
  const [storeNames, setStoreNames] = useState<string[] | null>(null);
  const askDelete = (context: string, name: string): void => {
    setStoreNames(null);
    actions.setDeleting({ context, cluster: name });
    api.listStores({ context }).then(
      (stores) => setStoreNames(stores.map((s) => s.name)),
      (e: unknown) => {
        actions.setDeleting(null);
        onError(errorMessage(e));
      },
    );
  };

  const choose = (name: string) => {
    if (name === list?.selected) return;
    switchContext(api, name).catch((e: unknown) => onError(errorMessage(e)));
  };

  return (
    <>
      {/* Not modal: a modal menu hides the rest of the page with aria-hidden while it is open,
      focusable controls included. Rendered in place (no portal), so it stays inside the top
      bar's banner landmark. */}
      <Menu.Root modal={false}>
        <Menu.Trigger
          data-testid="context-switcher"
          className="inline-flex h-7 max-w-80 items-center gap-1.5 rounded-ui border border-line bg-panel px-2 outline-offset-2 hover:bg-raised focus-visible:outline-2 focus-visible:outline-accent"
        >
          <Server aria-hidden size={14} className="shrink-0 text-muted" />
          {/* Part of the button's name, which then also holds the words it shows. */}
          <span className="sr-only">Kubernetes context: </span>
          <span className="truncate font-medium">
            {selected?.name ?? (contexts.length ? 'Choose a context' : 'No contexts found')}
          </span>
          {selected ? <KindBadge kind={selected.kind} /> : null}
          <ChevronDown aria-hidden size={14} className="shrink-0 text-muted" />
        </Menu.Trigger>
        <Menu.Content
          align="start"
          sideOffset={4}
          className="z-50 max-h-96 min-w-72 overflow-auto rounded-ui border border-line bg-panel p-1 shadow-lg"
        >
          <Menu.Label className="px-2 py-1 text-xs text-muted">Kubernetes contexts</Menu.Label>
          <Menu.RadioGroup value={list?.selected ?? ''} onValueChange={choose}>
            {contexts.map((c) => (
              <Menu.RadioItem
                key={`${c.file}:${c.name}`}
                value={c.name}
                data-testid={`context-option-${c.name}`}
                className="flex h-8 cursor-default items-center gap-2 rounded-ui px-2 outline-none data-[highlighted]:bg-raised"
              >
                <span className="flex w-4 justify-center">
                  <Menu.ItemIndicator>
                    <Check aria-hidden size={14} />
                  </Menu.ItemIndicator>
                </span>
                <span className="truncate">{c.name}</span>
                <KindBadge kind={c.kind} />
                {c.local ? null : (
                  <span className="ml-auto inline-flex items-center gap-1 text-xs text-warn">
                    <Globe aria-hidden size={12} /> remote
                  </span>
                )}
              </Menu.RadioItem>
            ))}
          </Menu.RadioGroup>
          {list?.errors.length ? (
            <>
              <Menu.Separator className="my-1 h-px bg-line" />
              {list.errors.map((e) => (
                <p key={e.file} className="px-2 py-1 text-xs text-failed">
                  {e.file}: {e.message}
                </p>
              ))}
            </>
          ) : null}
          {selected && cluster ? (
            <K3dClusterItems
              context={selected.name}
              cluster={cluster}
              busy={actions.busy}
              onRun={(action) => actions.run(action, selected.name, cluster)}
              onDelete={() => askDelete(selected.name, cluster)}
            />
          ) : null}
        </Menu.Content>
      </Menu.Root>
      <DeleteClusterDialog
        target={actions.deleting}
        storeNames={storeNames}
        onCancel={() => actions.setDeleting(null)}
        onConfirm={() => {
          const target = actions.deleting;
          actions.setDeleting(null);
          if (target) actions.run('delete', target.context, target.cluster);
        }}
      />
    </>
  );
}
