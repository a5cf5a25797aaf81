// Where a hub's downloads may be redirected: the Hugging Face hub answers `resolve` requests for
// weights with a 302 to its file CDN (other origins), which the page's connection policy must allow
// as well as the hub itself. The user lists those origins next to the hub base; for
// huggingface.co the field is prefilled with the hub's published LFS domains
// (https://huggingface.co/.well-known/meta.json, "lfsDomains") and its Xet bridge
// (cas-bridge.xethub.hf.co, where Xet-backed repositories redirect). Stored in localStorage and
// allowed through the connection policy exactly as the hub origin is (connect-origins.ts).

const KEY = 'lrpo.hub.downloads';

export const HF_DOWNLOAD_ORIGINS = [
  'https://cdn-lfs.hf.co', 'https://cdn-lfs-us-1.hf.co', 'https://cdn-lfs-eu-1.hf.co',
  'https://cas-bridge.xethub.hf.co', 'https://transfer.xethub.hf.co', 'https://transfer.xethub-eu.hf.co',
  'https://cdn-lfs.huggingface.co', 'https://cdn-lfs-us-1.huggingface.co',
];

/** The prefill for a hub base: Hugging Face's CDN origins for huggingface.co / hf.co, nothing for a mirror. */
export function defaultDownloadOrigins(base: string): string {
  try {
    const host = new URL(base).hostname;
    return host === 'huggingface.co' || host === 'hf.co' ? HF_DOWNLOAD_ORIGINS.join(' ') : '';
  } catch {
    return '';
  }
}

/** Origins from the field (space or comma separated), or what is wrong with the first bad one. */
export function parseDownloadOrigins(text: string): { origins: string[] } | { error: string } {
  const origins: string[] = [];
  for (const w of text.split(/[\s,]+/).filter(Boolean)) {
    let u: URL;
    try {
      u = new URL(w);
    } catch {
      return { error: `download origins: "${w}" is not a URL (expected e.g. https://cdn-lfs.hf.co)` };
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return { error: `download origins: "${w}" must be http(s)` };
    if (u.pathname !== '/' || u.search || u.hash || u.username) return { error: `download origins: "${w}" must be an origin only (scheme, host and port, no path)` };
    if (!origins.includes(u.origin)) origins.push(u.origin);
  }
  return { origins };
}

/** The saved field, or the prefill for the base when the user never set one. */
export function savedDownloadOrigins(base: string): string {
  try {
    const v = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null;
    return v ?? defaultDownloadOrigins(base);
  } catch {
    return defaultDownloadOrigins(base);
  }
}

export function saveDownloadOrigins(text: string): void {
  localStorage.setItem(KEY, text);
}
