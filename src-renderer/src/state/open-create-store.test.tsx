import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test-rig/fake-api';
import { renderWithApi } from '../test/render-with-api';
import { App } from '../components/app/app';

describe("the tray's Create a store", () => {
  it('opens the create dialog when main sends openCreateStore', async () => {
    const api = fakeApi();
    renderWithApi(<App />, api);
    await waitFor(() => expect(api.listenerCount('openCreateStore')).toBe(1));
    expect(screen.queryByTestId('create-store-dialog')).toBeNull();
    act(() => api.emit('openCreateStore', null));
    expect(await screen.findByTestId('create-store-dialog')).toBeTruthy();
  });
});
