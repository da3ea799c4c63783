import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../../test-rig/fake-api';
import { standInContext, standInProbe } from '../../../../test-rig/fake-fixtures';
import { useApp } from '../../state/app-store';
import { renderWithApi } from '../../test/render-with-api';
import { TopBar } from './top-bar';

describe('top bar: Create store', () => {
  it('is disabled while the selected context is unreachable, and enabled once it answers', () => {
    const context = 'k3d-dev';
    act(() =>
      useApp.getState().setContexts({
        contexts: [standInContext({ name: context, current: true })],
        errors: [],
        selected: context,
      }),
    );
    renderWithApi(<TopBar onError={() => undefined} />, fakeApi());
    const create = () => screen.getByTestId<HTMLButtonElement>('create-store-button');
    // Not probed yet: nothing says the cluster is down.
    expect(create().disabled).toBe(false);
    act(() =>
      useApp.getState().setProbe(context, {
        state: 'done',
        probe: standInProbe({ context, reachable: false, error: 'The cluster did not answer.' }),
      }),
    );
    expect(create().disabled).toBe(true);
    // A probe under way keeps the last answer.
    act(() =>
      useApp.getState().setProbe(context, {
        state: 'checking',
        last: standInProbe({ context, reachable: false }),
      }),
    );
    expect(create().disabled).toBe(true);
    act(() =>
      useApp.getState().setProbe(context, { state: 'done', probe: standInProbe({ context }) }),
    );
    expect(create().disabled).toBe(false);
  });
});
