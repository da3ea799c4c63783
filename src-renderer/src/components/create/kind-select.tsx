import * as Select from '@radix-ui/react-select';
import { Check, ChevronDown } from 'lucide-react';
import type { StoreKindInfo } from '../../../../src-shared/ipc/contract';
import type { StoreKind } from '../../../../src-shared/types/store-types';

const FALLBACK: StoreKindInfo[] = [
  { kind: 'woocommerce', displayName: 'WooCommerce', available: true },
];

export function KindSelect({
  kinds,
  value,
  onChange,
  id,
}: {
  kinds: StoreKindInfo[] | null;
  value: StoreKind;
  onChange: (kind: StoreKind) => void;
  id: string;
}): React.JSX.Element {
  const options = kinds?.length ? kinds : FALLBACK;
  return (
    <Select.Root value={value} onValueChange={(v) => onChange(v as StoreKind)}>
      <Select.Trigger
        id={id}
        data-testid="create-store-kind"
        className="inline-flex h-8 w-full items-center justify-between rounded-ui border border-line bg-bg px-2 outline-offset-1 focus-visible:outline-2 focus-visible:outline-accent"
      >
        <Select.Value />
        <Select.Icon>
          <ChevronDown aria-hidden size={14} className="text-muted" />
        </Select.Icon>
      </Select.Trigger>
      <Select.Portal>
        <Select.Content
          position="popper"
          sideOffset={4}
          className="z-[60] w-[var(--radix-select-trigger-width)] rounded-ui border border-line bg-panel p-1 shadow-lg"
        >
          <Select.Viewport>
            {options.map((k) => (
              <Select.Item
                key={k.kind}
                value={k.kind}
                disabled={!k.available}
                className="flex h-8 cursor-default items-center gap-2 rounded-ui px-2 outline-none data-[disabled]:text-muted data-[highlighted]:bg-raised"
              >
                <span className="flex w-4 justify-center">
                  <Select.ItemIndicator>
                    <Check aria-hidden size={14} />
                  </Select.ItemIndicator>
                </span>
                <Select.ItemText>{k.displayName}</Select.ItemText>
                {k.available ? null : <span className="ml-auto text-xs">not yet available</span>}
              </Select.Item>
            ))}
          </Select.Viewport>
        </Select.Content>
      </Select.Portal>
    </Select.Root>
  );
}
