// The page's side of opening an embedding model: the .onnx file and its tokenizer.json may be chosen
// together or one after the other, so the chosen files are sorted into the two roles and held until
// both are there; then they go to the worker, which checks them (embedding-upload.ts). After a
// refusal the file that was not to blame stays chosen, so only the other one has to be chosen again.
// Also the labels of the similarity in use. No DOM here (File-like objects only), no React.

import type { Problem } from '../../data/example';
import type { EmbeddingBlame, SimilarityInUse } from './embedding-upload';

export type EmbeddingFileKind = 'model' | 'tokenizer';

export interface EmbeddingPair<F> {
  model: F | null;
  tokenizer: F | null;
}

export const NO_FILES: EmbeddingPair<never> = { model: null, tokenizer: null };

/** Which role a chosen file has: by its name, else by its first character ('{': a tokenizer.json). */
export function embeddingFileKind(name: string, head: Uint8Array): EmbeddingFileKind | Problem {
  const lower = name.toLowerCase();
  if (/\.(onnx_data|onnx\.data|data)$/.test(lower)) {
    return { file: name, reason: 'a file of external weights: models whose weights are in a separate file are not supported; export the model as one .onnx file' };
  }
  if (lower.endsWith('.onnx') || lower.endsWith('.ort')) return 'model';
  if (lower.endsWith('.json')) return 'tokenizer';
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && [0x20, 0x09, 0x0a, 0x0d].includes(head[i])) i++;
  return head[i] === 0x7b ? 'tokenizer' : 'model';
}

/** The chosen files added to those held: complete when both roles are filled, or a problem. */
export function addEmbeddingFiles<F extends { name: string }>(
  held: EmbeddingPair<F>,
  chosen: readonly { file: F; kind: EmbeddingFileKind | Problem }[],
): { pair: EmbeddingPair<F> } | { problem: Problem } {
  if (chosen.length > 2) {
    return { problem: { file: chosen.map((c) => c.file.name).join(', '), reason: `${chosen.length} files were chosen: choose the model's .onnx file and its tokenizer.json` } };
  }
  const pair = { ...held };
  const seen = new Set<EmbeddingFileKind>();
  for (const c of chosen) {
    if (typeof c.kind !== 'string') return { problem: c.kind };
    if (seen.has(c.kind)) {
      const other = chosen.find((d) => d !== c && d.kind === c.kind)!.file.name;
      const what = c.kind === 'model' ? 'an ONNX model' : 'a tokenizer.json';
      return { problem: { file: `${other}, ${c.file.name}`, reason: `both look like ${what}: choose one .onnx model and its tokenizer.json` } };
    }
    seen.add(c.kind);
    pair[c.kind] = c.file;
  }
  return { pair };
}

/** What stays chosen after the worker refused a pair: the file that was not to blame. */
export function keptAfterRefusal<F>(submitted: EmbeddingPair<F>, blame: EmbeddingBlame): EmbeddingPair<F> {
  if (blame === 'model') return { model: null, tokenizer: submitted.tokenizer };
  if (blame === 'tokenizer') return { model: submitted.model, tokenizer: null };
  return { model: null, tokenizer: null };
}

/** The hint while one of the two files is chosen (null when none or both). */
export function heldLabel(held: EmbeddingPair<{ name: string }>): string | null {
  if (held.model && !held.tokenizer) return `${held.model.name} is chosen: now choose its tokenizer.json`;
  if (held.tokenizer && !held.model) return `${held.tokenizer.name} is chosen: now choose the model's .onnx file`;
  return null;
}

function size(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} bytes`;
}

export function similarityLabel(s: SimilarityInUse | null): string {
  if (!s) return '–';
  if (s.backend === 'match') return 'match (chrF; reward.similarity is "match")';
  const e = s.embedding;
  const from = e.source === 'file' ? 'opened files' : 'reward.embedding_model_url';
  return `embedding: ${e.model} + ${e.tokenizer} (${from}; ${size(e.modelBytes)}; inputs ${e.inputNames.join(', ')}; output ${e.outputName}; embedding size ${e.dim})`;
}
