// The design card's rule, checked: each layer imports only from the layers above it (DEVELOPERS.md).
// engine <- data <- lrpo <- eval <- ui; the CLI may use everything but ui. Test files may import
// test helpers across layers only where listed below.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.dirname(fileURLToPath(import.meta.url));
const ORDER = ['engine', 'data', 'lrpo', 'eval', 'ui'] as const;
const ALLOWED: Record<string, readonly string[]> = {
  engine: ['engine'],
  data: ['engine', 'data'],
  lrpo: ['engine', 'data', 'lrpo'],
  eval: ['engine', 'data', 'lrpo', 'eval'],
  ui: [...ORDER],
  cli: ['engine', 'data', 'lrpo', 'eval', 'cli'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

/** relative import specifiers of a file (static imports, re-exports and dynamic import()) */
function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|^\s*import\s+['"](\.[^'"]+)['"]/gm)) {
    out.push(m[1] ?? m[2] ?? m[3]);
  }
  return out;
}

const layerOf = (file: string) => path.relative(SRC, file).split(path.sep)[0];

describe('layers', () => {
  it('import only downward (engine <- data <- lrpo <- eval <- ui; cli uses all but ui)', () => {
    const violations: string[] = [];
    for (const file of files(SRC)) {
      const from = layerOf(file);
      const allowed = ALLOWED[from];
      if (!allowed) continue; // src/main.tsx, this test
      // tests may check a lower layer against a constant of a higher one (e.g. the tokenizer's
      // default tags against the data layer's router languages); code may not
      const isTest = /\.test\.tsx?$/.test(file);
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const target = path.resolve(path.dirname(file), spec.split('?')[0]);
        const to = layerOf(target);
        if (!ALLOWED[to] || allowed.includes(to)) continue;
        if (isTest && from === 'engine' && to === 'data') continue;
        violations.push(`${path.relative(SRC, file)} imports ${spec} (${from} -> ${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('finds imports in every form it checks (so the check above can fail)', () => {
    expect(importsOf("import { a } from '../lrpo/x';\nexport * from './y';\nconst z = await import('../ui/z');\nimport './side.css';"))
      .toEqual(['../lrpo/x', './y', '../ui/z', './side.css']);
  });
});
