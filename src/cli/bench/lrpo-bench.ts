// `npm run bench:lrpo -- --seeds 5` — a benchmark, not a test. On the teaching world (authored,
// fictional: each region's knowledge in one designed language; public/data/teaching-world.json) and
// its warm start, with the Teaching demo preset, runs (the run module, as `train` and the studio do) for each seed (a) LRPO routing,
// (b) monolingual GRPO (every rollout in the question's language), (c) a fixed uniform language mix,
// (d) LRPO without calibration — the same questions per step and rollout budget — then measures on
// the held-out questions (greedy): the exact-answer rate in the question's own language and in all
// five languages, the reward (always with the calibrated reward, so arms compare), and the router's
// agreement with the designed languages. Prints mean and 95% interval over seeds, as measured.
//   npm run bench:lrpo -- [--seeds 5] [--steps N (preset: 12)] [--eval-questions N (all 48)] [--backend cpu|webgpu]
//   (the older single-run comparison on the demo data: src/cli/bench/lrpo-demo-bench.ts)

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../../data/load-dataset';
import type { Example } from '../../data/example';
import type { RunConfig } from '../../lrpo/config';
import { evaluateHeldout } from '../../lrpo/heldout-eval';
import { Run } from '../../lrpo/run/run';
import { routingOf } from '../../lrpo/trainer';
import { createRolloutScorer } from '../../lrpo/trainer-scorer';
import { teachingDemo } from '../../lrpo/presets';
import { readDesign, routerAgreement } from '../../lrpo/teaching/router-agreement';
import { parseArgs, stringOpt, intOpt } from '../args';
import { cliBackend, cliPolicySource, releaseBackend } from '../train-model';
import { absolutizePaths, pathResolver } from '../train-inputs';
import { formatInterval, meanInterval } from './seed-stats';

const PUBLIC = fileURLToPath(new URL('../../../public/', import.meta.url));
const io = { readText: async (p: string) => readFileSync(p, 'utf8'), readBytes: async (p: string) => new Uint8Array(readFileSync(p)) };

async function load(file: string): Promise<Example[]> {
  const d = await loadDataset(new Uint8Array(readFileSync(file)), file);
  if (!d.examples.length) throw new Error(`${file}: no usable rows (${d.problems[0]?.reason ?? 'empty'})`);
  return d.examples;
}

const ARMS: [string, (c: RunConfig) => void][] = [
  ['LRPO routing', () => {}],
  ['monolingual GRPO', (c) => (c.router.dynamic_lang_policy = false)],
  ['uniform mix', (c) => (c.router.uniform_mix = true)],
  ['LRPO, no calibration', (c) => (c.reward.calibration = 'none')],
];

interface SeedResult { ownExact: number; allExact: number; reward: number; agreement: number | null }

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const seeds = intOpt(a, 'seeds', 5);
  const base = absolutizePaths(teachingDemo(), pathResolver(PUBLIC));
  base.backend = (stringOpt(a, 'backend') ?? 'cpu') as RunConfig['backend'];
  base.trainer.total_training_steps = intOpt(a, 'steps', base.trainer.total_training_steps);
  const steps = base.trainer.total_training_steps;
  const train = await load(base.data.train_files);
  const heldoutAll = await load(base.data.val_files);
  // --eval-questions N: N held-out questions spread evenly over the file (it is in region order; all by default)
  const nEval = Math.min(heldoutAll.length, intOpt(a, 'eval-questions', heldoutAll.length));
  const heldout = Array.from({ length: nEval }, (_, i) => heldoutAll[Math.floor((i * heldoutAll.length) / nEval)]);
  const design = readDesign(JSON.parse(readFileSync(path.join(PUBLIC, 'data/teaching-world.json'), 'utf8')));
  const evalScore = (await createRolloutScorer(base.reward, io)).score; // the calibrated reward, for every arm
  const langs = base.router.languages;
  const evalOpts = { mode: base.data.instruction_mode, maxPromptLength: base.data.max_prompt_length, maxResponseLength: base.data.max_response_length };
  console.log(`bench:lrpo  teaching world: ${train.length} train / ${heldout.length} of ${heldoutAll.length} held-out questions, warm start ${base.model.checkpoint}; ` +
    `${seeds} seeds x ${steps} steps x ${base.data.train_batch_size} questions x ${base.actor.rollout_n} rollouts; backend ${base.backend}`);
  const out: Record<string, SeedResult[]> = {};
  const backend = await cliBackend(base.backend);
  const t0 = performance.now();
  for (const [name, tweak] of ARMS) {
    out[name] = [];
    for (let s = 0; s < seeds; s++) {
      const c = structuredClone(base);
      tweak(c);
      c.seed = base.seed + s;
      const score = (await createRolloutScorer(c.reward, io)).score;
      // the run users run (src/lrpo/run): its policy, reference, SFT and validation as the config says
      const run = await Run.create({ config: c, policy: cliPolicySource(c, (x) => x), backend, train, val: [], score, similarity: c.reward.similarity });
      let last = null;
      while (!run.finished) {
        for (const e of await run.next()) if (e.type === 'step' && e.report.routerLog) last = e.report.routerLog;
      }
      const own = await evaluateHeldout(run.model, run.tokenizer, heldout.map((e) => ({ example: e, lang: e.language })), evalScore, evalOpts);
      const all = await evaluateHeldout(run.model, run.tokenizer, heldout.flatMap((e) => langs.map((lang) => ({ example: e, lang }))), evalScore, evalOpts);
      const agreement = routingOf(c) === 'router' && last ? routerAgreement(last, design).share : null;
      out[name].push({ ownExact: own.overall.exact, allExact: all.overall.exact, reward: all.overall.reward, agreement });
      run.dispose();
      process.stderr.write(`  [${name}] seed ${c.seed}: own ${(100 * own.overall.exact).toFixed(1)}%  all ${(100 * all.overall.exact).toFixed(1)}%  reward ${all.overall.reward.toFixed(3)}` +
        `${agreement === null ? '' : `  router agreement ${(100 * agreement).toFixed(0)}%`}  (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
    }
  }
  releaseBackend(backend);
  const row = (xs: (number | null)[]) => (xs.some((x) => x === null) ? '-' : formatInterval(meanInterval(xs as number[])));
  console.log(`\nheld-out, mean ± 95% interval over ${seeds} seeds (%; reward x 100)`);
  console.log('| arm | exact, own language | exact, all 5 languages | reward (all languages) | router agreement with the design |');
  console.log('|---|---|---|---|---|');
  for (const [name] of ARMS) {
    const r = out[name];
    console.log(`| ${name} | ${row(r.map((x) => x.ownExact))} | ${row(r.map((x) => x.allExact))} | ${row(r.map((x) => x.reward))} | ${row(r.map((x) => x.agreement))} |`);
  }
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/lrpo.json', JSON.stringify({ bench: 'lrpo', world: 'teaching', date: new Date().toISOString(), seeds, steps, backend: base.backend, results: out }, null, 2) + '\n');
  console.log(`\n${((performance.now() - t0) / 1000).toFixed(0)} s in all; wrote bench-results/lrpo.json`);
}

await main();
