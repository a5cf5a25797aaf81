// Generates predictions with a studio model for loaded questions, each in the question's own
// language: the same prompt the trainer uses (tag mode: [bos] question "\n" <|out_lang_xx|>;
// system mode: an instruction written in that language, then the question; cut from the front
// when too long), then the engine's sampler. Greedy (temperature 0) by default, so a prediction
// file is reproducible from the checkpoint alone.
import type { Model as EngineModel, ModelConfigBase } from '../engine/model-api';
type Model = EngineModel<ModelConfigBase>;
import { buildPrompt, type InstructionMode, type PromptTokenizer } from '../lrpo/planner';
import { stopOptions, withoutStops } from '../lrpo/stop-ids';

export interface PredictionTokenizer extends PromptTokenizer {
  readonly eosId: number;
  /** every id that ends a response (a Hugging Face model's generation_config.json eos list) */
  readonly eosIds?: readonly number[];
  decode(ids: ArrayLike<number>, opts?: { skipSpecials?: boolean }): string;
}

export interface QuestionToAnswer {
  id: string;
  question: string;
  /** ISO code of the question's language (tag mode: must have an <|out_lang_xx|> token) */
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
  /** how the target language is signalled (the run's data.instruction_mode) */
  mode: InstructionMode;
  /** 0 = greedy */
  temperature: number;
  /** 0 = off */
  topK: number;
  /** 1 = off */
  topP: number;
  seed: number;
  /** prompts per generate() call */
  batchSize: number;
  signal?: AbortSignal;
  /** called after each batch; awaited, so a caller can yield there (e.g. to let a cancel arrive) */
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

const DEFAULT_GENERATE_OPTIONS: GenerateOptions = { maxNewTokens: 64, mode: 'tag', temperature: 0, topK: 0, topP: 1, seed: 0, batchSize: 8 };

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
      return buildPrompt(tok, q.question, q.language, o.mode, maxPrompt);
    } catch (e) {
      throw new Error(`question ${q.id}: ${(e as Error).message}`);
    }
  });
  const out: GeneratedPrediction[] = [];
  for (let i = 0; i < questions.length; i += o.batchSize) {
    if (o.signal?.aborted) break;
    const batch = prompts.slice(i, i + o.batchSize);
    const res = await model.generate(batch, {
      maxNewTokens: maxNew, temperature: o.temperature, topK: o.topK || undefined, topP: o.topP, seed: o.seed + i, ...stopOptions(tok),
    });
    batch.forEach((_, j) => {
      const ids = res.tokens[j];
      const body = res.stoppedAtEos[j] ? withoutStops(tok, ids) : ids;
      out.push({ id: questions[i + j].id, prediction: tok.decode(body, { skipSpecials: true }), stoppedAtEos: res.stoppedAtEos[j] });
    });
    await o.onProgress?.(out.length, questions.length);
  }
  return out;
}
