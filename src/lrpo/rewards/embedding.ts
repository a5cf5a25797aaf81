// The `embedding` similarity backend: a multilingual sentence-embedding ONNX model that the user
// supplies (bytes or a URL), run with onnxruntime-web (WebGPU or wasm in the browser, wasm in Node),
// its tokenizer read from the model's tokenizer.json with @huggingface/tokenizers.
//   embedding(text) = L2-normalize( Σ_t mask_t · h_t / Σ_t mask_t )   (mean pooling over the mask)
//   similarity(a, b) = embedding(a) · embedding(b)                      (cosine, in [−1, 1])
// Model inputs are filled by name: input_ids, attention_mask, token_type_ids (zeros), position_ids
// (0..n−1); int64 or int32 as the model declares. The token output is `last_hidden_state` or
// `token_embeddings` when present, else the first output; a rank-2 output [batch, dim] is taken as
// already pooled. Texts longer than maxTokens keep their first maxTokens − 1 tokens and their last
// token (the closing special token, if the tokenizer adds one).

import * as ort from 'onnxruntime-web';
import { Tokenizer } from '@huggingface/tokenizers';

export interface EmbeddingSimilarityOptions {
  /** the ONNX model: its bytes, or a URL fetched with fetch() */
  modelUrlOrBytes: string | Uint8Array;
  /** tokenizer.json: parsed, or its text */
  tokenizerJson: unknown;
  /** browser default: 'webgpu' when navigator.gpu exists (wasm as fallback), else 'wasm'; Node always uses 'wasm' */
  provider?: 'webgpu' | 'wasm';
  maxTokens?: number;
  /** how many distinct texts' embeddings to keep (references repeat across a group) */
  cacheSize?: number;
}

export interface EmbeddingSimilarity {
  similarity(a: string, b: string): Promise<number>;
  /** unit-length sentence embeddings, in the order of the texts */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  readonly inputNames: readonly string[];
  readonly outputName: string;
  dispose(): Promise<void>;
}

const isNode = () => typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string' &&
  typeof (globalThis as { window?: unknown }).window === 'undefined';

