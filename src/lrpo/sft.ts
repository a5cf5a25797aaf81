// Warm-start SFT: tagged questions with answers in the original language and k random other
// languages (the reference: 2), so that `<|out_lang_xx|>` means something before LRPO starts.
// Loss = mean cross-entropy over answer tokens (answer bytes + eos); prompt positions have no
// target. Also the exact-answer rate: normalized exact match of the greedy answer with the
// reference in the target language.

import type { Example } from '../data/example';
import type { Model as EngineModel, ModelConfigBase } from '../engine/model-api';
/** any family's model (GPT-2 or Llama-family): LRPO needs only the Model API */
type Model = EngineModel<ModelConfigBase>;
import type { Rng } from '../engine/rng';
import { packSequences, packedWidth } from './grpo/sequences';
import { microBatches } from './grpo/update';
import { buildPrompt, type InstructionMode, type PromptTokenizer } from './planner';
import { framedAnswer } from './instructions';
import { chrF } from './rewards/chrf';
import type { LanguageDetector } from './rewards/lid';
import { stopOptions, withoutStops } from './stop-ids';

export interface SftTokenizer extends PromptTokenizer {
  readonly eosId: number;
  /** every id that ends a response (generation_config.json's eos list); default [eosId] */
  readonly eosIds?: readonly number[];
  readonly padId: number;
  decode(ids: number[], opts?: { skipSpecials?: boolean }): string;
}

export interface SftItem {
  example: Example;
  lang: string;
  prompt: number[];
  answer: number[];
}

export interface SftOptions {
  extraLangs: number;
  /** languages that have a tag (the router arms) */
  languages: readonly string[];
  mode: InstructionMode;
  maxPromptLength: number;
  maxResponseLength: number;
  /** sentence: the answer inside the target language's answer frame (default); short: the bare answer */
  answerStyle?: 'sentence' | 'short';
}

/** Languages an example can be taught in: its own plus every arm it has a reference answer in. */
export function teachableLanguages(ex: Example, languages: readonly string[]): string[] {
  return languages.filter((l) => l !== ex.language && typeof ex.references[l] === 'string' && ex.references[l].trim() !== '');
}

/** One epoch's SFT items: each example in its own language plus `extraLangs` random others it has answers in. */
export function sftItems(examples: readonly Example[], tok: SftTokenizer, opts: SftOptions, rng: Rng): SftItem[] {
  const items: SftItem[] = [];
  for (const ex of examples) {
    const others = teachableLanguages(ex, opts.languages);
    const picked: string[] = [];
    while (picked.length < opts.extraLangs && others.length) picked.push(others.splice(rng.int(others.length), 1)[0]);
    for (const lang of [ex.language, ...picked]) {
      if (!opts.languages.includes(lang) && opts.mode === 'tag') continue;
      const bare = lang === ex.language ? ex.answer : ex.references[lang];
      const answerText = (opts.answerStyle ?? 'sentence') === 'sentence' ? framedAnswer(lang, bare) : bare;
      const answer = [...tok.encode(answerText).slice(0, opts.maxResponseLength - 1), tok.eosId];
      items.push({ example: ex, lang, prompt: buildPrompt(tok, ex.question, lang, opts.mode, opts.maxPromptLength), answer });
    }
  }
  return items;
}

export interface SftStepResult {
  loss: number;
  gradNorm: number;
  skipped: boolean;
  tokens: number;
}

/**
 * One SFT update on a batch of items: mean token cross-entropy over the batch's answer tokens, then
 * clipped AdamW. With `microBatchSize` > 0 (sft.micro_batch_size; 0 = the whole batch) the items are
 * cut in order into micro-batches, each its own forward and backward pass (packed as wide as the
 * batch, so the model's buffers keep one shape), gradients zeroed once and accumulated, one
 * optimizer step per batch. Every pass divides by the whole batch's answer tokens, so the loss and
 * gradient are the un-micro-batched token-mean (up to float rounding), not a mean of micro-batch
 * means: verl's SFT trainer (fsdp_sft_trainer) instead divides each micro-batch's own token-mean by
 * the number of micro-batches, which differs when micro-batches hold different numbers of tokens.
 * A non-finite loss stops the step before the optimizer (weights and AdamW unchanged).
 */
