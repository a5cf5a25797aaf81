import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/lrpo-studio.mjs'), 'data', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('lrpo-studio data check (spawned)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'data-check-'));

  it('summarizes the demo dataset and exits 0', () => {
    const r = cli('check', 'public/data/demo.parquet');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/rows: 441 {2}usable: 441 {2}unusable: 0/);
    expect(r.stdout).toMatch(/by topic:\n {2}Reasoning \/ Logic +102/);
    expect(r.stdout).toMatch(/ {2}China +6/);
    expect(r.stdout).toMatch(/ {2}zh \(chinese\) +19/);
    expect(r.stdout).toMatch(/problems: none/);
  });

  it('lists problems (first N and a count of the rest) and exits 0 when some rows are usable', () => {
    const rows = [
      { question: 'q', answer: 'a', ability: 't' },
      ...Array.from({ length: 5 }, () => ({ question: 'q', answer: 'a', ability: 't', extra_info: { language: 'klingon' } })),
    ];
    const file = path.join(dir, 'mixed.jsonl');
    writeFileSync(file, rows.map((x) => JSON.stringify(x)).join('\n'));
    const r = cli('check', file, '--max-problems', '2');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/rows: 6 {2}usable: 1 {2}unusable: 5/);
    expect(r.stdout).toContain("mixed.jsonl, line 2, field extra_info.language: 'klingon' is not a known language");
    expect(r.stdout).toContain('… and 3 more');
  });

  it('exits 1 with a one-line reason when nothing is usable', () => {
    const file = path.join(dir, 'picture.parquet');
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const r = cli('check', file);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['error: picture.parquet: not a parquet file: it does not start with PAR1 (it looks like a PNG image)']);
  });

  it('exits 1 for a missing file and 2 for bad usage', () => {
    expect(cli('check', path.join(dir, 'nope.parquet')).status).toBe(1);
    expect(cli('check').status).toBe(2);
  });

  it('data blend converts BLEnD regions into a parquet dataset that data check reads back', () => {
    const out = path.join(dir, 'blend.parquet');
    const blend = path.resolve(ROOT, '../shared/data/blend');
    const r = cli('blend', blend, '--out', out, '--regions', 'UK,South Korea');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('UK: 500 questions, 489 usable, 11 dropped');
    expect(r.stdout).toContain('South_Korea: 500 questions, 484 usable, 16 dropped');
    const check = cli('check', out);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/rows: 973 {2}usable: 973 {2}unusable: 0/);
    expect(check.stdout).toMatch(/ko \(korean\) +484/);
    expect(cli('blend', blend, '--out', out, '--regions', 'Atlantis').status).toBe(1);
  });
});
