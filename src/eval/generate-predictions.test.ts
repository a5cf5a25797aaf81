import { describe, expect, it } from 'vitest';
import { CpuModel } from '../engine/gpt/cpu-model';
import { ByteTokenizer } from '../engine/tokenizer/byte-tokenizer';
import { ANSWER_IN } from '../lrpo/instructions';
import { buildPrompt } from '../lrpo/planner';
import { generatePredictions } from './generate-predictions';

const tok = ByteTokenizer.forLanguages(['en', 'es', 'zh']);
const config = { nLayer: 1, nHead: 2, nEmbd: 16, blockSize: 48, vocabSize: tok.vocabSize };

/** Independent greedy decode: argmax of forwardLogits at the last position, one token at a time. */
async function greedyReference(model: CpuModel, prompt: number[], maxNew: number): Promise<number[]> {
  const seq = [...prompt];
  const out: number[] = [];
  for (let s = 0; s < maxNew; s++) {
    const logits = await model.forwardLogits(Int32Array.from(seq), 1, seq.length);
    const V = config.vocabSize;
    const last = logits.subarray((seq.length - 1) * V, seq.length * V);
    let best = 0;
    for (let v = 1; v < V; v++) if (last[v] > last[best]) best = v;
    out.push(best);
    seq.push(best);
    if (best === tok.eosId) break;
  }
  return out;
}

describe('generatePredictions', () => {
  it('uses the tag-mode prompt in the question language and matches an independent greedy decode', async () => {
    const model = new CpuModel(config, undefined, 7);
    const qs = [
      { id: 'a', question: '¿Capital?', language: 'es' },
      { id: 'b', question: '首都?', language: 'zh' },
    ];
    const got = await generatePredictions(model, tok, qs, { maxNewTokens: 6, batchSize: 1 });
    expect(got.map((g) => g.id)).toEqual(['a', 'b']);
    for (const [i, q] of qs.entries()) {
      const prompt = [tok.bosId, ...tok.encode(q.question), ...tok.encode('\n'), tok.langTokenId(q.language)];
      const ref = await greedyReference(model, prompt, 6);
      const body = ref.at(-1) === tok.eosId ? ref.slice(0, -1) : ref;
      expect(got[i].prediction).toBe(tok.decode(body, { skipSpecials: true }));
      expect(got[i].stoppedAtEos).toBe(ref.at(-1) === tok.eosId);
    }
  });
  it('system mode: the instruction in the question language, so a language without a tag still gets a prompt', async () => {
    // the Devanagari instruction alone is 50 bytes: a longer block keeps the prompt whole
    const model = new CpuModel({ ...config, blockSize: 96 }, undefined, 3);
    const q = { id: 'h', question: 'होली?', language: 'hi' };
    const [got] = await generatePredictions(model, tok, [q], { maxNewTokens: 4, mode: 'system' });
    const prompt = buildPrompt(tok, q.question, 'hi', 'system', 96 - 4);
    expect(tok.decode(prompt, { skipSpecials: true })).toBe(`${ANSWER_IN.hi}\n${q.question}\n`);
    const ref = await greedyReference(model, prompt, 4);
    expect(got.prediction).toBe(tok.decode(ref.at(-1) === tok.eosId ? ref.slice(0, -1) : ref, { skipSpecials: true }));
  });
  it('reports progress after each batch and stops between batches when aborted', async () => {
    const model = new CpuModel(config, undefined, 5);
    const qs = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, question: id, language: 'en' }));
    const seen: [number, number][] = [];
    const ac = new AbortController();
    const got = await generatePredictions(model, tok, qs, {
      maxNewTokens: 2, batchSize: 2, signal: ac.signal,
      onProgress: async (d, t) => {
        seen.push([d, t]);
        if (d >= 4) ac.abort();
      },
    });
    expect(seen).toEqual([[2, 5], [4, 5]]);
    expect(got.map((g) => g.id)).toEqual(['a', 'b', 'c', 'd']);
  });
  it('names the question whose language has no tag', async () => {
    const model = new CpuModel(config, undefined, 1);
    await expect(generatePredictions(model, tok, [{ id: 'q7', question: 'x', language: 'hi' }])).rejects.toThrow(/question q7: no <\|out_lang_hi\|> token/);
  });
});
