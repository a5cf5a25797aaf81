// `node bin/run-ts.mjs src/cli/bench/lrpo-demo-bench.ts` (was `npm run bench:lrpo`; the seeded teaching-world benchmark replaced it) — a benchmark, not a test. From the same warm start (public/models/demo-sft)
// and the same questions per step, trains (a) LRPO routing, (b) monolingual GRPO (every rollout in
// the question's language), (c) a fixed uniform language mix — same rollout budget, each a run of
// the run module as `train` and the studio run it — then prints
// the held-out reward and exact-answer rate per target language for each, and the router's final
// distributions. Whatever the figures are, they are printed as measured.
//   node bin/run-ts.mjs src/cli/bench/lrpo-bench.ts [--steps 20] [--eval-questions 40] [--lr 3e-4]
//     [--checkpoint public/models/demo-sft] [--data public/data] [--backend cpu|webgpu]

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadDataset } from '../../data/load-dataset';
import type { Example } from '../../data/example';
import { defaultRunConfig, type RunConfig } from '../../lrpo/config';
import { evaluateHeldout, type HeldoutResult } from '../../lrpo/heldout-eval';
import { softmaxAt } from '../../lrpo/router/base-router';
import type { RouterSnapshot } from '../../lrpo/router/types';
import { buildPolicy } from '../../lrpo/run/policy-source';
import { Run } from '../../lrpo/run/run';
import { createRolloutScorer } from '../../lrpo/trainer-scorer';
import { parseArgs, stringOpt, intOpt } from '../args';
import { cliBackend, cliPolicySource, releaseBackend } from '../train-model';

