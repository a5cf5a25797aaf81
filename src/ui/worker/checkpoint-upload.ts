// A checkpoint the user opens in the studio, read and checked in full before anything of the current
// run is touched: the single-file bundle (the studio's export), or a checkpoint folder's files chosen
// together (config.json + model.safetensors [+ special_tokens.json]). Every failure is an Error whose
// message names the file and the reason (wrong tensor names or shapes, truncated bytes, a bad
// config.json, non-finite weights, a vocabulary or context too small for the run).

import type { RunConfig } from '../../lrpo/config';
import type { Checkpoint } from '../../engine/checkpoint/checkpoint';
import { CONFIG_FILE, SPECIALS_FILE, WEIGHTS_FILE, loadCheckpoint } from '../../engine/checkpoint/checkpoint';
import { ByteTokenizer } from '../../engine/tokenizer/byte-tokenizer';

export interface UploadFile {
  name: string;
  bytes: Uint8Array;
}

export interface OpenedCheckpoint {
  /** what the user opened, as shown in messages ("ckpt.safetensors" or "config.json + model.safetensors") */
  name: string;
  ckpt: Checkpoint;
}

/** The name messages use for a set of opened files. */
export function uploadLabel(files: readonly UploadFile[]): string {
  return files.map((f) => f.name).join(' + ') || '(no file)';
}

// Messages of a folder opened as separate files name them as "./config.json" etc.
const FOLDER = '.';
const FOLDER_FILES = [CONFIG_FILE, WEIGHTS_FILE, SPECIALS_FILE];

/** Parses the opened file(s) into a checkpoint; throws with the file and the reason. */
export function readCheckpointUpload(files: readonly UploadFile[]): OpenedCheckpoint {
  if (!files.length) throw new Error('no checkpoint file was chosen');
  const name = uploadLabel(files);
  let ckpt: Checkpoint;
  if (files.length === 1) {
    const f = files[0];
    if (f.name === CONFIG_FILE) throw new Error(`${f.name}: choose it together with ${WEIGHTS_FILE} (a checkpoint folder's files)`);
    ckpt = loadCheckpoint(f.bytes, f.name, { requireFinite: true });
  } else {
    const map = new Map<string, Uint8Array>();
    for (const f of files) {
      if (!FOLDER_FILES.includes(f.name)) {
        throw new Error(`${f.name}: not a file of a checkpoint folder (expected ${FOLDER_FILES.join(', ')})`);
      }
      map.set(f.name, f.bytes);
    }
    for (const need of [CONFIG_FILE, WEIGHTS_FILE]) if (!map.has(need)) throw new Error(`${name}: ${need} is missing`);
    ckpt = loadCheckpoint(map, FOLDER, { requireFinite: true });
  }
  return { name, ckpt };
}

/** Whether this run can train from the checkpoint: its tokenizer and context must fit the run. */
export function checkCheckpointForRun(c: OpenedCheckpoint, cfg: RunConfig): void {
  const { config, specialTokens } = c.ckpt;
  const tokenizer = specialTokens ? new ByteTokenizer(specialTokens) : ByteTokenizer.forLanguages(cfg.router.languages);
  if (config.vocabSize !== tokenizer.vocabSize) {
    throw new Error(`${c.name}: vocab_size ${config.vocabSize} does not match its tokenizer (${tokenizer.vocabSize} tokens${specialTokens ? '' : ` for the ${cfg.router.languages.length} router languages`})`);
  }
  const need = cfg.data.max_prompt_length + cfg.data.max_response_length;
  if (config.blockSize < need) {
    throw new Error(`${c.name}: its context (n_positions ${config.blockSize}) is shorter than data.max_prompt_length + data.max_response_length (${need})`);
  }
}
