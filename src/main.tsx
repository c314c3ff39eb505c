import { StrictMode, startTransition } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const app = (
  <StrictMode>
    <App />
  </StrictMode>
);
if (root.firstElementChild) {
  // The built page holds the prerendered article (vite.config.ts, scripts/prerender.ts). Hydrating
  // in a transition lets React yield between pieces of work, so that no task at load runs long.
  startTransition(() => {
    hydrateRoot(root, app);
  });
} else {
  // The dev server serves the empty shell.
  createRoot(root).render(app);
}