async function load(file: string): Promise<Example[]> {
  const d = await loadDataset(new Uint8Array(readFileSync(file)), file);
  if (!d.examples.length) throw new Error(`${file}: no usable rows (${d.problems[0]?.reason ?? 'empty'})`);
  return d.examples;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}`.padStart(5);

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const steps = intOpt(a, 'steps', 20);
  const evalQuestions = intOpt(a, 'eval-questions', 40);
  const lr = Number(stringOpt(a, 'lr') ?? '3e-4');
  const checkpoint = path.resolve(stringOpt(a, 'checkpoint') ?? 'public/models/demo-sft');
  const dataDir = path.resolve(stringOpt(a, 'data') ?? 'public/data');
  const backend = (stringOpt(a, 'backend') ?? 'cpu') as RunConfig['backend'];
  const train = await load(path.join(dataDir, 'demo.parquet'));
  const heldout = (await load(path.join(dataDir, 'demo-heldout.parquet'))).slice(0, evalQuestions);

  const base = defaultRunConfig();
  base.backend = backend;
  base.model.checkpoint = checkpoint;
  base.data.train_files = path.join(dataDir, 'demo.parquet');
  base.actor.lr = lr;
  base.trainer.total_training_steps = steps;
  const arms: [string, (c: RunConfig) => void][] = [
    ['LRPO routing', () => {}],
    ['monolingual GRPO', (c) => (c.router.dynamic_lang_policy = false)],
    ['uniform mix', (c) => (c.router.uniform_mix = true)],
  ];
  const { score } = await createRolloutScorer(base.reward, { readText: async (p) => readFileSync(p, 'utf8'), readBytes: async (p) => new Uint8Array(readFileSync(p)) });
  const evalPairs = heldout.flatMap((e) => base.router.languages.filter((l) => e.references[l]).map((lang) => ({ example: e, lang })));
  const evalOpts = { mode: base.data.instruction_mode, maxPromptLength: base.data.max_prompt_length, maxResponseLength: base.data.max_response_length };
  console.log(`bench:lrpo  warm start ${checkpoint}; ${train.length} train questions; ${steps} steps x ${base.data.train_batch_size} questions x ${base.actor.rollout_n} rollouts; lr ${lr}; ` +
    `held-out: ${heldout.length} questions x ${base.router.languages.length} target languages (greedy), backend ${backend}`);

  const results: [string, HeldoutResult, HeldoutResult][] = [];
  const armsJson: Record<string, unknown>[] = [];
  const device = await cliBackend(backend);
  {
    const p = await buildPolicy(base, cliPolicySource(base, (x) => x), device);
    const r = await evaluateHeldout(p.model, p.tokenizer, evalPairs, score, evalOpts);
    const o = await evaluateHeldout(p.model, p.tokenizer, heldout.map((e) => ({ example: e, lang: e.language })), score, evalOpts);
    results.push(['warm start (no RL)', r, o]);
    p.model.destroy();
  }
  for (const [name, tweak] of arms) {
    const c = structuredClone(base);
    tweak(c);
    // the run users run (src/lrpo/run): it builds the policy and the frozen reference (actor.use_kl_loss)
    const run = await Run.create({ config: c, policy: cliPolicySource(c, (x) => x), backend: device, train, val: [], score, similarity: c.reward.similarity });
    const t0 = performance.now();
    let rolloutsByLang: Record<string, number> = {};
    while (!run.finished) {
      for (const e of await run.next()) {
        if (e.type !== 'step') continue;
        const rep = e.report;
        for (const r of rep.rollouts) rolloutsByLang[r.targetLang] = (rolloutsByLang[r.targetLang] ?? 0) + 1;
        process.stderr.write(`  [${name}] step ${rep.step}/${steps} score ${rep.metrics['critic/score/mean'].toFixed(3)} ${rep.metrics['timing_s/step'].toFixed(1)}s\n`);
      }
    }
    const secs = (performance.now() - t0) / 1000;
    const r = await evaluateHeldout(run.model, run.tokenizer, evalPairs, score, evalOpts);
    const o = await evaluateHeldout(run.model, run.tokenizer, heldout.map((e) => ({ example: e, lang: e.language })), score, evalOpts);
    results.push([name, r, o]);
    console.log(`\n${name}: trained ${steps} steps in ${secs.toFixed(0)} s; rollouts per target language: ` +
      Object.entries(rolloutsByLang).sort(([x], [y]) => x.localeCompare(y)).map(([l, n]) => `${l} ${n}`).join(', '));
    const snap = run.routerSnapshot();
    const routerFinal = snap ? printRouter(snap, c) : null;
    armsJson.push({ arm: name, seconds: secs, rolloutsByLang, router: routerFinal });
    run.dispose();
  }
  releaseBackend(device);
  const langs = base.router.languages;
  console.log('\nheld-out reward (mean, %) per target language — greedy answers');
  console.log(['arm'.padEnd(20), 'orig', ' all', ...langs.map((l) => l.padStart(5))].join(' '));
  for (const [name, r, o] of results) {
    console.log([name.padEnd(20), pct(o.overall.reward), pct(r.overall.reward), ...langs.map((l) => (r.byLang[l] ? pct(r.byLang[l].reward) : '    -'))].join(' '));
  }
  console.log('\nheld-out exact-answer rate (%) per target language');
  console.log(['arm'.padEnd(20), 'orig', ' all', ...langs.map((l) => l.padStart(5))].join(' '));
  for (const [name, r, o] of results) {
    console.log([name.padEnd(20), pct(o.overall.exact), pct(r.overall.exact), ...langs.map((l) => (r.byLang[l] ? pct(r.byLang[l].exact) : '    -'))].join(' '));
  }
  mkdirSync('bench-results', { recursive: true });
  const json = {
    bench: 'lrpo', date: new Date().toISOString(), checkpoint, steps, lr, backend,
    budget: { questionsPerStep: base.data.train_batch_size, rolloutsPerQuestion: base.actor.rollout_n },
    heldout: { questions: heldout.length, targetLanguages: langs },
    results: results.map(([name, r, o]) => ({ arm: name, all: r, original: o })),
    arms: armsJson,
  };
  writeFileSync('bench-results/lrpo.json', JSON.stringify(json, null, 2) + '\n');
  console.log('\nwrote bench-results/lrpo.json');
}

/**
 * Prints and returns the router's final effective distributions, (1 - eps) softmax(logits / tau) +
 * eps / L: per topic row, per region row, and for each regional context (its topic row plus its
 * region row: what a question of that topic and region is routed by).
 */
function printRouter(snap: RouterSnapshot, c: RunConfig): Record<string, Record<string, number>> {
  const L = c.router.languages.length;
  const effective = (logits: ArrayLike<number>) => [...softmaxAt(logits, snap.tau)].map((x) => (1 - snap.eps) * x + snap.eps / L);
  const contexts: [string, number[]][] = [
    ...snap.topic.map(([n, v]) => [`topic:${n}`, effective(v)] as [string, number[]]),
    ...snap.region.map(([n, v]) => [`region:${n}`, effective(v)] as [string, number[]]),
  ];
  for (const t of c.router.regional_topics) {
    const topic = snap.topic.find(([n]) => n === t)?.[1];
    if (!topic) continue;
    for (const [region, v] of snap.region) contexts.push([`${t} + region:${region}`, effective(topic.map((x, i) => x + v[i]))]);
  }
  console.log(`router after ${snap.step} steps (tau ${snap.tau.toFixed(3)}, eps ${snap.eps.toFixed(3)}): effective distribution, top languages`);
  const out: Record<string, Record<string, number>> = {};
  for (const [name, p] of contexts) {
    out[name] = Object.fromEntries(p.map((x, i) => [c.router.languages[i], x]));
    const top = p.map((x, i) => [c.router.languages[i], x] as const).sort((x, y) => y[1] - x[1]).slice(0, 5);
    console.log(`  ${name}`.padEnd(44) + top.map(([l, x]) => `${l} ${(100 * x).toFixed(1)}%`).join('  '));
  }
  return out;
}

await main();
