// Writes Examples as verl-shaped parquet rows that verl/pandas and this studio's reader both load:
//   data_source, prompt [{role:"user", content}], ability, reward_model {style:"rule", ground_truth},
//   extra_info {split, index, question, language, topic, region, references},
// plus the reference trainer's top-level `question` and `answer`. extra_info.language is the
// reference's lowercase English name; extra_info.region is always a list of strings, or null: an
// example read with a null region writes null and one read with an empty list writes [] (the
// reference's router keys them differently, "None" and "[]"), so it round-trips; extra_info.references is a struct with one nullable
// text field per language (the 15 router languages first, then any other language present).
import { Field, Int64, List, Struct, Table, Utf8, type DataType } from 'apache-arrow';
import { tableToIPC } from 'apache-arrow';
import { regionAsGiven, type Example } from '../example.ts';
import { ROUTER_LANGUAGES, languageName } from '../languages.ts';
import { loadParquetWasm } from './parquet-wasm.ts';

/** extra_info.region as a list column: a string becomes a one-item list; null and [] stay as they are. */
function regionList(region: string | string[] | null): string[] | null {
  return typeof region === 'string' ? [region] : region;
}
import { buildVector } from './arrow-build.ts';

export interface WriteOptions {
  /** data_source for examples that have none */
  dataSource?: string;
  /** extra_info.split for examples that have none */
  split?: string;
}

const str = () => new Utf8();
const f = (name: string, type: DataType, nullable = true) => new Field(name, type, nullable);

function referenceLanguages(examples: readonly Example[]): string[] {
  const extra = new Set<string>();
  for (const e of examples) for (const k of Object.keys(e.references)) if (!(ROUTER_LANGUAGES as readonly string[]).includes(k)) extra.add(k);
  return [...ROUTER_LANGUAGES, ...[...extra].sort()];
}

/** Builds the Arrow table of verl rows for `examples`. */
export function examplesToArrow(examples: readonly Example[], options: WriteOptions = {}): Table {
  const langs = referenceLanguages(examples);
  const messageType = new Struct([f('role', str()), f('content', str())]);
  const promptType = new List(f('item', messageType));
  const rewardType = new Struct([f('style', str()), f('ground_truth', str())]);
  const refsType = new Struct(langs.map((l) => f(l, str())));
  const extraType = new Struct([
    f('split', str()), f('index', new Int64()), f('question', str()), f('language', str()),
    f('topic', str()), f('region', new List(f('item', str()))), f('references', refsType),
  ]);
  const col = <T extends DataType>(type: T, values: unknown[]) => buildVector(type, values);
  const n = examples.length;
  const at = <V>(fn: (e: Example, i: number) => V) => examples.map(fn);
  return new Table({
    data_source: col(str(), at((e) => e.dataSource || options.dataSource || 'lrpo-studio')),
    prompt: col(promptType, at((e) => [{ role: 'user', content: e.question }])),
    ability: col(str(), at((e) => e.topic)),
    reward_model: col(rewardType, at((e) => ({ style: 'rule', ground_truth: e.answer }))),
    extra_info: col(extraType, at((e, i) => ({
      split: e.split ?? options.split ?? null,
      index: BigInt(i),
      question: e.question,
      language: languageName(e.language),
      topic: e.topic,
      region: regionList(regionAsGiven(e)),
      references: Object.fromEntries(langs.map((l) => [l, e.references[l] ?? null])),
    }))),
    question: col(str(), at((e) => e.question)),
    answer: col(str(), at((e) => e.answer)),
  }).slice(0, n);
}

/** Parquet bytes (zstd-compressed) of `examples` as verl rows. */
export async function writeExamplesParquet(examples: readonly Example[], options: WriteOptions = {}): Promise<Uint8Array> {
  const pw = await loadParquetWasm();
  const ipc = tableToIPC(examplesToArrow(examples, options), 'stream');
  const props = new pw.WriterPropertiesBuilder().setCompression(pw.Compression.ZSTD).build();
  return pw.writeParquet(pw.Table.fromIPCStream(ipc), props);
}
