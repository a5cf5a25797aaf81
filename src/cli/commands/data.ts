// `lrpo-studio data check FILE [--max-problems N]`: reads a dataset (parquet, JSONL or JSON array)
// exactly as the studio does and prints its summary and problems. Exit code 0 when at least one row
// is usable, 1 otherwise (with a one-line reason), 2 for a usage error.
// `lrpo-studio data blend DIR --out FILE.parquet [--regions A,B]`: converts BLEnD short-answer data
// (see src/data/blend.ts) into a verl parquet dataset of its usable questions.
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ArgError, intOpt, parseArgs, unknownOptions } from '../args.ts';
import { formatProblem } from '../../data/example.ts';
import { isUsable, loadDataset } from '../../data/load-dataset.ts';
import { formatReport } from '../../data/summary.ts';
import { runBlend } from './data-blend.ts';

const USAGE = 'usage: lrpo-studio data check FILE [--max-problems N]\n       lrpo-studio data blend DIR --out FILE.parquet [--regions A,B]';

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'blend') return runBlend(rest, USAGE, writeFile);
  if (sub !== 'check') {
    console.error(sub ? `lrpo-studio data: unknown subcommand '${sub}'\n${USAGE}` : USAGE);
    return 2;
  }
  let file: string;
  let maxProblems: number;
  try {
    const parsed = parseArgs(rest);
    unknownOptions(parsed, ['max-problems']);
    if (parsed.positionals.length !== 1) throw new ArgError('expected exactly one FILE');
    file = parsed.positionals[0];
    maxProblems = intOpt(parsed, 'max-problems', 20);
  } catch (e) {
    console.error(`lrpo-studio data check: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    console.error(`error: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return 1;
  }
  const d = await loadDataset(bytes, basename(file));
  console.log(formatReport(d, maxProblems));
  if (!isUsable(d)) {
    const reason = d.problems.length === 1 ? formatProblem(d.problems[0]) : `${d.fileName}: no usable rows (${d.problems.length} problems)`;
    console.error(`error: ${reason}`);
    return 1;
  }
  return 0;
}
