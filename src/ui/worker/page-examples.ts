// The examples the Data view has loaded (src/ui/store/data-store.ts, another engineer's module), sent
// to the worker so a run trains on the dataset the user opened; none = the worker loads
// data.train_files (the bundled demo). Looked up at build time so this builds before that store lands.

import type { Example } from '../../data/example';

const dataStoreModules = import.meta.glob<{ useDataStore?: { getState(): { examples?: readonly Example[] } } }>(
  '../store/data-store.ts',
  { eager: true },
);

export function pageExamples(): Example[] {
  const mod = Object.values(dataStoreModules)[0];
  return [...(mod?.useDataStore?.getState().examples ?? [])];
}
