// Exports: HfFolder (read access to a Hugging Face model folder: the same interface for a directory
// in Node, files the user dropped in the browser, or an in-memory map in tests), memoryFolder,
// filesFolder (File objects, e.g. from <input type=file webkitdirectory> or a drop; matched by base
// name), readJson and readText.
// `read` resolves to null when the file does not exist; `label` names the folder in error messages.

export interface HfFolder {
  label: string;
  read(name: string): Promise<Uint8Array | null>;
}

export function memoryFolder(label: string, files: Map<string, Uint8Array>): HfFolder {
  return { label, read: async (name) => files.get(name) ?? null };
}

/** Files picked or dropped in the browser, found by base name (a folder's relative path is ignored). */
export function filesFolder(label: string, files: Iterable<{ name: string; arrayBuffer(): Promise<ArrayBuffer> }>): HfFolder {
  const byName = new Map<string, { arrayBuffer(): Promise<ArrayBuffer> }>();
  for (const f of files) {
    const base = f.name.split('/').pop()!;
    if (byName.has(base)) throw new Error(`${label}: two files named ${base}; pick one model folder`);
    byName.set(base, f);
  }
  return {
    label,
    read: async (name) => {
      const f = byName.get(name);
      return f ? new Uint8Array(await f.arrayBuffer()) : null;
    },
  };
}

/** The file parsed as JSON, or null when absent; a clear error naming the file when it is not JSON. */
export async function readJson(folder: HfFolder, name: string): Promise<unknown | null> {
  const bytes = await folder.read(name);
  if (!bytes) return null;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new Error(`${folder.label}/${name}: not valid JSON (${(e as Error).message})`);
  }
}

export async function readText(folder: HfFolder, name: string): Promise<string | null> {
  const bytes = await folder.read(name);
  if (!bytes) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${folder.label}/${name}: not valid UTF-8 text`);
  }
}
