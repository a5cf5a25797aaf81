// `lrpo-studio router replay --config CONFIG.json --observations OBS.jsonl --out LOG.jsonl [--seed N]`
// What-if replay of logged rewards through a router of other settings: writes the router JSONL log
// (the reference's schema, one line per logged step, written before that step's update) and prints
// the final tables.

import { readFileSync, writeFileSync } from 'node:fs';
import { formatProblem } from '../../data/example';
import { formatRouterLogLine } from '../../data/router-log';
import { routerConfigFromJson } from '../../lrpo/router/config-check';
import { parseObservations, replayObservations } from '../../lrpo/router/replay';
import type { RowList } from '../../lrpo/router/types';
import { ArgError, intOpt, parseArgs, requireOpt, unknownOptions } from '../args';

const USAGE = 'usage: lrpo-studio router replay --config CONFIG.json --observations OBS.jsonl --out LOG.jsonl [--seed N]';

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'replay') {
    console.error(sub ? `lrpo-studio router: unknown subcommand '${sub}'\n${USAGE}` : USAGE);
    return 2;
  }
  let configPath: string, obsPath: string, outPath: string, seed: number;
  try {
    const a = parseArgs(rest);
    unknownOptions(a, ['config', 'observations', 'out', 'seed']);
    configPath = requireOpt(a, 'config');
    obsPath = requireOpt(a, 'observations');
    outPath = requireOpt(a, 'out');
    seed = intOpt(a, 'seed', 0);
  } catch (e) {
    if (e instanceof ArgError) {
      console.error(`lrpo-studio router replay: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  let configJson: unknown;
  try {
    configJson = JSON.parse(readFileSync(configPath, 'utf8'));
  } catch (e) {
    console.error(`${configPath}: cannot read the config as JSON: ${(e as Error).message}`);
    return 1;
  }
  const { config, problems: cfgProblems } = routerConfigFromJson(configJson, configPath);
  let obsBytes: Uint8Array;
  try {
    // bytes: a line that is not UTF-8 is named by the JSONL reader instead of read with U+FFFD
    obsBytes = new Uint8Array(readFileSync(obsPath));
  } catch (e) {
    console.error(`${obsPath}: cannot read: ${(e as Error).message}`);
    return 1;
  }
  const { steps, problems: obsProblems } = parseObservations(obsBytes, obsPath);
  const problems = [...cfgProblems, ...obsProblems];
  if (problems.length) {
    for (const p of problems) console.error(formatProblem(p));
    console.error(`${problems.length} problem(s); nothing written.`);
    return 1;
  }
  const { router, log, skipped } = replayObservations(config, steps, seed);
  writeFileSync(outPath, log.map((l) => formatRouterLogLine(l) + '\n').join(''));
  const snap = router.snapshot();
  const rewards = steps.reduce((n, s) => n + s.rewards.length, 0);
  console.log(`router ${config.algorithm}: replayed ${steps.length} steps, ${rewards} rewards${skipped ? ` (${skipped} in languages that are not router arms, skipped)` : ''}; wrote ${log.length} log lines to ${outPath}`);
  console.log(`after step ${snap.step}: next tau ${snap.tau.toFixed(4)}, eps ${snap.eps.toFixed(4)}; ${snap.buffered} rewards buffered for the next update`);
  const valueName = config.algorithm === 'softmax_eps' ? 'values (EMA)' : config.algorithm === 'ucb' ? 'mean rewards' : 'posterior means';
  printTable(`topic ${valueName}`, snap.languages, snap.topic);
  printTable(`region ${valueName}`, snap.languages, snap.region);
  if (snap.topicAux) printTable('topic counts', snap.languages, snap.topicAux);
  if (snap.regionAux) printTable('region counts', snap.languages, snap.regionAux);
  return 0;
}

function printTable(title: string, languages: readonly string[], rows: RowList): void {
  console.log(`\n${title}:`);
  if (!rows.length) {
    console.log('  (no rows)');
    return;
  }
  const width = Math.min(28, Math.max(...rows.map(([n]) => n.length)));
  console.log(`  ${''.padEnd(width)} ${languages.map((l) => l.padStart(7)).join(' ')}`);
  for (const [name, values] of rows) {
    console.log(`  ${name.slice(0, width).padEnd(width)} ${values.map((v) => fmt(v).padStart(7)).join(' ')}`);
  }
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(4);
}
