import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { hasConnectPolicy } from './ui/security/connect-origins';
import './ui/styles.css';

import { installTestHooks, requestedHooks } from './ui/test-hooks';

// test hooks: only with ?test=<hook> in the URL (src/ui/test-hooks/index.ts, README "Test hooks")
const hooks = requestedHooks(location.search);
if (hooks.length) void installTestHooks(location.search);

const root = document.getElementById('root')!;
if (!hasConnectPolicy()) {
  // index.html's static policy leaves connections to /csp.js, which narrows them to our own origin
  // (plus the judge endpoints the user allowed). Without it the page could connect anywhere: refuse.
  root.textContent =
    'LRPO Studio did not start: its connection policy (/csp.js) was not applied, so the page could ' +
    'connect to any server. Reload the page; if this persists, the server is not serving public/csp.js.';
} else if (!hooks.includes('engine')) {
  // (the engine self-test hook shows its own panel instead of the studio)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
