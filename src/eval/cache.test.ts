import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheKey } from './cache';
import { FileVerdictStore } from './cache-file';
import { JUDGE_PROMPT_VERSION } from './prompt';

const dir = mkdtempSync(path.join(tmpdir(), 'lrpo-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base = { question: 'q', target: 't', prediction: 'p', language: 'es', model: 'm' };

describe('cacheKey', () => {
  it('is the SHA-256 of prompt version, language, question, target, prediction, model (checked with node:crypto)', async () => {
    const want = createHash('sha256').update(JSON.stringify([JUDGE_PROMPT_VERSION, 'es', 'q', 't', 'p', 'm'])).digest('hex');
    expect(await cacheKey(base)).toBe(want);
  });
  it('changes with every part', async () => {
    const k = await cacheKey(base);
    for (const patch of [{ question: 'q2' }, { target: 't2' }, { prediction: 'p2' }, { model: 'm2' }, { language: 'zh' }, { promptVersion: 'v0' }]) {
      expect(await cacheKey({ ...base, ...patch })).not.toBe(k);
    }
  });
});

describe('FileVerdictStore', () => {
  it('starts empty without a file, writes on flush, reads back', async () => {
    const p = path.join(dir, 'c.json');
    const s = await FileVerdictStore.open(p);
    expect(s.size).toBe(0);
    await s.set('k1', { label: 'CORRECT', raw: 'A', model: 'm', at: '2026-01-01T00:00:00Z' });
    await s.flush();
    const again = await FileVerdictStore.open(p);
    expect(await again.get('k1')).toEqual({ label: 'CORRECT', raw: 'A', model: 'm', at: '2026-01-01T00:00:00Z' });
    expect(JSON.parse(readFileSync(p, 'utf8')).version).toBe(1);
  });
  it('refuses a corrupt cache instead of overwriting it, and skips malformed entries', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{not json');
    await expect(FileVerdictStore.open(bad)).rejects.toThrow(/bad.json: the cache file is not valid JSON/);
    const mixed = path.join(dir, 'mixed.json');
    writeFileSync(mixed, JSON.stringify({ version: 1, entries: { a: { label: 'NOPE', raw: '', model: 'm' }, b: { label: 'INCORRECT', raw: 'C', model: 'm', at: 'x' } } }));
    const s = await FileVerdictStore.open(mixed);
    expect(s.size).toBe(1);
  });
});
