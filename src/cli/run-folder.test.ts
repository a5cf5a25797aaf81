import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunFolder, type SaveStage } from './run-folder';

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
    expect(readdirSync(rf.file('saves'))).toEqual(['step-000002-g2']);
    // a crash mid-save leaves a temp folder behind and latest.json untouched
    writeFileSync(path.join(rf.file('saves'), '.tmp-step-000003-g3-1'), 'partial');
    const latest = rf.readLatestSave()!;
    expect(latest.where.endsWith('step-000002-g2')).toBe(true);
    expect(Array.from(latest.files['a.bin'])).toEqual([2]);
  });

  const STAGES: SaveStage[] = ['files-written', 'folder-renamed', 'latest-written', 'old-removed'];
  for (const sameStep of [false, true]) {
    for (const stage of STAGES) {
      it(`a crash after '${stage}' leaves a usable save (${sameStep ? 'the same step saved again' : 'a later step'})`, () => {
        const rf = new RunFolder(tmp());
        rf.writeSave(5, { 'a.bin': new Uint8Array([5, 5]), 'b.json': new TextEncoder().encode('{"x":1}') });
        const crash = new Error('crash');
        expect(() => rf.writeSave(sameStep ? 5 : 6, { 'a.bin': new Uint8Array([6]) }, (s) => { if (s === stage) throw crash; })).toThrow(crash);
        const latest = rf.readLatestSave()!;
        // before latest.json flips, the old save is the latest; after, the new one, complete
        const flipped = STAGES.indexOf(stage) >= STAGES.indexOf('latest-written');
        expect(Array.from(latest.files['a.bin'])).toEqual(flipped ? [6] : [5, 5]);
        if (!flipped) expect(new TextDecoder().decode(latest.files['b.json'])).toBe('{"x":1}');
        // and the next save after the crash works and becomes the latest
        rf.writeSave(7, { 'a.bin': new Uint8Array([7]) });
        expect(Array.from(rf.readLatestSave()!.files['a.bin'])).toEqual([7]);
        expect(readdirSync(rf.file('saves')).filter((f) => !f.startsWith('.tmp'))).toHaveLength(1);
      });
    }
  }

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
