import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';

function App(): React.JSX.Element {
  return <main className="p-4">Storefleet</main>;
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
