import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { hasConnectPolicy } from './ui/security/connect-origins';
import './ui/styles.css';

// hidden hook for the browser test of the reward components (e2e/rewards.spec.ts)
if (new URLSearchParams(location.search).has('rewards-check')) void import('./ui/dev/rewards-check');

const root = document.getElementById('root')!;
if (!hasConnectPolicy()) {
  // index.html's static policy leaves connections to /csp.js, which narrows them to our own origin
  // (plus the judge endpoints the user allowed). Without it the page could connect anywhere: refuse.
  root.textContent =
    'LRPO Studio did not start: its connection policy (/csp.js) was not applied, so the page could ' +
    'connect to any server. Reload the page; if this persists, the server is not serving public/csp.js.';
} else {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
