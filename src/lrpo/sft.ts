// Warm-start SFT: tagged questions with answers in the original language and k random other
// languages (the reference: 2), so that `<|out_lang_xx|>` means something before LRPO starts.
// Loss = mean cross-entropy over answer tokens (answer bytes + eos); prompt positions have no
// target. Also the exact-answer rate: normalized exact match of the greedy answer with the
// reference in the target language.

import type { Example } from '../data/example';
import type { Model } from '../engine/model-api';
import type { Rng } from '../engine/rng';
import { packSequences } from './grpo/sequences';
import { buildPrompt, type InstructionMode, type PromptTokenizer } from './planner';

export interface SftTokenizer extends PromptTokenizer {
  readonly eosId: number;
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
      const answerText = lang === ex.language ? ex.answer : ex.references[lang];
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

/** One SFT update on a batch of items: mean token cross-entropy over answer tokens, then clipped AdamW. */
export async function sftStep(model: Model, items: readonly SftItem[], padId: number, lr: number, gradClip = 1.0, weightDecay = 0.0): Promise<SftStepResult> {
  const packed = packSequences(items.map((it) => ({ prompt: it.prompt, response: it.answer })), padId);
  model.zeroGrad();
  const fwd = await model.forwardLogprobs(packed.batch);
  let loss = 0;
  const d = new Float32Array(packed.mask.length);
  for (let i = 0; i < d.length; i++) {
    if (!packed.mask[i]) continue;
    loss -= fwd.logprobs[i] / packed.tokens;
    d[i] = -1 / packed.tokens;
  }
  if (!Number.isFinite(loss)) return { loss, gradNorm: NaN, skipped: true, tokens: packed.tokens };
  await model.backwardLogprobs(d);
  const st = await model.step({ lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay, maxGradNorm: gradClip });
  return { loss, gradNorm: st.gradNorm, skipped: st.skipped, tokens: packed.tokens };
}

/** Unicode NFKC, lowercase, collapsed whitespace, trailing sentence punctuation removed. */
export function normalizeAnswer(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().replace(/[\s.!?。！？،؟]+$/u, '').trim();
}

export interface ExactAnswerResult {
  /** exact-answer rate per target language */
  byLang: Record<string, { correct: number; total: number; rate: number }>;
  overall: number;
}

/** Greedy answers for (example, lang) pairs, scored by normalized exact match with the reference in that language. */
export async function exactAnswerRate(
  model: Model, tok: SftTokenizer, pairs: readonly { example: Example; lang: string }[], opts: { mode: InstructionMode; maxPromptLength: number; maxResponseLength: number; batchSize?: number },
): Promise<ExactAnswerResult> {
  const byLang: ExactAnswerResult['byLang'] = {};
  let correct = 0;
  const bs = opts.batchSize ?? 32;
  for (let i = 0; i < pairs.length; i += bs) {
    const chunk = pairs.slice(i, i + bs);
    const prompts = chunk.map((p) => buildPrompt(tok, p.example.question, p.lang, opts.mode, opts.maxPromptLength));
    const out = await model.generate(prompts, { maxNewTokens: opts.maxResponseLength, temperature: 0, seed: 0, eosId: tok.eosId });
    chunk.forEach((p, j) => {
      const ids = out.tokens[j].filter((t) => t !== tok.eosId);
      const ref = p.lang === p.example.language ? p.example.answer : p.example.references[p.lang] ?? '';
      const ok = ref !== '' && normalizeAnswer(tok.decode(ids, { skipSpecials: true })) === normalizeAnswer(ref);
      const s = (byLang[p.lang] ??= { correct: 0, total: 0, rate: 0 });
      s.total++;
      if (ok) {
        s.correct++;
        correct++;
      }
    });
  }
  for (const s of Object.values(byLang)) s.rate = s.total ? s.correct / s.total : 0;
  return { byLang, overall: pairs.length ? correct / pairs.length : 0 };
}
