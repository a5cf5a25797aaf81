import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunFolder } from './run-folder';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'runfolder-'));
  dirs.push(d);
  return d;
};

describe('RunFolder', () => {
  it('keeps the previous save usable when a save is interrupted', () => {
    const rf = new RunFolder(tmp());
    rf.writeSave(1, { 'a.bin': new Uint8Array([1]) });
    rf.writeSave(2, { 'a.bin': new Uint8Array([2]) });
    expect(readdirSync(rf.file('saves'))).toEqual(['step-000002']);
    // a crash mid-save leaves a temp folder behind and latest.json untouched
    writeFileSync(path.join(rf.file('saves'), '.tmp-step-000003-1'), 'partial');
    const latest = rf.readLatestSave()!;
    expect(latest.where.endsWith('step-000002')).toBe(true);
    expect(Array.from(latest.files['a.bin'])).toEqual([2]);
  });

  it('cuts logs back to their size at the save', () => {
    const rf = new RunFolder(tmp());
    rf.resetLogs();
    rf.append('metrics.jsonl', [{ step: 1 }]);
    const sizes = rf.logSizes();
    rf.append('metrics.jsonl', [{ step: 2 }]);
    rf.truncateLogs(sizes);
    expect(readFileSync(rf.file('metrics.jsonl'), 'utf8')).toBe('{"step":1}\n');
  });

  it('has no save in a fresh folder', () => {
    expect(new RunFolder(tmp()).readLatestSave()).toBeNull();
  });
});
