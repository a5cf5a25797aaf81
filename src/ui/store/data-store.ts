// The loaded dataset, shared by every view (the Train view reads `examples` from here). Loading a file
// that cannot be used leaves the current dataset as it was and records why in `lastError`.
//   useDataStore((s) => s.examples), useDataStore.getState().loadFile(file), loadDemo(), loadBytes()
import { create } from 'zustand';
import type { Example, Problem } from '../../data/example';
import { isUsable, loadDataset, MAX_FILE_BYTES, type DatasetFormat } from '../../data/load-dataset';

const DEMO_FILE_NAME = 'demo.parquet';

export interface LoadFailure {
  fileName: string;
  problems: Problem[];
}

export interface DataState {
  /** usable examples of the current dataset */
  examples: Example[];
  /** name of the current dataset's file (null before anything loaded) */
  fileName: string | null;
  format: DatasetFormat | null;
  /** rows in the current file, usable or not */
  rowCount: number;
  columns: string[];
  /** problems of the current dataset (its unusable rows and ignored values) */
  problems: Problem[];
  /** increases by one with each dataset that loads; lets derived state (SQL table) refresh */
  version: number;
  /** the file being read now */
  loadingName: string | null;
  /** the last file that could not be used (the current dataset was kept) */
  lastError: LoadFailure | null;
  loadBytes(bytes: Uint8Array, fileName: string): Promise<boolean>;
  loadFile(file: File): Promise<boolean>;
  loadDemo(): Promise<boolean>;
  dismissError(): void;
}

export const useDataStore = create<DataState>()((set) => {
  // The last load started wins: a file the user opens while the demo (or another file) is still
  // being read is not replaced when the earlier read finishes.
  let latest = 0;
  const loadBytes = async (bytes: Uint8Array, fileName: string): Promise<boolean> => {
    const ticket = ++latest;
    set({ loadingName: fileName });
    const done = () => (ticket === latest ? { loadingName: null } : {});
    try {
      const d = await loadDataset(bytes, fileName);
      if (!isUsable(d)) {
        set({ ...done(), lastError: { fileName, problems: d.problems } });
        return false;
      }
      if (ticket !== latest) return false; // superseded by a later load
      set((s) => ({
        examples: d.examples, fileName: d.fileName, format: d.format, rowCount: d.rowCount, columns: d.columns,
        problems: d.problems, version: s.version + 1, loadingName: null, lastError: null,
      }));
      return true;
    } catch (e) {
      set({ ...done(), lastError: { fileName, problems: [{ file: fileName, reason: `could not be read: ${(e as Error).message}` }] } });
      return false;
    }
  };
  return {
    examples: [], fileName: null, format: null, rowCount: 0, columns: [], problems: [], version: 0,
    loadingName: null, lastError: null,
    loadBytes,
    async loadFile(file: File) {
      if (file.size > MAX_FILE_BYTES) {
        const reason = `the file is ${file.size} bytes, more than the limit of ${MAX_FILE_BYTES}`;
        set({ lastError: { fileName: file.name, problems: [{ file: file.name, reason }] } });
        return false;
      }
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch (e) {
        set({ lastError: { fileName: file.name, problems: [{ file: file.name, reason: `could not be read: ${(e as Error).message}` }] } });
        return false;
      }
      return loadBytes(bytes, file.name);
    },
    async loadDemo() {
      const url = `${import.meta.env.BASE_URL}data/${DEMO_FILE_NAME}`;
      let bytes: Uint8Array;
      try {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        bytes = new Uint8Array(await res.arrayBuffer());
      } catch (e) {
        set({ lastError: { fileName: DEMO_FILE_NAME, problems: [{ file: DEMO_FILE_NAME, reason: `could not be fetched from ${url}: ${(e as Error).message}` }] } });
        return false;
      }
      return loadBytes(bytes, DEMO_FILE_NAME);
    },
    dismissError() {
      set({ lastError: null });
    },
  };
});
