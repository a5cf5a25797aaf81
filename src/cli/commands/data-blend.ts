// `lrpo-studio data blend DIR --out FILE.parquet [--regions A,B]`: BLEnD ({Region}_data.json +
// {Region}_questions.csv in DIR) to a verl parquet dataset of its usable questions, with a line per
// region (questions, usable, dropped) and the reasons rows were dropped.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ArgError, parseArgs, requireOpt, stringOpt, unknownOptions } from '../args.ts';
import { BLEND_REGION_LANGUAGES, blendToRows } from '../../data/blend.ts';
import { formatProblem, type Example, type Problem } from '../../data/example.ts';
import { writeExamplesParquet } from '../../data/parquet/write-parquet.ts';
import { normalizeRows } from '../../data/schema.ts';

type WriteFile = (file: string, data: Uint8Array) => Promise<void>;

export async function runBlend(args: string[], usage: string, writeFile: WriteFile): Promise<number> {
  let dir: string;
  let out: string;
  let only: string[] | null;
  try {
    const parsed = parseArgs(args);
    unknownOptions(parsed, ['out', 'regions']);
    if (parsed.positionals.length !== 1) throw new ArgError('expected exactly one DIR');
    dir = parsed.positionals[0];
    out = requireOpt(parsed, 'out');
    const r = stringOpt(parsed, 'regions');
    only = r ? r.split(',').map((x) => x.trim().replace(/ /g, '_')).filter(Boolean) : null;
  } catch (e) {
    console.error(`lrpo-studio data blend: ${(e as Error).message}\n${usage}`);
    return 2;
  }
  let regions: string[];
  try {
    regions = (await readdir(dir)).filter((f) => f.endsWith('_data.json')).map((f) => f.slice(0, -'_data.json'.length)).sort();
  } catch (e) {
    console.error(`error: cannot read ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return 1;
  }
  if (only) {
    const unknown = only.filter((r) => !regions.includes(r));
    if (unknown.length) {
      console.error(`error: no BLEnD data for ${unknown.join(', ')} in ${dir} (found: ${regions.join(', ') || 'none'})`);
      return 1;
    }
    regions = only;
  }
  const examples: Example[] = [];
  const problems: Problem[] = [];
  for (const region of regions) {
    if (!BLEND_REGION_LANGUAGES[region]) {
      console.log(`${region}: skipped (no known local language)`);
      continue;
    }
    let rows;
    try {
      rows = blendToRows(
        region,
        await readFile(path.join(dir, `${region}_data.json`), 'utf8'),
        await readFile(path.join(dir, `${region}_questions.csv`), 'utf8'),
      );
    } catch (e) {
      console.error(`error: ${(e as Error).message}`);
      return 1;
    }
    const n = normalizeRows(rows, { file: `${region}_data.json` });
    console.log(`${region}: ${rows.length} questions, ${n.examples.length} usable, ${rows.length - n.examples.length} dropped`);
    examples.push(...n.examples);
    problems.push(...n.problems);
  }
  if (!examples.length) {
    console.error('error: no usable BLEnD questions');
    return 1;
  }
  const bytes = await writeExamplesParquet(examples.map((e, index) => ({ ...e, index })), { dataSource: 'blend' });
  await writeFile(out, bytes);
  console.log(`wrote ${out}: ${examples.length} questions, ${bytes.length} bytes`);
  if (problems.length) {
    console.log(`dropped rows: ${problems.length}; first ones:`);
    for (const p of problems.slice(0, 5)) console.log(`  ${formatProblem(p)}`);
  }
  return 0;
}