async function modelBytes(src: string | Uint8Array): Promise<Uint8Array> {
  if (typeof src !== 'string') return src;
  let res: Response;
  try {
    res = await fetch(src);
  } catch (e) {
    throw new Error(`embedding model ${src}: could not be fetched (${(e as Error).message})`);
  }
  if (!res.ok) throw new Error(`embedding model ${src}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

function padId(tok: Tokenizer, json: Record<string, unknown>): number {
  const padding = json.padding as { pad_id?: unknown } | null | undefined;
  if (padding && typeof padding.pad_id === 'number') return padding.pad_id;
  for (const t of ['[PAD]', '<pad>', '<|pad|>']) {
    const id = tok.token_to_id(t);
    if (id !== undefined) return id;
  }
  return 0;
}

/** Masked mean over tokens, then L2 normalization, for one row of a [batch, seq, dim] output. */
function meanPoolNormalize(hidden: Float32Array, row: number, seq: number, dim: number, mask: readonly number[]): Float32Array {
  const out = new Float32Array(dim);
  let n = 0;
  for (let t = 0; t < seq; t++) {
    if (!mask[t]) continue;
    n++;
    const base = (row * seq + t) * dim;
    for (let d = 0; d < dim; d++) out[d] += hidden[base + d];
  }
  if (n > 0) for (let d = 0; d < dim; d++) out[d] /= n;
  return l2Normalize(out);
}

function l2Normalize(v: Float32Array): Float32Array {
  let ss = 0;
  for (const x of v) ss += x * x;
  const norm = Math.sqrt(ss);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= norm;
  return v;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export async function createEmbeddingSimilarity(opts: EmbeddingSimilarityOptions): Promise<EmbeddingSimilarity> {
  const json = (typeof opts.tokenizerJson === 'string' ? JSON.parse(opts.tokenizerJson) : opts.tokenizerJson) as Record<string, unknown>;
  if (typeof json !== 'object' || json === null || typeof json.model !== 'object')
    throw new Error('tokenizer.json: expected an object with a "model" section');
  const tokenizer = new Tokenizer(json, {});
  const pad = padId(tokenizer, json);
  const maxTokens = opts.maxTokens ?? 512;
  const hasWebGpu = typeof (globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu !== 'undefined';
  const provider = isNode() ? 'wasm' : (opts.provider ?? (hasWebGpu ? 'webgpu' : 'wasm'));
  if (isNode()) ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(await modelBytes(opts.modelUrlOrBytes), {
    executionProviders: provider === 'webgpu' ? ['webgpu', 'wasm'] : ['wasm'],
  });
  const outputName = ['last_hidden_state', 'token_embeddings'].find((n) => session.outputNames.includes(n)) ?? session.outputNames[0];
  const known = ['input_ids', 'attention_mask', 'token_type_ids', 'position_ids'];
  const unknown = session.inputNames.filter((n) => !known.includes(n));
  if (unknown.length) throw new Error(`embedding model: input(s) ${unknown.join(', ')} are not ones we can fill (we fill ${known.join(', ')})`);
  const int32Inputs = new Set<string>();
  const meta = (session as unknown as { inputMetadata?: { name: string; type?: string }[] }).inputMetadata;
  if (Array.isArray(meta)) for (const m of meta) if (m.type === 'int32') int32Inputs.add(m.name);

  const encode = (text: string): number[] => {
    const { ids, tokens } = tokenizer.encode(text);
    const bad = ids.findIndex((id) => typeof id !== 'number');
    if (bad >= 0) throw new Error(`tokenizer.json: token '${tokens[bad]}' has no id (no unknown-token fallback in the vocabulary)`);
    return ids.length > maxTokens ? [...ids.slice(0, maxTokens - 1), ids[ids.length - 1]] : ids;
  };

  const tensor = (name: string, values: number[], dims: number[]) =>
    int32Inputs.has(name)
      ? new ort.Tensor('int32', Int32Array.from(values), dims)
      : new ort.Tensor('int64', BigInt64Array.from(values, (v) => BigInt(v)), dims);

  const runBatch = async (texts: readonly string[]): Promise<Float32Array[]> => {
    const encoded = texts.map(encode);
    const seq = Math.max(1, ...encoded.map((e) => e.length));
    const ids: number[] = [];
    const mask: number[][] = [];
    for (const e of encoded) {
      const m = Array.from({ length: seq }, (_, t) => (t < e.length ? 1 : 0));
      mask.push(m);
      for (let t = 0; t < seq; t++) ids.push(t < e.length ? e[t] : pad);
    }
    const dims = [texts.length, seq];
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of session.inputNames) {
      if (name === 'input_ids') feeds[name] = tensor(name, ids, dims);
      else if (name === 'attention_mask') feeds[name] = tensor(name, mask.flat(), dims);
      else if (name === 'token_type_ids') feeds[name] = tensor(name, new Array(ids.length).fill(0), dims);
      else feeds[name] = tensor(name, texts.flatMap(() => Array.from({ length: seq }, (_, t) => t)), dims);
    }
    const out = (await session.run(feeds))[outputName];
    const data = out.data as Float32Array;
    if (out.type !== 'float32') throw new Error(`embedding model: output ${outputName} is ${out.type}, expected float32`);
    if (out.dims.length === 2) {
      const dim = out.dims[1];
      return texts.map((_, b) => l2Normalize(data.slice(b * dim, (b + 1) * dim)));
    }
    if (out.dims.length !== 3 || out.dims[0] !== texts.length || out.dims[1] !== seq)
      throw new Error(`embedding model: output ${outputName} has shape [${out.dims.join(', ')}], expected [${texts.length}, ${seq}, dim]`);
    const dim = out.dims[2];
    return texts.map((_, b) => meanPoolNormalize(data, b, seq, dim, mask[b]));
  };

  const cache = new Map<string, Float32Array>();
  const cacheSize = opts.cacheSize ?? 1024;
  const embed = async (texts: readonly string[]): Promise<Float32Array[]> => {
    const found = new Map<string, Float32Array>();
    for (const t of texts) {
      const v = cache.get(t);
      if (v) found.set(t, v);
    }
    const missing = [...new Set(texts.filter((t) => !found.has(t)))];
    if (missing.length) {
      const vecs = await runBatch(missing);
      missing.forEach((t, i) => {
        found.set(t, vecs[i]);
        if (cacheSize <= 0) return;
        if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
        cache.set(t, vecs[i]);
      });
    }
    return texts.map((t) => found.get(t)!);
  };

  return {
    inputNames: session.inputNames,
    outputName,
    embed,
    async similarity(a, b) {
      const [ea, eb] = await embed([a, b]);
      return Math.min(1, Math.max(-1, dot(ea, eb)));
    },
    async dispose() {
      cache.clear();
      await session.release();
    },
  };
}
