import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { StorefleetApi } from '../../../src-shared/ipc/contract';

const ApiContext = createContext<StorefleetApi | null>(null);

/** Components reach main only through this provider, so tests can hand them a stand-in api. */
export function ApiProvider({
  api,
  children,
}: {
  api: StorefleetApi;
  children: ReactNode;
}): React.JSX.Element {
  return <ApiContext value={api}>{children}</ApiContext>;
}

export function useApi(): StorefleetApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside <ApiProvider>.');
  return api;
}
