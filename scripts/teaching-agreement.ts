// The router's agreement with the teaching world's design in a run folder: for each logged step,
// the share of regions whose router row tops on the region's designed language; prints the first
// step at which it reaches 80% and the last step's rows.
//   node bin/run-ts.mjs scripts/teaching-agreement.ts DIR [--world public/data/teaching-world.json]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRouterLog } from '../src/data/router-log.ts';
import { readDesign, routerAgreement } from '../src/lrpo/teaching/router-agreement.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2];
if (!dir) throw new Error('usage: teaching-agreement.ts DIR [--world FILE]');
const wi = process.argv.indexOf('--world');
const world = wi >= 0 ? process.argv[wi + 1] : path.join(ROOT, 'public/data/teaching-world.json');
const design = readDesign(JSON.parse(readFileSync(world, 'utf8')));
const log = parseRouterLog(readFileSync(path.join(dir, 'router.jsonl'), 'utf8'), 'router.jsonl');
let first: number | null = null;
for (const line of log.lines) {
  const a = routerAgreement(line, design);
  if (first === null && a.share >= 0.8) first = line.step;
  console.log(`step ${line.step}: ${a.agreeing}/${a.regions} regions (${(100 * a.share).toFixed(0)}%) top on their designed language`);
}
const last = log.lines[log.lines.length - 1];
if (last) for (const r of routerAgreement(last, design).rows) console.log(`  ${r.region}: designed ${r.designed.join('/')}, top ${r.top} ${r.p.toFixed(3)}`);
console.log(first === null ? 'never reached 80%' : `80% reached at step ${first}`);
