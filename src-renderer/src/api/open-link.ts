// Opening a store's storefront or admin, and copying its address, in either transport.
import type { InvokeArg, StorefleetApi } from '../../../src-shared/ipc/contract';

/** What opening a link needs from the page's window. */
export interface LinkWindow {
  /** set by Electron's preload; absent in a browser tab served by `npm run serve` */
  storefleet?: unknown;
  open(url: string, target: string, features: string): unknown;
}

/**
 * Main checks that the target is the store's own recorded URL and hands it to the host: in
 * Electron that opens the user's browser. A page in a browser opens the tab itself, since the
 * serve host has no browser to hand it to; only the URL main answered is ever opened.
 */
export async function openStoreLink(
  api: StorefleetApi,
  arg: InvokeArg<'openStore'>,
  win: LinkWindow = window,
): Promise<void> {
  const { url } = await api.openStore(arg);
  if (win.storefleet === undefined) win.open(url, '_blank', 'noopener,noreferrer');
}

/** Copies text with the async clipboard; rejects with a sentence when the page may not. */
export async function copyText(
  text: string,
  clipboard: Pick<Clipboard, 'writeText'> | null = globalThis.navigator?.clipboard ?? null,
): Promise<void> {
  if (!clipboard) throw new Error('This page has no access to the clipboard.');
  try {
    await clipboard.writeText(text);
  } catch {
    throw new Error('The link could not be copied: the clipboard refused it.');
  }
}
