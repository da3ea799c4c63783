import { useState } from 'react';

/**
 * The element that had the focus when the calling component first rendered: the control that
 * opened it (a dialog's or a panel's opener). Read during the first render, before the opened
 * thing moves the focus into itself.
 */
export function useOpener(): HTMLElement | null {
  const [opener] = useState(() => {
    const active = document.activeElement;
    return active instanceof HTMLElement && active !== document.body ? active : null;
  });
  return opener;
}

function focusable(el: HTMLElement): boolean {
  return el.isConnected && !el.matches(':disabled') && !el.closest('[inert]');
}

/**
 * Gives the focus back to `opener`. When it is gone or disabled (the empty state's button after
 * the first store, Delete while the store is deleting), the nearest focusable container around
 * it (a panel with tabindex="-1") takes the focus, and failing that the page's main landmark, so
 * the focus never drops to the page body.
 */
export function returnFocus(opener: HTMLElement | null): void {
  const around = opener?.isConnected
    ? opener.parentElement?.closest<HTMLElement>('[tabindex="-1"]')
    : null;
  const target =
    [opener, around, document.querySelector<HTMLElement>('main')].find(
      (el): el is HTMLElement => el != null && focusable(el),
    ) ?? null;
  target?.focus();
}

/** True when the focus is nowhere in particular: on the body, or on nothing. */
export function focusIsLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body;
}
