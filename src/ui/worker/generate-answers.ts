// The training worker's answer generation for the Evaluate view: the current run's model answers
// loaded questions, each in the question's own language, with the run's instruction mode (tag or
// system), greedy or with the run's sampling settings, in batches, with progress and cancel.
// Tag mode cannot signal a language the tokenizer has no <|out_lang_xx|> token for: those questions
// are skipped and listed (inventing a tag, or quietly prompting in another language, would produce
// answers that are not the model's answer to that question in that language).
// Generation never runs beside a training step: the runner refuses it while the loop runs
// (generationRefusal) and handles messages one at a time, so start/step/reset wait for it.

import type { Model as EngineModel, ModelConfigBase } from '../../engine/model-api';
type Model = EngineModel<ModelConfigBase>;
import type { RunConfig } from '../../lrpo/config';
import { generatePredictions, type PredictionTokenizer, type QuestionToAnswer } from '../../eval/generate-predictions';
import type { DeviceInfo, GenerateRequest, GenerateResult } from './protocol';
import { hasTag } from '../../lrpo/trainer';

export interface GenerationSource {
  model: Model;
  tokenizer: PredictionTokenizer;
  config: RunConfig;
  step: number;
  backend: DeviceInfo['backend'];
}

/** Why generation cannot run now, or null when it can. */
export function generationRefusal(s: { hasSession: boolean; running: boolean; recovering: boolean; generating: boolean }): string | null {
  if (s.recovering) return 'the run is recovering from a GPU device loss; try again when it is ready';
  if (s.running) return 'training is running: pause it in the Train view, then generate (generation never runs beside a training step)';
  if (s.generating) return 'a generation is already in progress';
  if (!s.hasSession) return 'no run is loaded: the run could not be built (see the Train view)';
  return null;
}


/** Splits questions into those the model can be prompted for and those skipped (tag mode, no tag). */
function splitByTag(
  questions: readonly QuestionToAnswer[],
  tok: PredictionTokenizer,
  mode: 'tag' | 'system' | 'chat',
): { answerable: QuestionToAnswer[]; skipped: { id: string; language: string }[] } {
  if (mode !== 'tag') return { answerable: [...questions], skipped: [] };
  const tagged = new Map<string, boolean>();
  const answerable: QuestionToAnswer[] = [];
  const skipped: { id: string; language: string }[] = [];
  for (const q of questions) {
    if (!tagged.has(q.language)) tagged.set(q.language, hasTag(tok, q.language));
    if (tagged.get(q.language)) answerable.push(q);
    else skipped.push({ id: q.id, language: q.language });
  }
  return { answerable, skipped };
}

function checkRequest(req: GenerateRequest): void {
  if (!Number.isInteger(req.maxNewTokens) || req.maxNewTokens < 1) throw new Error(`max new tokens must be a whole number >= 1, got ${req.maxNewTokens}`);
  if (!Number.isInteger(req.batchSize) || req.batchSize < 1) throw new Error(`batch size must be a whole number >= 1, got ${req.batchSize}`);
  if (!req.questions.length) throw new Error('there are no questions to answer');
}

const yieldToEvents = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * Generates answers for the request's questions. `onProgress` gets (done, total) over the
 * answerable questions, first with 0 and then after each batch; between batches the worker's
 * event loop runs, so a cancel message can abort `signal`.
 */
export async function generateAnswers(
  src: GenerationSource,
  req: GenerateRequest,
  signal: AbortSignal,
  onProgress: (done: number, total: number) => void,
): Promise<GenerateResult> {
  checkRequest(req);
  const c = src.config;
  const mode = c.data.instruction_mode;
  const { answerable, skipped } = splitByTag(req.questions, src.tokenizer, mode);
  const maxNew = Math.max(1, Math.min(req.maxNewTokens, src.model.config.blockSize - 2));
  const sampling =
    req.decoding === 'greedy'
      ? { temperature: 0, topK: 0, topP: 1, seed: 0 }
      : { temperature: c.actor.rollout_temperature, topK: c.actor.rollout_top_k, topP: c.actor.rollout_top_p, seed: c.seed };
  const decoding =
    req.decoding === 'greedy'
      ? 'greedy'
      : `sampled (temperature ${sampling.temperature}, top-k ${sampling.topK || 'off'}, top-p ${sampling.topP}, seed ${sampling.seed})`;
  onProgress(0, answerable.length);
  const predictions = answerable.length
    ? await generatePredictions(src.model, src.tokenizer, answerable, {
        maxNewTokens: maxNew, mode, ...sampling, batchSize: req.batchSize, signal,
        onProgress: async (done, total) => {
          onProgress(done, total);
          await yieldToEvents();
        },
      })
    : [];
  return {
    id: req.id,
    predictions,
    skipped,
    cancelled: predictions.length < answerable.length,
    model: { step: src.step, backend: src.backend, mode, decoding, maxNewTokens: maxNew },
  };
}
