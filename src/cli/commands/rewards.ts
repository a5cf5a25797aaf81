// `lrpo-studio rewards fit --data FILE --out stats.csv [--similarity match|embedding
//   --model M.onnx --tokenizer tokenizer.json] [--quantiles-out table.json] [--max-problems N]`
// Measures per-language-pair similarity statistics on the rows that carry reference answers in two
// or more languages (extra_info.references plus the row's own answer) and writes the reference's
// calibration CSV (lang_a, lang_b, count, mean, std) for mean-shift calibration; with
// --quantiles-out also the quantile-CDF JSON table (21 knots 0, 0.05, ..., 1) from the same samples,
// normalized by the upper anchor U it writes (the mean same-language similarity). Same-language
// pairs (lang, lang) are measured too, as in the reference's table (calibration-fit.ts says how).
// `match` (default, offline) uses s = 2·chrF − 1 averaged over both directions (chrF is asymmetric);
// `embedding` uses the user's ONNX sentence-embedding model and its tokenizer.json.
// Exit code 0 when the CSV was written, 1 when the input gives nothing to measure or cannot be read,
// 2 for a usage error.
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ArgError, intOpt, parseArgs, requireOpt, stringOpt, unknownOptions } from '../args.ts';
import { formatProblem } from '../../data/example.ts';
import { loadDataset } from '../../data/load-dataset.ts';
import { collectPairSamples, pairStatsFromSamples } from '../../lrpo/rewards/calibration-fit.ts';
import { anchorFromSamples, DEFAULT_QUANTILES, formatQuantileTableJson, quantileTableFromSamples } from '../../lrpo/rewards/calibration-quantile.ts';
import { formatPairStatsCsv } from '../../lrpo/rewards/calibration.ts';
import { chrFSimilarity } from '../../lrpo/rewards/chrf.ts';
import type { SimilarityFn } from '../../lrpo/rewards/reward.ts';

const USAGE =
  'usage: lrpo-studio rewards fit --data FILE(parquet|jsonl) --out stats.csv ' +
  '[--similarity match|embedding --model M.onnx --tokenizer tokenizer.json] [--quantiles-out table.json] [--max-problems N]';

interface FitArgs {
  data: string;
  out: string;
  similarity: 'match' | 'embedding';
  model?: string;
  tokenizer?: string;
  quantilesOut?: string;
  maxProblems: number;
}

function parseFitArgs(rest: string[]): FitArgs {
  const a = parseArgs(rest);
  unknownOptions(a, ['data', 'out', 'similarity', 'model', 'tokenizer', 'quantiles-out', 'max-problems']);
  if (a.positionals.length) throw new ArgError(`unexpected argument '${a.positionals[0]}'`);
  const similarity = stringOpt(a, 'similarity') ?? 'match';
  if (similarity !== 'match' && similarity !== 'embedding') throw new ArgError(`--similarity must be match or embedding, got '${similarity}'`);
  const model = stringOpt(a, 'model');
  const tokenizer = stringOpt(a, 'tokenizer');
  if (similarity === 'embedding' && (!model || !tokenizer)) throw new ArgError('--similarity embedding needs --model M.onnx and --tokenizer tokenizer.json');
  if (similarity === 'match' && (model || tokenizer)) throw new ArgError('--model/--tokenizer only apply to --similarity embedding');
  const quantilesOut = stringOpt(a, 'quantiles-out');
  return { data: requireOpt(a, 'data'), out: requireOpt(a, 'out'), similarity, model, tokenizer, quantilesOut, maxProblems: intOpt(a, 'max-problems', 20) };
}

async function readOrFail(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new Error(`cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function similarityFor(args: FitArgs): Promise<{ fn: SimilarityFn; bothDirections: boolean; close: () => Promise<void> }> {
  if (args.similarity === 'match') return { fn: chrFSimilarity, bothDirections: true, close: async () => {} };
  const { createEmbeddingSimilarity } = await import('../../lrpo/rewards/embedding.ts');
  const modelBytes = await readOrFail(args.model!, 'model');
  const tokText = new TextDecoder().decode(await readOrFail(args.tokenizer!, 'tokenizer'));
  let tokenizerJson: unknown;
  try {
    tokenizerJson = JSON.parse(tokText);
  } catch (e) {
    throw new Error(`${args.tokenizer}: not valid JSON (${(e as Error).message})`);
  }
  const emb = await createEmbeddingSimilarity({ modelUrlOrBytes: modelBytes, tokenizerJson, provider: 'wasm' });
  return { fn: (a, b) => emb.similarity(a, b), bothDirections: false, close: () => emb.dispose() };
}

async function fit(args: FitArgs): Promise<number> {
  const d = await loadDataset(await readOrFail(args.data, 'dataset'), basename(args.data));
  for (const p of d.problems.slice(0, args.maxProblems)) console.error(`problem: ${formatProblem(p)}`);
  if (d.problems.length > args.maxProblems) console.error(`... and ${d.problems.length - args.maxProblems} more problems`);
  const multi = d.examples.filter((e) => Object.values(e.references).filter((t) => t.trim() !== '').length >= 2);
  console.log(`${d.fileName}: ${d.rowCount} rows, ${d.examples.length} usable, ${multi.length} with references in 2+ languages`);
  if (multi.length === 0) {
    console.error(`error: ${d.fileName}: no row has reference answers in two or more languages (extra_info.references), nothing to measure`);
    return 1;
  }
  const sim = await similarityFor(args);
  let samples;
  try {
    samples = await collectPairSamples(multi, sim.fn, { bothDirections: sim.bothDirections });
  } finally {
    await sim.close();
  }
  const rows = pairStatsFromSamples(samples);
  await writeFile(args.out, formatPairStatsCsv(rows));
  console.log(`wrote ${rows.length} language pairs (similarity ${args.similarity}) to ${args.out}`);
  if (args.quantilesOut) {
    const anchor = anchorFromSamples(samples);
    await writeFile(args.quantilesOut, formatQuantileTableJson(quantileTableFromSamples(samples, DEFAULT_QUANTILES, anchor)));
    console.log(`wrote the quantile table of the same pairs to ${args.quantilesOut} (upper anchor U = mean same-language similarity ${anchor?.toFixed(6)})`);
  }
  for (const r of rows) console.log(`  ${r.langA}-${r.langB}  count ${r.count}  mean ${r.mean.toFixed(4)}  std ${r.std.toFixed(4)}`);
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'fit') {
    console.error(sub ? `lrpo-studio rewards: unknown subcommand '${sub}'\n${USAGE}` : USAGE);
    return 2;
  }
  let parsed: FitArgs;
  try {
    parsed = parseFitArgs(rest);
  } catch (e) {
    console.error(`lrpo-studio rewards fit: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    return await fit(parsed);
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    return 1;
  }
}
