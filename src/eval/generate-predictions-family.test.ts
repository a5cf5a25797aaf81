// "Generate predictions with the current model" on a Llama-family model: the qwen2-tiny fixture with
// its PEFT adapter, prompted through the chat template (system: the answer instruction in the
// question's language, user: the question), greedy, stopping at the eos ids. The predictions are the
// adapter-carrying model's own greedy continuation of exactly that prompt (checked step by step
// against forwardLogits' argmax), so they use the opened model, its template and the adapter.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadChatTemplate } from '../engine/hf/chat-template';
import { fsFolder } from '../engine/hf/folder-fs';
import { loadHfTokenizer } from '../engine/hf/tokenizer';
import { createFamilyModel } from '../engine/llama/create-family-model';
import { loadQwen2WithAdapter } from '../engine/llama/qwen2-fixture-helpers';
import { ChatTokenizer } from '../lrpo/family/chat-tokenizer';
import { answerInstruction } from '../lrpo/instructions';
import { generatePredictions } from './generate-predictions';

const dir = fileURLToPath(new URL('../../../shared/fixtures/qwen2-tiny', import.meta.url));

describe('generatePredictions with a chat model and a LoRA adapter', () => {
  it('answers through the chat template with the adapter, greedy, stopping at eos', async () => {
    const f = await loadQwen2WithAdapter();
    const folder = fsFolder(dir);
    const tok = new ChatTokenizer((await loadHfTokenizer(folder, f.hf.config.vocabSize))!, await loadChatTemplate(folder), f.hf.generation, dir);
    const model = await createFamilyModel('cpu', { config: f.hf.config, weights: f.hf.weights, adapter: f.adapter });
    const q = { id: 'q1', question: '¿En qué país está Salzburgo?', language: 'es' };
    const [p] = await generatePredictions(model, tok, [q], { mode: 'chat', maxNewTokens: 6 });
    // independent: greedy by argmax of the full forward pass over the same prompt
    let ids = tok.chatPrompt!(answerInstruction('es'), q.question);
    const out: number[] = [];
    for (let k = 0; k < 6; k++) {
      const logits = await model.forwardLogits(Int32Array.from(ids), 1, ids.length);
      const last = logits.subarray((ids.length - 1) * f.hf.config.vocabSize);
      let best = 0;
      for (let v = 1; v < last.length; v++) if (last[v] > last[best]) best = v;
      out.push(best);
      if (tok.eosIds.includes(best)) break;
      ids = [...ids, best];
    }
    const body = out.filter((t) => !tok.eosIds.includes(t));
    expect(p.prediction).toBe(tok.decode(body, { skipSpecials: true }));
    expect(p.stoppedAtEos).toBe(tok.eosIds.includes(out.at(-1)!));
  });
});
