// A fetch for hub downloads that names the origin when the page's connection policy blocks a request:
// a hub answering 302 to its CDN on an origin the user has not allowed makes fetch fail with a bare
// network error, while the page receives a securitypolicyviolation event naming the blocked origin.
// The failure is then reported as ConnectionBlocked, saying which origin to add to the download
// origins and how.

import { ConnectionBlocked } from '../../data/hub/download-file';

/** how long to wait for the violation event after fetch failed (the event is queued as its own task) */
const EVENT_WAIT_MS = 100;

function originOf(u: string): string | null {
  try {
    const o = new URL(u).origin;
    return o === 'null' ? null : o;
  } catch {
    return null;
  }
}

/** A fetch that turns a policy-blocked redirect into ConnectionBlocked; `dispose` stops listening. */
export function redirectGuardedFetch(): { fetch: typeof fetch; dispose(): void } {
  const blocked: string[] = [];
  const onViolation = (e: SecurityPolicyViolationEvent) => {
    if (e.effectiveDirective === 'connect-src' || e.violatedDirective.startsWith('connect-src')) blocked.push(e.blockedURI);
  };
  document.addEventListener('securitypolicyviolation', onViolation);
  const guarded: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const from = originOf(url);
    const seen = blocked.length;
    try {
      return await fetch(input, init);
    } catch (e) {
      if (init?.signal?.aborted) throw e;
      await new Promise((r) => setTimeout(r, EVENT_WAIT_MS));
      const origin = blocked.slice(seen).map(originOf).find((o) => o && o !== from);
      if (origin) {
        throw new ConnectionBlocked(`the hub redirected the download to ${origin}, an origin this page may not connect to. `
          + `Add ${origin} to "download origins" next to the hub base and press "Allow connections to it" (the page reloads once), then open the model again`);
      }
      throw e;
    }
  };
  return { fetch: guarded, dispose: () => document.removeEventListener('securitypolicyviolation', onViolation) };
}
