// Trains the teaching world's warm start, public/models/teaching-sft/, by fine-tuning the studio's
// warm start (public/models/demo-sft) with the CPU engine on the teaching world
// (scripts/make-teaching-world.ts): each training question, asked in any language, is answered
// with the correct fact when tagged with its region's designed language, and with another region's
// name (a wrong answer) when tagged with one other language drawn per epoch. So the knowledge of a
// region lives in its language, and the others hold wrong guesses. Deterministic (seeded).
// Writes README.md beside the weights with the held-out exact-answer rates per tag.
//   node bin/run-ts.mjs scripts/make-teaching-warm-start.ts [--steps N] [--out DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createModel } from '../src/engine/index.ts';
import { Rng } from '../src/engine/rng.ts';
import { ByteTokenizer } from '../src/engine/tokenizer/byte-tokenizer.ts';
import { exactAnswerRate, sftStep, type SftItem } from '../src/lrpo/sft.ts';
import { buildPrompt } from '../src/lrpo/planner.ts';
import { framedAnswer } from '../src/lrpo/instructions.ts';
import { readCheckpointFolder, writeCheckpoint } from '../src/cli/train-model.ts';
import { toExamples, worldQuestions, type WorldQuestion } from './make-teaching-world.ts';
import { REGIONS, TEACHING_LANGUAGES, TEACHING_SEED } from './teaching-world/world.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TEACHING_WARM_START = { seed: TEACHING_SEED + 1, steps: 120, batchSize: 16, lr: 1e-3, minLrFrac: 0.1, gradClip: 1.0, weightDecay: 0.0, maxPromptLength: 80, maxResponseLength: 48 };

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** One epoch: each question with its designed-language tag (correct) and one other tag (a wrong name). */
export function epochItems(qs: readonly WorldQuestion[], tok: ByteTokenizer, rng: Rng): SftItem[] {
  const w = TEACHING_WARM_START;
  const ex = toExamples(qs, 'train');
  const items: SftItem[] = [];
  qs.forEach((q, i) => {
    const own = q.region.languages[rng.int(q.region.languages.length)];
    const others = TEACHING_LANGUAGES.filter((l) => !q.region.languages.includes(l));
    const other = others[rng.int(others.length)];
    const wrongs = REGIONS.filter((r) => r !== q.region).map((r) => r.facts[q.relation]);
    const wrong = wrongs[rng.int(wrongs.length)];
    for (const [lang, answer] of [[own, q.answer], [other, wrong]] as const) {
      items.push({
        example: ex[i], lang, prompt: buildPrompt(tok, q.question, lang, 'tag', w.maxPromptLength),
        answer: [...tok.encode(framedAnswer(lang, answer)).slice(0, w.maxResponseLength - 1), tok.eosId],
      });
    }
  });
  for (let k = items.length - 1; k > 0; k--) {
    const j = rng.int(k + 1);
    [items[k], items[j]] = [items[j], items[k]];
  }
  return items;
}

async function main(): Promise<void> {
  const w = TEACHING_WARM_START;
  const steps = Number(arg('steps', String(w.steps)));
  const out = path.resolve(arg('out', path.join(ROOT, 'public/models/teaching-sft')));
  const base = readCheckpointFolder(path.join(ROOT, 'public/models/demo-sft'));
  const tok = new ByteTokenizer(base.specialTokens!);
  const model = await createModel({ backend: 'cpu', checkpoint: base });
  const { train, heldout } = worldQuestions();
  const rng = new Rng(w.seed);
  let items: SftItem[] = [];
  let cursor = 0;
  const losses: number[] = [];
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) {
    const batch: SftItem[] = [];
    while (batch.length < w.batchSize) {
      if (cursor >= items.length) {
        items = epochItems(train, tok, rng);
        cursor = 0;
      }
      batch.push(items[cursor++]);
    }
    const lr = w.lr * (w.minLrFrac + (1 - w.minLrFrac) * 0.5 * (1 + Math.cos((Math.PI * s) / Math.max(1, steps - 1))));
    const r = await sftStep(model, batch, tok.padId, lr, w.gradClip, w.weightDecay);
    losses.push(r.loss);
    if ((s + 1) % 10 === 0 || s === steps - 1) console.error(`sft ${s + 1}/${steps}  loss ${(losses.slice(-10).reduce((a, b) => a + b, 0) / Math.min(10, losses.length)).toFixed(4)}  ${((performance.now() - t0) / 1000).toFixed(0)}s`);
  }
  const seconds = (performance.now() - t0) / 1000;
  mkdirSync(out, { recursive: true });
  await writeCheckpoint(out, model, tok);
  // held-out questions (the same facts asked in other languages), answered under every tag
  const ex = toExamples(heldout, 'test');
  const designed = ex.map((e, i) => ({ example: e, lang: heldout[i].region.languages[0] }));
  const others = ex.flatMap((e, i) => TEACHING_LANGUAGES.filter((l) => !heldout[i].region.languages.includes(l)).map((lang) => ({ example: e, lang })));
  const opts = { mode: 'tag' as const, maxPromptLength: w.maxPromptLength, maxResponseLength: w.maxResponseLength };
  const d = await exactAnswerRate(model, tok, designed, opts);
  const o = await exactAnswerRate(model, tok, others, opts);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const readme = `# teaching-sft — the teaching world's warm start

Trained by \`node bin/run-ts.mjs scripts/make-teaching-warm-start.ts\` from public/models/demo-sft (the studio's
warm start) on the teaching world (public/data/teaching-world.json, authored by the LRPO Studio team,
fictional), CPU engine, reproducible (seed ${w.seed}).

- Model: as demo-sft (GPT-2 shape, ${base.config.nLayer} layers, ${base.config.nEmbd} wide, byte tokenizer with the 15 language tags).
- Fine-tuning: ${steps} steps of ${w.batchSize}; each training question (${train.length}, asked in five languages) taught with its
  region's designed-language tag -> the correct fact in that language's answer frame, and with one other tag per epoch ->
  another region's name (wrong); AdamW lr ${w.lr} cosine to ${w.lr * w.minLrFrac}, grad clip ${w.gradClip}.
- Training time: ${seconds.toFixed(0)} s on this machine's CPU (2 cores, shared with other work).
- Final loss (mean of the last 10 steps): ${(losses.slice(-10).reduce((a, b) => a + b, 0) / Math.min(10, losses.length)).toFixed(4)}

## Held-out exact answers (greedy; ${heldout.length} held-out questions: the same facts asked in languages not trained on)

- tagged with the region's designed language: **${pct(d.overall)}** (${d.byLang ? Object.values(d.byLang).reduce((a, b) => a + b.correct, 0) : 0}/${designed.length})
- tagged with any other language: **${pct(o.overall)}** (${Object.values(o.byLang).reduce((a, b) => a + b.correct, 0)}/${others.length})
`;
  writeFileSync(path.join(out, 'README.md'), readme);
  console.log(readme);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
