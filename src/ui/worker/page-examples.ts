// The examples the Data view has loaded (src/ui/store/data-store.ts), sent to the worker so a run
// trains on the dataset the user opened; none = the worker loads data.train_files (the bundled demo).

import type { Example } from '../../data/example';
import { useDataStore } from '../store/data-store';

export function pageExamples(): Example[] {
  return [...useDataStore.getState().examples];
}
