// Trains the studio's warm-start checkpoint, public/models/demo-sft/, from the demo dataset with the
// CPU engine: SFT on tagged questions (`question\n<|out_lang_xx|>`) with answers in the original
// language and k = 2 random other languages, so the language tags mean something before LRPO.
// Deterministic: the same seed and arguments give the same weights. Writes README.md beside the
// weights with the final SFT loss and the held-out exact-answer rates.
//   node bin/run-ts.mjs scripts/make-warm-start.ts [--steps N] [--out DIR] [--data DIR]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../src/data/load-dataset.ts';
import type { Example } from '../src/data/example.ts';
import { ROUTER_LANGUAGES } from '../src/data/languages.ts';
import { createModel } from '../src/engine/index.ts';
import type { Model } from '../src/engine/model-api.ts';
import { Rng } from '../src/engine/rng.ts';
import { ByteTokenizer } from '../src/engine/tokenizer/byte-tokenizer.ts';
import { exactAnswerRate } from '../src/lrpo/sft.ts';
import { SftLoop, sftLearningRate, type SftRecipe } from '../src/lrpo/sft-loop.ts';
import { shuffleInPlace } from '../src/data/shuffle.ts';
import { writeCheckpoint } from '../src/cli/train-model.ts';
import { createLanguageDetector } from '../src/lrpo/rewards/lid.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WARM_START = {
  seed: 20261123,
  nLayer: 2, nHead: 4, nEmbd: 128, blockSize: 128,
  steps: 2400, batchSize: 16, lr: 3e-3, warmup: 50, minLrFrac: 0.1, extraLangs: 2, gradClip: 1.0, weightDecay: 0.01,
  maxPromptLength: 80, maxResponseLength: 48,
};

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function load(file: string): Promise<Example[]> {
  const d = await loadDataset(new Uint8Array(readFileSync(file)), file);
  if (d.problems.length) throw new Error(`${file}: ${d.problems.length} unusable rows (first: ${d.problems[0].reason})`);
  return d.examples;
}

/** The warm start's SFT recipe (the one SFT loop's, src/lrpo/sft-loop.ts) for `steps` steps. */
function recipe(steps: number): SftRecipe {
  const w = WARM_START;
  return { steps, batchSize: w.batchSize, lr: w.lr, warmupSteps: w.warmup, minLrRatio: w.minLrFrac, weightDecay: w.weightDecay, gradClip: w.gradClip };
}

export interface WarmStartRun {
  model: Model;
  tok: ByteTokenizer;
  losses: number[];
}

/**
 * The warm start's SFT from a fresh seeded init: `steps` updates of WARM_START.batchSize items,
 * the answers in their language's answer frame. Deterministic for the same data and steps.
 */
export async function trainWarmStart(
  train: readonly Example[], steps: number, onStep?: (step: number, run: WarmStartRun) => Promise<void>,
): Promise<WarmStartRun> {
  const w = WARM_START;
  const tok = new ByteTokenizer();
  const model = await createModel({ backend: 'cpu', config: { nLayer: w.nLayer, nHead: w.nHead, nEmbd: w.nEmbd, blockSize: w.blockSize, vocabSize: tok.vocabSize }, seed: w.seed });
  const opts = { extraLangs: w.extraLangs, languages: ROUTER_LANGUAGES, mode: 'tag' as const, maxPromptLength: w.maxPromptLength, maxResponseLength: w.maxResponseLength, answerStyle: 'sentence' as const };
  const loop = new SftLoop(model, tok, train, opts, recipe(steps), w.seed);
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    losses.push((await loop.next()).loss);
    await onStep?.(s, { model, tok, losses });
  }
  return { model, tok, losses };
}

