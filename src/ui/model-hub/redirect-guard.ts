// A fetch for hub downloads that says what happened when the page's connection policy blocks a
// redirect: a hub answering 302 to its CDN on an origin the user has not allowed makes fetch fail
// with a bare network error. The page does get a securitypolicyviolation event, but Chromium reports
// the URL before the redirect there (it does not reveal a cross-origin redirect's target), so a
// violation on an origin that is allowed means the request was redirected to one that is not. The
// failure is reported as ConnectionBlocked naming the origin when it is known (a browser that reports
// the target, or the Hugging Face CDN origins not yet allowed when the hub is huggingface.co) and
// saying how to allow it.

import { ConnectionBlocked } from '../../data/hub/download-file';
import { isConnectAllowedNow } from '../security/connect-origins';
import { defaultDownloadOrigins } from './download-origins';

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

const HOW = 'to "download origins" next to the hub base and press "Allow connections to it" (the page reloads once), then open the model again';

/** The message for a redirect the policy blocked; `target` when the browser named it. */
export function blockedRedirectMessage(requested: string, target: string | null, allowed: (origin: string) => boolean): string {
  if (target) return `the hub redirected the download to ${target}, an origin this page may not connect to. Add ${target} ${HOW}`;
  const from = originOf(requested) ?? requested;
  const known = defaultDownloadOrigins(from).split(' ').filter((o) => o && !allowed(o));
  return `${from} redirected the download to another origin, which this page may not connect to (the browser does not show a redirect's target). `
    + (known.length
      ? `${from} downloads from its CDN: add ${known.join(' ')} ${HOW}`
      : `Add the hub's download (CDN) origin — the redirect's target, shown in the browser's network panel or the hub's documentation — ${HOW}`);
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
      if (init?.signal?.aborted || !from || !isConnectAllowedNow(from)) throw e;
      await new Promise((r) => setTimeout(r, EVENT_WAIT_MS));
      const origins = blocked.slice(seen).map(originOf).filter((o): o is string => !!o);
      if (!origins.length) throw e; // not the policy: a network failure
      // the requested origin is allowed: a violation means a redirect elsewhere
      const target = origins.find((o) => o !== from) ?? null;
      throw new ConnectionBlocked(blockedRedirectMessage(url, target, isConnectAllowedNow));
    }
  };
  return { fetch: guarded, dispose: () => document.removeEventListener('securitypolicyviolation', onViolation) };
}
