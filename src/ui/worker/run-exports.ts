// The exports the worker makes from the loaded run: the checkpoint (the engine's single-file
// format), the dataset as verl parquet, and the router state. (Router JSONL, metrics CSV and the
// verl overrides are made on the page from what it already holds: see src/ui/export.)

import { writeExamplesParquet } from '../../data/parquet/write-parquet';
import type { ExportKind } from './protocol';
import type { RunSession } from './run-session';

export async function exportRunState(s: RunSession, kind: ExportKind): Promise<{ filename: string; bytes: Uint8Array }> {
  if (kind === 'checkpoint') return s.exportCheckpoint();
  if (kind === 'dataset') return { filename: 'dataset.parquet', bytes: await writeExamplesParquet(s.examples) };
  const state = s.run.routerState();
  if (!state) throw new Error('this run has no router state (routing is off or a fixed mix, or the warm-start SFT is still running)');
  return { filename: 'router_state.json', bytes: new TextEncoder().encode(JSON.stringify(state, null, 1)) };
}
