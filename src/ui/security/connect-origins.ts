// The page may connect only to its own origin and to judge endpoints the user allowed. The policy is
// set once per page load by public/csp.js from this list, so allowing a new origin takes a reload.
const KEY = 'lrpo.csp.connect';

/** The origin of a user-entered endpoint URL, or an error message saying what is wrong with it. */
export function endpointOrigin(url: string): { origin: string } | { error: string } {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return { error: `'${url}' is not a URL (expected e.g. https://api.example.com/v1)` };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { error: `'${u.protocol}' endpoints are not supported (use http or https)` };
  return { origin: u.origin };
}

function allowedConnectOrigins(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The connect-src policy /csp.js added at load (own origin + allowed endpoints), or null without it. */
function connectPolicy(): string | null {
  const meta = [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')]
    .map((m) => m.getAttribute('content') ?? '')
    .find((c) => c.startsWith("connect-src 'self'"));
  return meta ?? null;
}

/** Whether /csp.js has narrowed the page's connections (the studio refuses to start otherwise). */
export function hasConnectPolicy(): boolean {
  return connectPolicy() !== null;
}

/** True when this page load may already connect to the origin (own origin or allowed before load). */
export function isConnectAllowedNow(origin: string): boolean {
  if (origin === window.location.origin) return true;
  const meta = connectPolicy();
  return meta ? meta.split(/\s+/).includes(origin) : false;
}

/** Remembers the origin; the caller reloads the page (after saving what must survive) to apply it. */
export function allowConnectOrigin(origin: string): void {
  const list = allowedConnectOrigins();
  if (!list.includes(origin)) localStorage.setItem(KEY, JSON.stringify([...list, origin]));
}
