// The run configuration as a RUN.json file, the format `lrpo-studio train --config` reads
// (src/cli/train-inputs.ts -> resolveRunConfig): every option, with the files opened in the studio
// named in place of the configured ones, so the CLI run uses the same model and table when those
// files are put beside RUN.json.

import type { RunConfig } from '../../lrpo/config';
import type { CalibrationInfo } from '../worker/calibration-upload';
import type { SimilarityInUse } from '../worker/embedding-upload';

export interface OpenedInputs {
  /** the opened checkpoint the run started from ("a.safetensors", or "config.json + model.safetensors" for a folder's files) */
  checkpoint: string | null;
  calibration: CalibrationInfo | null;
  /** the similarity in use (an embedding model opened as files is named in place of the configured one) */
  similarity?: SimilarityInUse | null;
}

export function runConfigFile(config: RunConfig, opened: OpenedInputs): { text: string; notes: string[] } {
  const out = structuredClone(config);
  const notes: string[] = [];
  if (opened.checkpoint) {
    if (!opened.checkpoint.includes(' + ')) {
      out.model.checkpoint = opened.checkpoint;
      notes.push(`model.checkpoint names ${opened.checkpoint}, the checkpoint opened in the studio: put it beside RUN.json`);
    } else {
      notes.push(`the run started from a checkpoint folder opened as files (${opened.checkpoint}); set model.checkpoint to that folder`);
    }
  }
  const c = opened.calibration;
  if (c?.source === 'file') {
    out.reward.calibration = c.mode;
    out.reward.calibration_table = c.name;
    notes.push(`reward.calibration_table names ${c.name}, the table opened in the studio: put it beside RUN.json`);
  }
  const s = opened.similarity;
  if (s?.backend === 'embedding' && s.embedding.source === 'file') {
    out.reward.similarity = 'embedding';
    out.reward.embedding_model_url = s.embedding.model;
    out.reward.embedding_tokenizer_url = s.embedding.tokenizer;
    notes.push(`reward.embedding_model_url and reward.embedding_tokenizer_url name ${s.embedding.model} and ${s.embedding.tokenizer}, the embedding model opened in the studio: put them beside RUN.json`);
  }
  return { text: JSON.stringify(out, null, 2) + '\n', notes };
}
