import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context';
import { pickApi } from './api/pick-api';
import { App } from './components/app/app';
import { installBenchHook } from './bench/bench-hook';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  installBenchHook(window);
  const choice = pickApi(window);
  createRoot(root).render(
    <StrictMode>
      {choice.ok ? (
        <ApiProvider api={choice.api}>
          <App />
        </ApiProvider>
      ) : (
        <p className="p-6" role="alert">
          {choice.reason}
        </p>
      )}
    </StrictMode>,
  );
}