async function main(): Promise<void> {
  const w = WARM_START;
  const steps = Number(arg('steps', String(w.steps)));
  const out = path.resolve(arg('out', path.join(ROOT, 'public/models/demo-sft')));
  const dataDir = path.resolve(arg('data', path.join(ROOT, 'public/data')));
  const train = await load(path.join(dataDir, 'demo.parquet'));
  const heldout = await load(path.join(dataDir, 'demo-heldout.parquet'));
  const detector = await createLanguageDetector();
  const evalOpts = { mode: 'tag' as const, maxPromptLength: w.maxPromptLength, maxResponseLength: w.maxResponseLength, detector };
  // a fixed probe of 60 held-out (question, language) pairs, checked every 500 steps
  const probeRng = new Rng(w.seed + 2);
  // every held-out question in every router language it has a reference in
  const heldoutPairs = heldout.flatMap((e) => ROUTER_LANGUAGES.filter((l) => e.references[l]).map((lang) => ({ example: e, lang })));
  const probe = shuffleInPlace([...heldoutPairs], probeRng).slice(0, 60); // shuffle works in place: a copy
  const t0 = performance.now();
  const { model, tok, losses } = await trainWarmStart(train, steps, async (s, run) => {
    if ((s + 1) % 20 === 0 || s === steps - 1) {
      const recent = run.losses.slice(-20);
      console.error(`sft ${s + 1}/${steps}  loss ${(recent.reduce((a, b) => a + b, 0) / recent.length).toFixed(4)}  lr ${sftLearningRate(recipe(steps), s).toExponential(2)}  ${((performance.now() - t0) / 1000).toFixed(0)}s`);
    }
    if ((s + 1) % 500 === 0 && s !== steps - 1) {
      const p = await exactAnswerRate(run.model, run.tok, probe, evalOpts);
      console.error(`  probe (60 held-out pairs): in the tagged language ${(100 * p.tagFollowing).toFixed(0)}%, exact ${(100 * p.overall).toFixed(0)}%, chrF ${p.chrF.toFixed(3)}`);
    }
  });
  const finalLoss = losses.slice(-20).reduce((a, b) => a + b, 0) / Math.min(20, losses.length);
  const orig = await exactAnswerRate(model, tok, heldout.map((e) => ({ example: e, lang: e.language })), evalOpts);
  const all = await exactAnswerRate(model, tok, heldoutPairs, { ...evalOpts, samples: 400 });
  const trainSample = shuffleInPlace([...train], new Rng(w.seed + 1)).slice(0, 100);
  const trainOrig = await exactAnswerRate(model, tok, trainSample.map((e) => ({ example: e, lang: e.language })), evalOpts);
  mkdirSync(out, { recursive: true });
  await writeCheckpoint(out, model, tok);
  const seconds = (performance.now() - t0) / 1000;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const rows = ROUTER_LANGUAGES.map((l) => {
    const b = all.byLang[l];
    return b ? `| ${l} | ${pct(b.inTargetLang / b.total)} | ${b.chrF.toFixed(3)} | ${b.correct}/${b.total} (${pct(b.rate)}) |` : `| ${l} | - | - | - |`;
  });
  // one sample per target language, for a look by eye (text only, cut to one line)
  const oneLine = (t: string) => t.replace(/\s+/g, ' ').replace(/\|/g, '/').slice(0, 60);
  const samples = ROUTER_LANGUAGES.map((l) => all.samples.find((x) => x.lang === l)).filter((x) => x !== undefined)
    .map((x) => `| ${x.lang} | ${oneLine(x.question)} | ${oneLine(x.answer)} | ${x.detected ?? '-'} | ${oneLine(x.reference)} |`);
  const readme = `# demo-sft — the studio's warm-start checkpoint

Trained by \`npm run make:warm-start\` (scripts/make-warm-start.ts) from the demo dataset
(public/data/demo.parquet, authored by the LRPO Studio team) with the CPU engine. Reproducible: the same
seed and arguments give the same weights.

- Model: GPT-2 shape, ${w.nLayer} layers, ${w.nHead} heads, ${w.nEmbd} wide, block size ${w.blockSize}, byte tokenizer with bos/eos/pad and 15 \`<|out_lang_xx|>\` tags (vocab ${tok.vocabSize}).
- SFT: ${steps} steps of ${w.batchSize} (question + "\\n" + tag -> the answer inside that language's answer frame, e.g. "La respuesta es Austria.", + eos), answers in the original language plus ${w.extraLangs} random other languages per question per epoch; AdamW lr ${w.lr} (${w.warmup} warm-up steps, cosine to ${+(w.minLrFrac * w.lr).toPrecision(6)}), weight decay ${w.weightDecay}, grad clip ${w.gradClip}; seed ${w.seed}.
- Training time: ${seconds.toFixed(0)} s on this machine's CPU (2 cores, shared).

## Results (measured by the script at the end of training)

- Final SFT loss (mean token cross-entropy of the last 20 steps): **${finalLoss.toFixed(4)}**
- Held-out answers in the tagged language (fastText lid.176 on the greedy answer), all 15 target languages: **${pct(all.tagFollowing)}**
- Held-out mean chrF against the reference in the target language: **${all.chrF.toFixed(3)}** (original language only: ${orig.chrF.toFixed(3)})
- Held-out exact-answer rate, original language (${heldout.length} questions): **${pct(orig.overall)}**
- Held-out exact-answer rate, all 15 target languages: **${pct(all.overall)}**
- Training-set exact-answer rate, original language (100 sampled questions): ${pct(trainOrig.overall)}

Exact answer = the greedy answer (up to ${w.maxResponseLength} bytes) equals the reference in the target language, bare or
inside its answer frame (src/lrpo/instructions.ts ANSWER_FRAME), after NFKC, lower-casing, whitespace collapsing and
removal of trailing sentence punctuation. "In the tagged
language" is what the language tags have come to mean: the share of greedy answers that the reward's own
language detector assigns to the language the tag asked for (the LRPO reward is 0 otherwise).

| target language | in the tagged language | mean chrF | exact answers |
|---|---|---|---|
${rows.join('\n')}

## One held-out greedy answer per target language

| tag | question | greedy answer | detected | reference |
|---|---|---|---|---|
${samples.join('\n')}
`;
  writeFileSync(path.join(out, 'README.md'), readme);
  console.error(`wrote ${out} (final SFT loss ${finalLoss.toFixed(4)}, held-out exact ${pct(orig.overall)} original / ${pct(all.overall)} all languages, ${seconds.toFixed(0)} s)`);
}

// run as a script (not when a test imports trainWarmStart)
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
