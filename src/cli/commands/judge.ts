// `lrpo-studio judge` — judges a predictions file with an OpenAI-compatible endpoint, headless.
// The API key comes from LRPO_JUDGE_API_KEY (or OPENAI_API_KEY), never from the command line, and
// is never printed or written. Progress goes to stderr, the summary to stdout. Exit codes: 0 when
// the run finished (UNPARSEABLE rows included), 2 on usage or input errors or when the endpoint
// refuses every request (bad URL/model/key); 130 when interrupted (what was judged is still written).
import { writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ArgError, intOpt, parseArgs, requireOpt, stringOpt, unknownOptions } from '../args';
import { formatProblem } from '../../data/example';
import { toLanguageCode } from '../../data/languages';
import { FIELDS, mapColumns, type ColumnMapping, type Field } from '../../eval/columns';
import { FileVerdictStore } from '../../eval/cache-file';
import { detectAll, loadDetector } from '../../eval/detector';
import { rowsToCsv, rowsToJsonl, summaryText, summaryToCsv, summaryToJsonl } from '../../eval/export';
import { judgeRows, type JudgeProgress } from '../../eval/judge-run';
import { summarize } from '../../eval/metrics';
import { rowsFromRecords } from '../../eval/load';
import { readSource } from '../../eval/read-source';
import type { DetectedLanguage } from '../../eval/types';

const USAGE = `usage: lrpo-studio judge --input FILE --base-url URL --model NAME --out FILE [options]

  --input FILE         predictions: .parquet, .jsonl, .json, .csv or .tsv
  --base-url URL       OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1 (a bare host gets /v1)
  --model NAME         judge model name
  --out FILE           judged rows, written as .jsonl or .csv (by extension)
  --summary FILE       also write the summary (.csv, or .jsonl/.json)
  --map F=COL,...      column for a field (question,target,prediction,language,region,setting,label,id)
  --seen-langs zh,es   languages to count as seen in training
  --concurrency N      requests in flight (default 4)
  --timeout-ms N       per-request timeout (default 60000)
  --retries N          retries on 429/5xx/timeouts/network errors (default 4)
  --cache FILE         verdict cache (JSON); reused verdicts are not paid for again
  --rejudge-all        also judge rows whose file already has a label
  --no-detect          skip the language detector

The API key is read from the environment variable LRPO_JUDGE_API_KEY (or OPENAI_API_KEY).`;

const KNOWN = ['input', 'base-url', 'model', 'out', 'summary', 'map', 'seen-langs', 'concurrency', 'timeout-ms', 'retries', 'cache', 'rejudge-all', 'no-detect', 'help'];

function parseMap(spec: string | undefined): ColumnMapping {
  const m: ColumnMapping = {};
  if (!spec) return m;
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    const field = part.slice(0, eq).trim() as Field;
    if (eq < 0 || !FIELDS.includes(field)) throw new ArgError(`--map: '${part}' is not FIELD=COLUMN with FIELD one of ${FIELDS.join(', ')}`);
    m[field] = part.slice(eq + 1).trim();
  }
  return m;
}

