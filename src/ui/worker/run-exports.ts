// The exports the worker makes from the loaded run: the checkpoint (the engine's single-file
// format), the dataset as verl parquet, the router state, and for a run on an opened Hugging Face
// model its PEFT adapter, merged model and verl launch folder (each a .zip holding one folder). (Router JSONL, metrics CSV and the
// verl overrides are made on the page from what it already holds: see src/ui/export.)

import { writeExamplesParquet } from '../../data/parquet/write-parquet';
import { zipFolder } from '../export/zip';
import type { ExportKind, FolderExportKind } from './protocol';
import type { RunSession } from './run-session';

export async function exportRunState(s: RunSession, kind: ExportKind): Promise<{ filename: string; bytes: Uint8Array }> {
  if (kind === 'checkpoint') return s.exportCheckpoint();
  if (kind === 'peft_adapter' || kind === 'merged_model' || kind === 'verl_launch') return exportFolder(s, kind);
  if (kind === 'dataset') return { filename: 'dataset.parquet', bytes: await writeExamplesParquet(s.examples) };
  const state = s.run.routerState();
  if (!state) throw new Error('this run has no router state (routing is off or a fixed mix, or the warm-start SFT is still running)');
  return { filename: 'router_state.json', bytes: new TextEncoder().encode(JSON.stringify(state, null, 1)) };
}

/** the folder each export unzips to */
export const FOLDER_NAMES: Record<FolderExportKind, string> = { peft_adapter: 'lrpo-adapter', merged_model: 'lrpo-merged-model', verl_launch: 'lrpo-verl-launch' };

async function exportFolder(s: RunSession, kind: FolderExportKind): Promise<{ filename: string; bytes: Uint8Array }> {
  if (!s.exportFolder) throw new Error('this export is for a run on an opened Hugging Face model (model.path); the demo model exports its checkpoint and verl_overrides.txt');
  const name = FOLDER_NAMES[kind];
  return { filename: `${name}.zip`, bytes: zipFolder(name, await s.exportFolder(kind)) };
}
