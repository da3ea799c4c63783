import * as Dialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import { returnFocus, useOpener } from './return-focus';

/**
 * The app's dialog frame: overlay, centred panel, title, close button. On close the focus goes
 * back to what opened the dialog, whether that was a Radix trigger or a button that set a flag
 * in the app store (Radix alone would drop it on the page body then).
 */
export function DialogFrame({
  title,
  description,
  children,
  testId,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  testId?: string;
}): React.JSX.Element {
  const opener = useOpener();
  return (
    <Dialog.Portal>
      <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
      <Dialog.Content
        data-testid={testId}
        onCloseAutoFocus={(e) => {
          e.preventDefault();
          returnFocus(opener);
        }}
        className="fixed top-1/2 left-1/2 z-50 w-[26rem] max-w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 rounded-ui border border-line bg-panel p-4 shadow-xl"
        {...(description ? {} : { 'aria-describedby': undefined })}
      >
        <div className="mb-3 flex items-start justify-between gap-2">
          <Dialog.Title className="text-sm font-semibold">{title}</Dialog.Title>
          <Dialog.Close
            aria-label="Close"
            className="rounded-ui p-0.5 text-muted hover:bg-raised focus-visible:outline-2 focus-visible:outline-accent"
          >
            <X aria-hidden size={16} />
          </Dialog.Close>
        </div>
        {description ? (
          <Dialog.Description className="mb-3 text-muted">{description}</Dialog.Description>
        ) : null}
        {children}
      </Dialog.Content>
    </Dialog.Portal>
  );
}

export const inputClass =
  'h-8 w-full rounded-ui border border-line bg-bg px-2 outline-offset-1 focus-visible:outline-2 focus-visible:outline-accent aria-[invalid=true]:border-failed';