function fmtEta(ms: number | null): string {
  if (ms === null) return '?';
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

function progressLine(p: JudgeProgress): string {
  const labels = Object.entries(p.byLabel).map(([k, v]) => `${k}=${v}`).join(' ');
  return `judged ${p.done}/${p.total}  ${labels}  cached=${p.cached} retries=${p.retries} in-flight=${p.inFlight} eta ${fmtEta(p.etaMs)}`;
}

export async function run(argv: string[]): Promise<number> {
  let a;
  try {
    a = parseArgs(argv, ['rejudge-all', 'no-detect', 'help']);
    if (a.options.has('help')) {
      console.log(USAGE);
      return 0;
    }
    unknownOptions(a, KNOWN);
    if (a.positionals.length) throw new ArgError(`unexpected argument '${a.positionals[0]}'`);
  } catch (e) {
    console.error(`lrpo-studio judge: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  let input: string, baseUrl: string, model: string, out: string, override: ColumnMapping;
  let concurrency: number, timeoutMs: number, retries: number;
  const seen: string[] = [];
  try {
    input = requireOpt(a, 'input');
    baseUrl = requireOpt(a, 'base-url');
    model = requireOpt(a, 'model');
    out = requireOpt(a, 'out');
    if (!/\.(jsonl|csv)$/i.test(out)) throw new ArgError(`--out must end in .jsonl or .csv, got '${out}'`);
    const sum = stringOpt(a, 'summary');
    if (sum && !/\.(jsonl|json|csv)$/i.test(sum)) throw new ArgError(`--summary must end in .csv, .jsonl or .json, got '${sum}'`);
    override = parseMap(stringOpt(a, 'map'));
    concurrency = intOpt(a, 'concurrency', 4);
    timeoutMs = intOpt(a, 'timeout-ms', 60_000);
    retries = intOpt(a, 'retries', 4);
    if (concurrency < 1 || timeoutMs < 1 || retries < 0) throw new ArgError('--concurrency and --timeout-ms must be >= 1, --retries >= 0');
    for (const l of (stringOpt(a, 'seen-langs') ?? '').split(',').filter((x) => x.trim())) {
      const code = toLanguageCode(l);
      if (!code) throw new ArgError(`--seen-langs: '${l}' is not a language we know`);
      seen.push(code);
    }
  } catch (e) {
    console.error(`lrpo-studio judge: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const apiKey = process.env.LRPO_JUDGE_API_KEY || process.env.OPENAI_API_KEY || undefined;

  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(input));
  } catch (e) {
    console.error(`lrpo-studio judge: cannot read ${input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return 2;
  }
  const name = path.basename(input);
  const table = await readSource(name, bytes);
  const mapping = mapColumns(table.columns, override);
  const loaded = rowsFromRecords(table.records, table.columns, mapping, name);
  const problems = [...table.problems, ...loaded.problems];
  for (const p of problems) console.error(`problem: ${formatProblem(p)}`);
  const rows = loaded.rows;
  if (!rows.length) {
    console.error(`lrpo-studio judge: ${input}: no usable rows`);
    return 2;
  }
  console.error(
    `loaded ${rows.length} rows from ${input}` +
      (problems.length ? ` (${problems.length} problem${problems.length > 1 ? 's' : ''} listed above)` : '') +
      `; columns: ${Object.entries(mapping).map(([f, c]) => `${f}=${c}`).join(', ')}`,
  );

  let store: FileVerdictStore | undefined;
  const cachePath = stringOpt(a, 'cache');
  if (cachePath) {
    try {
      store = await FileVerdictStore.open(cachePath);
      console.error(`cache ${cachePath}: ${store.size} verdicts`);
    } catch (e) {
      console.error(`lrpo-studio judge: ${(e as Error).message}`);
      return 2;
    }
  }

  const toJudge = a.options.has('rejudge-all') ? rows : rows.filter((r) => !r.verdict);
  if (toJudge.length < rows.length) console.error(`${rows.length - toJudge.length} rows keep the label from the file (--rejudge-all to judge them too)`);
  const ctl = new AbortController();
  const onSigint = () => {
    console.error('\ninterrupted: finishing up and writing what was judged');
    ctl.abort();
  };
  process.once('SIGINT', onSigint);
  const tty = process.stderr.isTTY;
  let lastPrint = 0;
  let printedFinal = false;
  const res = await judgeRows(toJudge, {
    endpoint: { baseUrl, model, apiKey },
    concurrency,
    request: { timeoutMs, retries },
    store,
    signal: ctl.signal,
    onProgress: (p) => {
      const t = Date.now();
      if (p.done < p.total ? t - lastPrint < 1000 : printedFinal) return;
      printedFinal = p.done === p.total;
      lastPrint = t;
      process.stderr.write(tty ? `\r${progressLine(p)}` : `${progressLine(p)}\n`);
    },
  });
  process.removeListener('SIGINT', onSigint);
  if (tty) process.stderr.write('\n');
  const judged = rows.map((r) => ({ ...r, verdict: res.verdicts.get(r.id) ?? r.verdict }));

  const detections = new Map<string, DetectedLanguage | null>();
  if (!a.options.has('no-detect')) {
    const d = await loadDetector();
    if ('unavailable' in d) console.error(`language detector unavailable: ${d.unavailable}`);
    else for (const [id, det] of detectAll(d.detector, judged)) detections.set(id, det);
  }
  const summary = summarize(judged, seen, detections);
  const ctx = { seenLanguages: seen, detections };
  await writeFile(out, /\.csv$/i.test(out) ? rowsToCsv(judged, ctx) : rowsToJsonl(judged, ctx));
  const summaryPath = stringOpt(a, 'summary');
  if (summaryPath) await writeFile(summaryPath, /\.csv$/i.test(summaryPath) ? summaryToCsv(summary) : summaryToJsonl(summary, { judge_model: model }));
  console.log(summaryText(summary));
  console.error(`wrote ${judged.length} rows to ${out}${summaryPath ? ` and the summary to ${summaryPath}` : ''}`);
  if (res.fatal) {
    console.error(`lrpo-studio judge: ${res.fatal}`);
    return 2;
  }
  if (res.cancelled) return 130;
  return 0;
}
