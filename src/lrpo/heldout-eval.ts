// Held-out evaluation of a policy: greedy answers to held-out questions in chosen target languages,
// scored with the run's reward (language gate, similarity, calibration) and by normalized exact
// match with the reference in the target language, bare or in its answer frame (sft.ts
// isExactAnswer); per target language and overall.

import type { Example } from '../data/example';
import type { Model as EngineModel, ModelConfigBase } from '../engine/model-api';
/** any family's model (GPT-2 or Llama-family): LRPO needs only the Model API */
type Model = EngineModel<ModelConfigBase>;
import { buildPrompt, type InstructionMode } from './planner';
import { isExactAnswer, type SftTokenizer } from './sft';
import type { RolloutScorer } from './trainer';
import { stopOptions, withoutStops } from './stop-ids';

export interface LangScore {
  n: number;
  reward: number;
  exact: number;
  langMatch: number;
}

export interface HeldoutResult {
  byLang: Record<string, LangScore>;
  overall: LangScore;
}

export interface HeldoutOptions {
  mode: InstructionMode;
  maxPromptLength: number;
  maxResponseLength: number;
  batchSize?: number;
}

export async function evaluateHeldout(
  model: Model, tok: SftTokenizer, pairs: readonly { example: Example; lang: string }[], score: RolloutScorer, opts: HeldoutOptions,
): Promise<HeldoutResult> {
  const sums = new Map<string, LangScore>();
  const total: LangScore = { n: 0, reward: 0, exact: 0, langMatch: 0 };
  const bs = opts.batchSize ?? 32;
  for (let i = 0; i < pairs.length; i += bs) {
    const chunk = pairs.slice(i, i + bs);
    const gen = await model.generate(chunk.map((p) => buildPrompt(tok, p.example.question, p.lang, opts.mode, opts.maxPromptLength)), {
      maxNewTokens: opts.maxResponseLength, temperature: 0, seed: 0, ...stopOptions(tok),
    });
    const texts = gen.tokens.map((ids) => tok.decode(withoutStops(tok, ids), { skipSpecials: true }));
    const rewards = await score(chunk.map((p, j) => ({ response: texts[j], targetLang: p.lang, example: p.example })));
    chunk.forEach((p, j) => {
      const ref = p.lang === p.example.language ? p.example.answer : p.example.references[p.lang] ?? '';
      const exact = isExactAnswer(texts[j], ref, p.lang) ? 1 : 0;
      const s = sums.get(p.lang) ?? { n: 0, reward: 0, exact: 0, langMatch: 0 };
      for (const acc of [s, total]) {
        acc.n++;
        acc.reward += rewards[j].reward;
        acc.exact += exact;
        acc.langMatch += rewards[j].detectedLang === p.lang ? 1 : 0;
      }
      sums.set(p.lang, s);
    });
  }
  const mean = (s: LangScore): LangScore => ({ n: s.n, reward: s.n ? s.reward / s.n : 0, exact: s.n ? s.exact / s.n : 0, langMatch: s.n ? s.langMatch / s.n : 0 });
  const byLang: Record<string, LangScore> = {};
  for (const [l, s] of [...sums].sort(([a], [b]) => a.localeCompare(b))) byLang[l] = mean(s);
  return { byLang, overall: mean(total) };
}
