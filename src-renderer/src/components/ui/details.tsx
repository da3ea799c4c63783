import type { ReactNode } from 'react';

/**
 * A disclosure for what most people need not read: a tool's output behind a one-sentence
 * summary. Native <details>, so keyboard and screen readers work without extra wiring; the
 * content stays in a scrollable, capped block.
 */
export function Details({
  summary = 'Details',
  children,
  testId,
  open,
}: {
  summary?: string;
  children: ReactNode;
  /** on the content, so a test reads the text without the summary */
  testId?: string;
  open?: boolean;
}): React.JSX.Element {
  return (
    <details open={open} className="group flex flex-col gap-1">
      <summary className="w-fit cursor-pointer rounded-ui text-xs font-medium text-muted outline-offset-2 select-none hover:text-fg focus-visible:outline-2 focus-visible:outline-accent">
        {summary}
      </summary>
      <pre
        data-testid={testId}
        className="mt-1 max-h-64 overflow-auto rounded-ui bg-bg p-2 font-mono text-xs break-words whitespace-pre-wrap"
      >
        {children}
      </pre>
    </details>
  );
}
