// Exports: fsFolder (an HfFolder over a directory on disk; Node only: the CLI and tests) and
// writeFolderFiles (write named files into a directory, each through a temporary name and a rename).
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HfFolder } from './folder';

export function fsFolder(dir: string): HfFolder {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir}: no such folder`);
  return {
    label: dir,
    read: async (name) => {
      const p = join(dir, name);
      if (!existsSync(p)) return null;
      return new Uint8Array(readFileSync(p));
    },
  };
}

export function writeFolderFiles(dir: string, files: Map<string, Uint8Array>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of files) {
    const p = join(dir, name);
    const tmp = `${p}.tmp-${process.pid}`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, p);
  }
}
