// Contexts from the studio's loaded dataset, when the data store exists and holds examples. The
// store is imported lazily through a glob, so the playground builds and runs without it (then the
// built-in demo world is offered).

import type { Example } from '../../../data/example';

const stores = import.meta.glob('../../store/data-store.ts');

interface DataStoreModule {
  useDataStore?: { getState(): { examples?: unknown } };
}

export async function loadDatasetExamples(): Promise<Example[] | null> {
  const load = Object.values(stores)[0];
  if (!load) return null;
  try {
    const mod = (await load()) as DataStoreModule;
    const ex = mod.useDataStore?.getState().examples;
    return Array.isArray(ex) && ex.length ? (ex as Example[]) : null;
  } catch {
    return null;
  }
}
