// Test harness: renders UI against the in-memory stand-in api with fresh zustand state.
import * as Tooltip from '@radix-ui/react-tooltip';
import { cleanup, render } from '@testing-library/react';
import type { RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, vi } from 'vitest';
import type { StorefleetApi } from '../../../src-shared/ipc/contract';
import { ApiProvider } from '../api/api-context';
import { resetSetup } from '../components/banner/setup-state';
import { useApp } from '../state/app-store';
import { useStores } from '../state/stores-store';

// jsdom lacks the layout APIs Radix popovers call when they open.
class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= NoopResizeObserver;
const layoutStubs: Record<string, () => unknown> = {
  scrollIntoView: () => undefined,
  hasPointerCapture: () => false,
  releasePointerCapture: () => undefined,
};
for (const [name, value] of Object.entries(layoutStubs)) {
  if (!(name in Element.prototype)) {
    Object.defineProperty(Element.prototype, name, { value, configurable: true, writable: true });
  }
}

// Component tests drive real Radix widgets through user-event; on a busy two-core machine one
// such test can take seconds, which is not what these tests measure.
vi.setConfig({ testTimeout: 20_000 });

afterEach(() => {
  cleanup();
  useStores.getState().reset();
  useApp.getState().reset();
  resetSetup();
});

export function renderWithApi(ui: ReactNode, api: StorefleetApi): RenderResult {
  return render(
    <ApiProvider api={api}>
      <Tooltip.Provider>{ui}</Tooltip.Provider>
    </ApiProvider>,
  );
}
