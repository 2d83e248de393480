// Browser entry: mounts the app. All styling comes from the bundled stylesheet (no inline styles or
// scripts in index.html, so a strict Content-Security-Policy can apply).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';
import './ui/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary area="Leakscope">
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
