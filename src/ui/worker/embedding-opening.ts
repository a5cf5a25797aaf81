// An embedding model the user opens (or clears) while a run is loaded: checked in full first (the
// onnxruntime session is created and probe texts are embedded, embedding-upload.ts), then the
// reward's similarity from the next scoring. A model that cannot be used is refused with the file
// and the reason, leaves the similarity backend in use as it was and never disturbs a running loop.
// The runner owns the opened model's session: a replaced one is freed once no scoring uses it.

import { EmbeddingRefused, openEmbeddingUpload, type EmbeddingUpload, type OpenedEmbedding } from './embedding-upload';
import { requireSession, type RunnerOps, type RunnerState } from './runner-context';

function refusal(e: unknown, upload: EmbeddingUpload) {
  if (e instanceof EmbeddingRefused) return { problem: e.problem, blame: e.blame };
  return { problem: { file: `${upload.model.name} + ${upload.tokenizer.name}`, reason: (e as Error).message }, blame: 'both' as const };
}

export async function openEmbedding(st: RunnerState, ops: RunnerOps, upload: EmbeddingUpload): Promise<void> {
  const fail = (e: unknown) => ops.post({ type: 'embeddingFailed', ...refusal(e, upload) });
  requireSession(st);
  if (st.recovering) return fail(new Error('the studio is recovering from a GPU device loss; open the model again when it has finished'));
  let opened: OpenedEmbedding;
  try {
    opened = await openEmbeddingUpload(upload);
  } catch (e) {
    return fail(e);
  }
  await useEmbedding(st, ops, opened);
}

/** Swaps the reward's similarity (null: back to reward.similarity of the run's configuration). */
export async function useEmbedding(st: RunnerState, ops: RunnerOps, next: OpenedEmbedding | null): Promise<void> {
  const s = requireSession(st);
  let inUse;
  try {
    inUse = await s.setEmbedding(next);
  } catch (e) {
    if (next) {
      if (next !== st.embedding) await next.similarity.dispose();
      ops.post({ type: 'embeddingFailed', ...refusal(e, next.upload) });
    } else {
      ops.post({ type: 'error', message: `reward.similarity of the configuration could not be used (the opened embedding model stays in use): ${(e as Error).message}` });
    }
    return;
  }
  const old = st.embedding;
  st.usesEmbedding(next);
  ops.post({ type: 'similarity', inUse });
  // a step that started scoring with the old model finishes with it; then it is freed
  if (old && old !== next) void s.scoringIdle().then(() => old.similarity.dispose());
}
