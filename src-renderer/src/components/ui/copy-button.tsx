import { Check, Copy } from 'lucide-react';

/** An icon button that copies something; a check mark once it is copied. */
export function CopyButton({
  label,
  done,
  disabled,
  onCopy,
}: {
  label: string;
  done: boolean;
  disabled?: boolean;
  onCopy: () => void;
}): React.JSX.Element {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onCopy}
      disabled={disabled}
      className="inline-flex size-7 items-center justify-center rounded-ui text-muted hover:bg-raised focus-visible:outline-2 focus-visible:outline-accent disabled:opacity-50"
    >
      {done ? (
        <Check aria-hidden size={14} className="text-ready" />
      ) : (
        <Copy aria-hidden size={14} />
      )}
    </button>
  );
}
