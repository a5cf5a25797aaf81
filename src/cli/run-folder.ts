// The run folder of `lrpo-studio train`, with atomic saves: each save is written into a temp folder
// and renamed to saves/step-NNNNNN, then `latest.json` (written to a temp file and renamed) points
// at it; only then are older saves removed. A crash at any moment leaves the previous save usable.

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';

export const LOGS = ['metrics.jsonl', 'router.jsonl', 'rollouts.jsonl'] as const;

/** Writes a file so that readers see either the old or the new content, never a partial one. */
export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

export class RunFolder {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  file(name: string): string {
    return path.join(this.dir, name);
  }

  append(log: (typeof LOGS)[number], lines: readonly unknown[]): void {
    if (!lines.length) return;
    appendFileSync(this.file(log), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  }

  /** Byte length of each log now (recorded in a save). */
  logSizes(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const l of LOGS) out[l] = existsSync(this.file(l)) ? statSync(this.file(l)).size : 0;
    return out;
  }

  /** Cuts each log back to its size at the save (drops lines written after it). */
  truncateLogs(sizes: Record<string, number>): void {
    for (const l of LOGS) {
      const f = this.file(l);
      const keep = sizes[l] ?? 0;
      if (existsSync(f) && statSync(f).size > keep) truncateSync(f, keep);
      if (!existsSync(f)) writeFileSync(f, '');
    }
  }

  /** Clears logs for a fresh run. */
  resetLogs(): void {
    for (const l of LOGS) writeFileSync(this.file(l), '');
  }

  /** Writes a complete save and makes it the latest; returns its folder. */
  writeSave(step: number, files: Record<string, Uint8Array>): string {
    const saves = this.file('saves');
    mkdirSync(saves, { recursive: true });
    const name = `step-${String(step).padStart(6, '0')}`;
    const tmp = path.join(saves, `.tmp-${name}-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    for (const [f, bytes] of Object.entries(files)) writeFileSync(path.join(tmp, f), bytes);
    const final = path.join(saves, name);
    rmSync(final, { recursive: true, force: true });
    renameSync(tmp, final);
    writeFileAtomic(this.file('latest.json'), JSON.stringify({ save: `saves/${name}`, step }) + '\n');
    for (const old of readdirSync(saves)) {
      if (old !== name) rmSync(path.join(saves, old), { recursive: true, force: true });
    }
    return final;
  }

  /** The files of the latest complete save, or null when there is none. */
  readLatestSave(): { where: string; files: Record<string, Uint8Array> } | null {
    const latest = this.file('latest.json');
    if (!existsSync(latest)) return null;
    let rel: string;
    try {
      rel = JSON.parse(readFileSync(latest, 'utf8')).save;
    } catch (e) {
      throw new Error(`${latest}: not valid JSON (${(e as Error).message})`);
    }
    const where = path.join(this.dir, rel);
    if (!existsSync(where)) throw new Error(`${latest}: points at ${rel}, which does not exist`);
    const files: Record<string, Uint8Array> = {};
    for (const f of readdirSync(where)) files[f] = new Uint8Array(readFileSync(path.join(where, f)));
    return { where, files };
  }
}
