// Checkpoint folders and bundles on disk (Node only: the CLI and tests). Writes go to a temporary
// name first and are renamed into place, so a failed save never leaves a half-written file over a
// good one.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkpointFromFiles, checkpointToBundle, checkpointToFiles, loadCheckpoint, type Checkpoint, type LoadCheckpointOptions } from './checkpoint';

function writeAtomic(path: string, bytes: Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

export function saveCheckpointDir(dir: string, ckpt: Checkpoint): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of checkpointToFiles(ckpt)) writeAtomic(join(dir, name), bytes);
}

export function saveCheckpointBundle(file: string, ckpt: Checkpoint): void {
  writeAtomic(file, checkpointToBundle(ckpt));
}

/** Loads a checkpoint folder or a single-file bundle (opts.requireFinite: see loadCheckpoint). */
export function loadCheckpointPath(path: string, opts: LoadCheckpointOptions = {}): Checkpoint {
  if (!existsSync(path)) throw new Error(`${path}: no such checkpoint folder or file`);
  if (statSync(path).isDirectory()) {
    const files = new Map<string, Uint8Array>();
    for (const name of readdirSync(path)) {
      if (name.endsWith('.json') || name.endsWith('.safetensors')) files.set(name, new Uint8Array(readFileSync(join(path, name))));
    }
    return checkpointFromFiles(files, path, opts);
  }
  return loadCheckpoint(new Uint8Array(readFileSync(path)), path, opts);
}
