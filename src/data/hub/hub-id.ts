// Hugging Face hub repository ids as the studio takes them: `owner/name` or `owner/name@revision`
// (a branch, tag or commit; default main), and the hub's file URL layout
// `{base}/{repo}/resolve/{revision}/{file}`, on the Hugging Face hub or a mirror with the same layout.

export interface HubRef {
  repo: string;
  revision: string;
}

const PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

/** The id's repo and revision, or throws saying what is wrong with it. */
export function parseHubId(text: string): HubRef {
  const t = text.trim();
  const at = t.indexOf('@');
  const repo = at < 0 ? t : t.slice(0, at);
  const revision = at < 0 ? 'main' : t.slice(at + 1);
  const parts = repo.split('/');
  if (parts.length !== 2 || !parts.every((p) => PART.test(p)) || parts.some((p) => p.includes('..'))) {
    throw new Error(`"${t}" is not a hub repository id: expected owner/name or owner/name@revision (e.g. Qwen/Qwen2.5-0.5B-Instruct)`);
  }
  if (!revision || !/^[A-Za-z0-9._/-]{1,200}$/.test(revision) || revision.includes('..')) throw new Error(`"${t}": the revision after @ must be a branch, tag or commit`);
  return { repo, revision };
}

/** Normalized hub base URL (http(s), no trailing slash), or throws. */
export function hubBase(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new Error(`"${url}" is not a URL (the hub base, e.g. https://huggingface.co)`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`the hub base must be an http(s) URL, got ${u.protocol}`);
  return (u.origin + u.pathname).replace(/\/+$/, '');
}

export function hubFileUrl(base: string, ref: HubRef, file: string): string {
  return `${hubBase(base)}/${ref.repo}/resolve/${encodeURIComponent(ref.revision)}/${file.split('/').map(encodeURIComponent).join('/')}`;
}

/** The cache key of a repository at a revision ("owner--name@main") */
export function cacheKey(ref: HubRef): string {
  return `${ref.repo.replace('/', '--')}@${ref.revision.replace(/\//g, '%2F')}`;
}

/** The store key of a run's model.path: a hub id's cache key, or "local--<folder name>" for a folder the user opened. */
export function modelStoreKey(path: string): string {
  try {
    return cacheKey(parseHubId(path));
  } catch {
    return `local--${path.replace(/[^\w.@-]/g, '_')}`;
  }
}

/** A model.path that names a hub repository at an explicit revision (`owner/name@rev`), else null (a folder, or an id at main). */
export function pinnedHubRevision(path: string): HubRef | null {
  if (!path.includes('@')) return null;
  try {
    return parseHubId(path);
  } catch {
    return null;
  }
}
