// Node module hooks so the TypeScript sources run headless exactly as Vite serves them:
// `import src from './x.wgsl?raw'` gives the file's text; `import p from './x.bin?url'` gives its
// absolute file path (Node callers read it with fs).
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SUFFIX = /\?(raw|url)$/;

export async function resolve(specifier, context, nextResolve) {
  const m = SUFFIX.exec(specifier);
  if (!m) return nextResolve(specifier, context);
  const bare = specifier.slice(0, m.index);
  const base = bare.startsWith('.') || bare.startsWith('/')
    ? new URL(bare, context.parentURL)
    : new URL((await nextResolve(bare, context)).url);
  return { url: `${base.href}?${m[1]}`, format: 'module', shortCircuit: true };
}

export async function load(url, context, nextLoad) {
  const m = SUFFIX.exec(url);
  if (!m) return nextLoad(url, context);
  const path = fileURLToPath(url.slice(0, m.index));
  const value = m[1] === 'raw' ? readFileSync(path, 'utf8') : pathToFileURL(path).href;
  return { format: 'module', source: `export default ${JSON.stringify(value)};`, shortCircuit: true };
}
