// Router speed: 10,000 steps of each router on a 6-context x 15-language world (the playground's
// "local language knows best" preset, 4 questions x 8 rollouts per step, quota 2 -> 24 routed
// choices per step), through the playground simulator (choices, rewards, buffered updates and the
// per-step effective distributions of all 6 contexts). Prints steps/s; the target is 10,000 steps
// of one router in under a second. CPU time is printed beside wall time because on a shared
// machine the wall time also measures the other processes.

import { mkdirSync, writeFileSync } from 'node:fs';
import { defaultRouterConfig, type RouterAlgorithm } from '../../lrpo/config';
import { presetWorld } from '../../lrpo/playground/presets';
import { Simulator } from '../../lrpo/playground/simulator';

const STEPS = 10_000;
const world = presetWorld('local_best');
console.log(`router bench: ${STEPS} steps, ${world.contexts.length} contexts x ${world.languages.length} languages, 4 questions x 8 rollouts per step`);
const rows: Record<string, number | string>[] = [];
for (const algorithm of ['softmax_eps', 'ucb', 'thompson'] as RouterAlgorithm[]) {
  // warm-up (JIT), then the timed run
  new Simulator(world, { router: { ...defaultRouterConfig(), algorithm }, n: 8, questionsPerStep: 4, seed: 2 }).run(500);
  const sim = new Simulator(world, { router: { ...defaultRouterConfig(), algorithm }, n: 8, questionsPerStep: 4, seed: 1 });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const rec = sim.run(STEPS);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const last = rec[rec.length - 1];
  const verdict = ms < 1000 ? 'under' : 'OVER';
  console.log(`${algorithm.padEnd(12)} ${(STEPS / (ms / 1000)).toFixed(0).padStart(8)} steps/s  (${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU for ${STEPS} steps: ${verdict} the 1 s target, ${(ms / 1000).toFixed(2)}x of it; final cumulative regret ${last.cumRegret.toFixed(1)})`);
  rows.push({ algorithm, steps: STEPS, wallMs: ms, cpuMs, stepsPerSecond: STEPS / (ms / 1000), fractionOfTarget: ms / 1000, finalCumulativeRegret: last.cumRegret });
}
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/router.json', JSON.stringify({ bench: 'router', date: new Date().toISOString(), contexts: world.contexts.length, languages: world.languages.length, rows }, null, 2) + '\n');
console.log('wrote bench-results/router.json');
