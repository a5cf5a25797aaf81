import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import './ui/styles.css';

// hidden hook for the browser test of the reward components (e2e/rewards.spec.ts)
if (new URLSearchParams(location.search).has('rewards-check')) void import('./ui/dev/rewards-check');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
