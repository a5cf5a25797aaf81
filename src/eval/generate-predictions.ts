// Generates predictions with a studio model for loaded questions, each in the question's own
// language: the same tag-mode prompt the trainer uses ([bos] question "\n" <|out_lang_xx|>, cut
// from the front when too long), then the engine's sampler. Greedy (temperature 0) by default, so
// a prediction file is reproducible from the checkpoint alone.
import type { Model } from '../engine/model-api';
import { buildPrompt, type PromptTokenizer } from '../lrpo/planner';

export interface PredictionTokenizer extends PromptTokenizer {
  readonly eosId: number;
  decode(ids: ArrayLike<number>, opts?: { skipSpecials?: boolean }): string;
}

export interface QuestionToAnswer {
  id: string;
  question: string;
  /** ISO code of the question's language (must have an <|out_lang_xx|> token) */
  language: string;
}

export interface GeneratedPrediction {
  id: string;
  prediction: string;
  /** false when generation hit maxNewTokens or the block size before eos */
  stoppedAtEos: boolean;
}

export interface GenerateOptions {
  maxNewTokens: number;
  /** 0 = greedy */
  temperature: number;
  seed: number;
  /** prompts per generate() call */
  batchSize: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_GENERATE_OPTIONS: GenerateOptions = { maxNewTokens: 64, temperature: 0, seed: 0, batchSize: 8 };

/**
 * Answers every question. Throws (before generating anything) when a question's language has no
 * tag in the tokenizer, naming the question; stops between batches when `signal` aborts and
 * returns what was generated so far.
 */
export async function generatePredictions(
  model: Model,
  tok: PredictionTokenizer,
  questions: readonly QuestionToAnswer[],
  options: Partial<GenerateOptions> = {},
): Promise<GeneratedPrediction[]> {
  const o = { ...DEFAULT_GENERATE_OPTIONS, ...options };
  const maxNew = Math.max(1, Math.min(o.maxNewTokens, model.config.blockSize - 2));
  const maxPrompt = model.config.blockSize - maxNew;
  const prompts = questions.map((q) => {
    try {
      return buildPrompt(tok, q.question, q.language, 'tag', maxPrompt);
    } catch (e) {
      throw new Error(`question ${q.id}: ${(e as Error).message}`);
    }
  });
  const out: GeneratedPrediction[] = [];
  for (let i = 0; i < questions.length; i += o.batchSize) {
    if (o.signal?.aborted) break;
    const batch = prompts.slice(i, i + o.batchSize);
    const res = await model.generate(batch, { maxNewTokens: maxNew, temperature: o.temperature, seed: o.seed + i, eosId: tok.eosId });
    batch.forEach((_, j) => {
      const ids = res.tokens[j];
      const body = res.stoppedAtEos[j] && ids.at(-1) === tok.eosId ? ids.slice(0, -1) : ids;
      out.push({ id: questions[i + j].id, prediction: tok.decode(body, { skipSpecials: true }), stoppedAtEos: res.stoppedAtEos[j] });
    });
    o.onProgress?.(out.length, questions.length);
  }
  return out;
}
