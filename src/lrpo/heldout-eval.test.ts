import { describe, expect, it } from 'vitest';
import { CpuModel } from '../engine/gpt/cpu-model';
import { Rng } from '../engine/rng';
import { ByteTokenizer } from '../engine/tokenizer/byte-tokenizer';
import { evaluateHeldout } from './heldout-eval';
import { sftItems, sftStep } from './sft';
import { tinyExamples } from './testing/tiny-examples';
import type { RolloutScorer } from './trainer';

const tok = ByteTokenizer.forLanguages(['de', 'en', 'zh']);
// exact-match reward for the test, so the expected values are known
const score: RolloutScorer = async (items) => items.map((it) => {
  const ok = it.response === (it.example.references[it.targetLang] ?? '');
  return { detectedLang: ok ? it.targetLang : null, similarity: ok ? 1 : -1, calibrated: ok ? 1 : -1, reward: ok ? 1 : 0 };
});

describe('evaluateHeldout', () => {
  it('scores greedy answers per target language with the reward and exact match', async () => {
    const model = new CpuModel({ nLayer: 1, nHead: 2, nEmbd: 32, blockSize: 48, vocabSize: tok.vocabSize }, undefined, 2);
    const ex = tinyExamples().slice(0, 2);
    const items = sftItems(ex, tok, { extraLangs: 0, languages: ['de', 'en', 'zh'], mode: 'tag', maxPromptLength: 40, maxResponseLength: 8, answerStyle: 'short' }, new Rng(1));
    for (let i = 0; i < 60; i++) await sftStep(model, items, tok.padId, 1e-2);
    const opts = { mode: 'tag' as const, maxPromptLength: 40, maxResponseLength: 8 };
    const r = await evaluateHeldout(model, tok, ex.map((e) => ({ example: e, lang: 'en' })), score, opts);
    expect(r.byLang.en).toEqual({ n: 2, reward: 1, exact: 1, langMatch: 1 });
    const untaught = await evaluateHeldout(model, tok, ex.map((e) => ({ example: e, lang: 'zh' })), score, opts);
    expect(untaught.overall.n).toBe(2);
    expect(untaught.overall.exact).toBe(untaught.overall.reward);
  }, 30_000);
});