export async function sftStep(
  model: Model, items: readonly SftItem[], padId: number, lr: number, gradClip = 1.0, weightDecay = 0.0, microBatchSize = 0,
): Promise<SftStepResult> {
  const rows = items.map((it) => ({ prompt: it.prompt, response: it.answer }));
  const width = packedWidth(rows);
  const tokens = rows.reduce((a, r) => a + r.response.length, 0);
  model.zeroGrad();
  let loss = 0;
  for (const part of microBatches(rows, microBatchSize)) {
    const packed = packSequences(part, padId, width);
    const fwd = await model.forwardLogprobs(packed.batch);
    const d = new Float32Array(packed.mask.length);
    for (let i = 0; i < d.length; i++) {
      if (!packed.mask[i]) continue;
      loss -= fwd.logprobs[i] / tokens;
      d[i] = -1 / tokens;
    }
    if (!Number.isFinite(loss)) return { loss, gradNorm: NaN, skipped: true, tokens };
    await model.backwardLogprobs(d);
  }
  const st = await model.step({ lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay, maxGradNorm: gradClip });
  return { loss, gradNorm: st.gradNorm, skipped: st.skipped, tokens };
}

/** Unicode NFKC, lowercase, collapsed whitespace, trailing sentence punctuation removed. */
export function normalizeAnswer(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().replace(/[\s.!?。！？،؟।]+$/u, '').trim();
}

/**
 * An exact answer: after normalizeAnswer, the response is the reference itself or the reference
 * inside the target language's answer frame ("La respuesta es Austria."), nothing more or less.
 */
export function isExactAnswer(response: string, reference: string, lang: string): boolean {
  if (reference.trim() === '') return false;
  const r = normalizeAnswer(response);
  return r === normalizeAnswer(reference) || r === normalizeAnswer(framedAnswer(lang, reference));
}

export interface AnswerStats {
  correct: number;
  total: number;
  /** exact-answer rate */
  rate: number;
  /** answers whose detected language is the target language (only with a detector) */
  inTargetLang: number;
  /** mean chrF (0..1) of the answer against the reference in the target language */
  chrF: number;
}

export interface ExactAnswerResult {
  /** per target language */
  byLang: Record<string, AnswerStats>;
  /** exact-answer rate over all pairs */
  overall: number;
  /** fraction of answers in the target language (NaN without a detector): do the tags mean something? */
  tagFollowing: number;
  /** mean chrF over all pairs */
  chrF: number;
  /** the first few greedy answers, for a look by eye */
  samples: { question: string; lang: string; answer: string; reference: string; detected: string | null }[];
}

export interface AnswerEvalOptions {
  mode: InstructionMode;
  maxPromptLength: number;
  maxResponseLength: number;
  batchSize?: number;
  /** language detector for the tag-following rate */
  detector?: LanguageDetector;
  /** how many samples to keep (default 0) */
  samples?: number;
}

/**
 * Greedy answers for (example, lang) pairs, scored by normalized exact match with the reference in
 * that language, chrF against it, and (with a detector) whether the answer is in that language.
 */
export async function exactAnswerRate(
  model: Model, tok: SftTokenizer, pairs: readonly { example: Example; lang: string }[], opts: AnswerEvalOptions,
): Promise<ExactAnswerResult> {
  const byLang: ExactAnswerResult['byLang'] = {};
  const samples: ExactAnswerResult['samples'] = [];
  let correct = 0, inLang = 0, chrFSum = 0;
  const bs = opts.batchSize ?? 32;
  for (let i = 0; i < pairs.length; i += bs) {
    const chunk = pairs.slice(i, i + bs);
    const prompts = chunk.map((p) => buildPrompt(tok, p.example.question, p.lang, opts.mode, opts.maxPromptLength));
    const out = await model.generate(prompts, { maxNewTokens: opts.maxResponseLength, temperature: 0, seed: 0, ...stopOptions(tok) });
    chunk.forEach((p, j) => {
      const ids = withoutStops(tok, out.tokens[j]);
      const ref = p.lang === p.example.language ? p.example.answer : p.example.references[p.lang] ?? '';
      const answer = tok.decode(ids, { skipSpecials: true });
      const ok = isExactAnswer(answer, ref, p.lang);
      const detected = opts.detector ? opts.detector.detect(answer).lang : null;
      const c = ref !== '' ? chrF(answer, ref) : 0;
      const s = (byLang[p.lang] ??= { correct: 0, total: 0, rate: 0, inTargetLang: 0, chrF: 0 });
      s.total++;
      s.chrF += c;
      chrFSum += c;
      if (detected === p.lang) {
        s.inTargetLang++;
        inLang++;
      }
      if (ok) {
        s.correct++;
        correct++;
      }
      if (samples.length < (opts.samples ?? 0)) samples.push({ question: p.example.question, lang: p.lang, answer, reference: ref, detected });
    });
  }
  for (const s of Object.values(byLang)) {
    s.rate = s.total ? s.correct / s.total : 0;
    s.chrF = s.total ? s.chrF / s.total : 0;
  }
  const n = pairs.length;
  return {
    byLang,
    overall: n ? correct / n : 0,
    tagFollowing: opts.detector && n ? inLang / n : NaN,
    chrF: n ? chrFSum / n : 0,
    samples,
  };
}
