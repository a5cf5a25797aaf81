// The run folder of `lrpo-studio train`, with atomic saves: each save is written (and fsynced) into
// a temp folder and renamed to a folder of its own, saves/step-NNNNNN-gG (G counts saves, so a save
// of the same step never overwrites the one latest.json points at); then `latest.json` (written to
// a temp file, fsynced and renamed) points at it; only then are older saves removed. A crash at any
// moment leaves the previous save usable.

import {
  appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync,
  statSync, truncateSync, writeFileSync, writeSync,
} from 'node:fs';
import path from 'node:path';

const LOGS = ['metrics.jsonl', 'router.jsonl', 'rollouts.jsonl', 'sft_metrics.jsonl'] as const;

/** Writes a file so that readers see either the old or the new content, never a partial one. */
export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileDurable(tmp, data);
  renameSync(tmp, file);
}

/** Writes and fsyncs a file, so a rename after it never exposes unwritten data after a power cut. */
function writeFileDurable(file: string, data: Uint8Array | string): void {
  const fd = openSync(file, 'w');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The stages of a save, in order; tests stop a save after any of them to play a crash. */
export type SaveStage = 'files-written' | 'folder-renamed' | 'latest-written' | 'old-removed';

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
  writeSave(step: number, files: Record<string, Uint8Array>, after?: (stage: SaveStage) => void): string {
    const saves = this.file('saves');
    mkdirSync(saves, { recursive: true });
    const generation = this.lastGeneration(saves) + 1;
    const name = `step-${String(step).padStart(6, '0')}-g${generation}`;
    const tmp = path.join(saves, `.tmp-${name}-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    for (const [f, bytes] of Object.entries(files)) writeFileDurable(path.join(tmp, f), bytes);
    after?.('files-written');
    const final = path.join(saves, name);
    renameSync(tmp, final);
    after?.('folder-renamed');
    writeFileAtomic(this.file('latest.json'), JSON.stringify({ save: `saves/${name}`, step }) + '\n');
    after?.('latest-written');
    for (const old of readdirSync(saves)) {
      if (old !== name) rmSync(path.join(saves, old), { recursive: true, force: true });
    }
    after?.('old-removed');
    return final;
  }

  /** The highest save generation in the folder (0 when none); temp folders count too. */
  private lastGeneration(saves: string): number {
    let g = 0;
    for (const f of readdirSync(saves)) {
      const m = /-g(\d+)(?:-\d+)?$/.exec(f);
      if (m) g = Math.max(g, Number(m[1]));
    }
    return g;
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
