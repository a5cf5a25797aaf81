// The teaching world's reward, checked on answers (not on a model): fits the calibration table
// public/data/teaching-calibration.csv (mean shift per language pair; with the `match` similarity a
// rollout is compared with the reference in its own target language, so the pairs are (l, l)), from
// the correct answer inside each language's answer frame for every TRAINING question; then, on the
// HELD-OUT questions, scores in every target language the correct answer and every wrong one (the
// other regions' names for the same relation), each in that language's frame, with calibration off
// and on, and prints per language the AUC (correct vs wrong reward) and the mean reward of correct
// answers, and their spread between languages.
//   node bin/run-ts.mjs scripts/teaching-reward-check.ts [--no-write]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultRunConfig } from '../src/lrpo/config.ts';
import { createRolloutScorer } from '../src/lrpo/trainer-scorer.ts';
import { formatPairStatsCsv, type PairStats } from '../src/lrpo/rewards/calibration.ts';
import { framedAnswer } from '../src/lrpo/instructions.ts';
import { toExamples, worldQuestions } from './make-teaching-world.ts';
import { REGIONS, TEACHING_LANGUAGES } from './teaching-world/world.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CALIBRATION_FILE = path.join(ROOT, 'public/data/teaching-calibration.csv');

/** AUC: the probability that a random correct answer scores above a random wrong one (ties count half). */
export function auc(pos: readonly number[], neg: readonly number[]): number {
  let s = 0;
  for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0;
  return s / (pos.length * neg.length);
}

const io = { readText: async (p: string) => readFileSync(p, 'utf8'), readBytes: async (p: string) => new Uint8Array(readFileSync(p)) };

async function scorer(calibration: 'none' | 'mean_shift') {
  const c = defaultRunConfig().reward;
  const s = await createRolloutScorer({ ...c, calibration, calibration_table: calibration === 'none' ? '' : CALIBRATION_FILE }, io);
  if (s.problems.length) throw new Error(s.problems.map((p) => p.reason).join('; '));
  return s.score;
}

async function main(): Promise<void> {
  const { train, heldout } = worldQuestions();
  // 1 fit: s(correct framed answer, reference) per target language over the training questions
  const plain = await scorer('none');
  const trainEx = toExamples(train, 'train');
  const stats: PairStats[] = [];
  for (const l of TEACHING_LANGUAGES) {
    const r = await plain(trainEx.map((e) => ({ response: framedAnswer(l, e.references[l]), targetLang: l, example: e })));
    const xs = r.map((x) => x.similarity);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    stats.push({ langA: l, langB: l, count: xs.length, mean, std: Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) });
  }
  if (!process.argv.includes('--no-write')) writeFileSync(CALIBRATION_FILE, formatPairStatsCsv(stats));
  // 2 check on held-out questions
  const held = toExamples(heldout, 'test');
  const lines: string[] = [];
  for (const mode of ['none', 'mean_shift'] as const) {
    const score = await scorer(mode);
    const means: number[] = [];
    lines.push(`calibration ${mode}:`);
    for (const l of TEACHING_LANGUAGES) {
      const pos = (await score(held.map((e) => ({ response: framedAnswer(l, e.references[l]), targetLang: l, example: e })))).map((x) => x.reward);
      const wrongItems = held.flatMap((e, i) => REGIONS.filter((r) => r !== heldout[i].region).map((r) => ({ response: framedAnswer(l, r.facts[heldout[i].relation]), targetLang: l, example: e })));
      const neg = (await score(wrongItems)).map((x) => x.reward);
      const m = pos.reduce((a, b) => a + b, 0) / pos.length;
      means.push(m);
      lines.push(`  ${l}: AUC ${auc(pos, neg).toFixed(3)}  mean reward correct ${m.toFixed(3)}  wrong ${(neg.reduce((a, b) => a + b, 0) / neg.length).toFixed(3)}  (${pos.length} correct, ${neg.length} wrong)`);
    }
    lines.push(`  spread of the correct answers' mean reward between languages: ${(Math.max(...means) - Math.min(...means)).toFixed(3)}`);
  }
  console.log(lines.join('\n'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
