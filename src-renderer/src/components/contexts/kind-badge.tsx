import type { ContextKind } from '../../../../src-shared/types/service-types';

export function KindBadge({ kind }: { kind: ContextKind }): React.JSX.Element {
  return (
    <span className="inline-flex h-4 items-center rounded-ui border border-line px-1 font-mono text-[11px] text-muted">
      {kind}
    </span>
  );
}
