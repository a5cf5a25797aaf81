// The browser's model cache: a ModelStore in the origin-private file system (OPFS), one directory
// per model (models/<cache key>/), complete files under their names, unfinished downloads as
// "<name>.partial", and a ".complete" marker once every file of the model is in. A write refused
// for quota becomes StorageFullError (named file, bytes kept).

import { StorageFullError, type CachedModel, type ModelStore } from './model-store';

const PARTIAL = '.partial';
const COMPLETE = '.complete';

function isQuota(e: unknown): boolean {
  const n = (e as { name?: string })?.name;
  return n === 'QuotaExceededError' || /quota/i.test(String((e as Error)?.message ?? ''));
}

export function opfsAvailable(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.storage && typeof navigator.storage.getDirectory === 'function';
}

export class OpfsModelStore implements ModelStore {
  private async root(): Promise<FileSystemDirectoryHandle> {
    const top = await navigator.storage.getDirectory();
    return top.getDirectoryHandle('models', { create: true });
  }

  private async dir(key: string, create = true): Promise<FileSystemDirectoryHandle | null> {
    try {
      return await (await this.root()).getDirectoryHandle(key, { create });
    } catch {
      return null;
    }
  }

  private async file(key: string, name: string): Promise<File | null> {
    const d = await this.dir(key, false);
    if (!d) return null;
    try {
      return await (await d.getFileHandle(name)).getFile();
    } catch {
      return null;
    }
  }

  async list(): Promise<CachedModel[]> {
    const out: CachedModel[] = [];
    const root = await this.root();
    for await (const [key, h] of (root as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
      if (h.kind !== 'directory') continue;
      const files: { name: string; bytes: number }[] = [];
      let complete = false;
      for await (const [name, fh] of (h as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
        if (fh.kind !== 'file') continue;
        if (name === COMPLETE) {
          complete = true;
          continue;
        }
        const size = (await (fh as FileSystemFileHandle).getFile()).size;
        files.push({ name: name.endsWith(PARTIAL) ? `${name.slice(0, -PARTIAL.length)} (partial)` : name, bytes: size });
      }
      out.push({ key, files, bytes: files.reduce((a, f) => a + f.bytes, 0), complete });
    }
    return out.sort((a, b) => a.key.localeCompare(b.key));
  }

  async read(key: string, name: string): Promise<Uint8Array | null> {
    const f = await this.file(key, name);
    return f ? new Uint8Array(await f.arrayBuffer()) : null;
  }

  async partial(key: string, name: string): Promise<Uint8Array> {
    const f = await this.file(key, name + PARTIAL);
    return f ? new Uint8Array(await f.arrayBuffer()) : new Uint8Array(0);
  }

  async append(key: string, name: string, bytes: Uint8Array): Promise<void> {
    const d = (await this.dir(key))!;
    const h = await d.getFileHandle(name + PARTIAL, { create: true });
    const size = (await h.getFile()).size;
    let w: FileSystemWritableFileStream | null = null;
    try {
      w = await h.createWritable({ keepExistingData: true });
      await w.seek(size);
      await w.write(bytes as BufferSource);
      await w.close();
    } catch (e) {
      await w?.abort().catch(() => undefined);
      if (isQuota(e)) throw new StorageFullError(name, size, (e as Error).name || 'quota');
      throw new Error(`${name}: writing to the browser's storage failed (${(e as Error).message})`);
    }
  }

  async discardPartial(key: string, name: string): Promise<void> {
    const d = await this.dir(key, false);
    await d?.removeEntry(name + PARTIAL).catch(() => undefined);
  }

  async commit(key: string, name: string): Promise<void> {
    const d = (await this.dir(key))!;
    const h = await d.getFileHandle(name + PARTIAL);
    const moved = (h as unknown as { move?: (name: string) => Promise<void> }).move;
    if (moved) {
      await d.removeEntry(name).catch(() => undefined);
      await moved.call(h, name);
      return;
    }
    // no FileSystemHandle.move: copy then remove
    const bytes = new Uint8Array(await (await h.getFile()).arrayBuffer());
    const out = await d.getFileHandle(name, { create: true });
    const w = await out.createWritable();
    try {
      await w.write(bytes as BufferSource);
      await w.close();
    } catch (e) {
      await w.abort().catch(() => undefined);
      if (isQuota(e)) throw new StorageFullError(name, bytes.length, (e as Error).name || 'quota');
      throw e;
    }
    await d.removeEntry(name + PARTIAL);
  }

  async markComplete(key: string): Promise<void> {
    const d = (await this.dir(key))!;
    await d.getFileHandle(COMPLETE, { create: true });
  }

  async delete(key: string): Promise<void> {
    await (await this.root()).removeEntry(key, { recursive: true }).catch(() => undefined);
  }
}
