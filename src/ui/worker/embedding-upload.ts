// The `embedding` similarity backend's model, checked before the reward may use it: the user's
// sentence-embedding ONNX model and its tokenizer.json (opened as files, or the configured
// reward.embedding_model_url / reward.embedding_tokenizer_url). The check reads the tokenizer,
// creates the onnxruntime session (createEmbeddingSimilarity) and embeds probe texts; the session
// that passed is the one the reward then uses. A refusal names the file to blame and the reason:
// not ONNX, unusable outputs, a tokenizer.json that cannot be read, or a model and tokenizer that do
// not belong together.

import { Tokenizer } from '@huggingface/tokenizers';
import type { Problem } from '../../data/example';
import type { RewardConfig } from '../../lrpo/config';
import { createEmbeddingSimilarity, type EmbeddingSimilarity } from '../../lrpo/rewards/embedding';
import { jsonErrorOffset } from '../../lrpo/rewards/json-error-offset';

export interface EmbeddingUpload {
  model: { name: string; bytes: Uint8Array };
  tokenizer: { name: string; text: string };
}

/** What the page shows about the embedding model in use. */
export interface EmbeddingInfo {
  /** 'file': opened in the studio; 'config': reward.embedding_model_url and reward.embedding_tokenizer_url */
  source: 'file' | 'config';
  /** file names (or the configured URLs) */
  model: string;
  tokenizer: string;
  modelBytes: number;
  inputNames: string[];
  outputName: string;
  /** embedding size */
  dim: number;
}

/** The reward's similarity backend right now. */
export type SimilarityInUse = { backend: 'match' } | { backend: 'embedding'; embedding: EmbeddingInfo };

/** A model that passed the check: its live session and what to show about it. */
export interface CheckedEmbedding {
  info: EmbeddingInfo;
  similarity: EmbeddingSimilarity;
}

/** A checked model opened from files, with what the autosave keeps of it. */
export interface OpenedEmbedding extends CheckedEmbedding {
  upload: EmbeddingUpload;
  /** SHA-256 of the model bytes (hex): identifies the model in the autosave */
  sha256: string;
}

/** Which file a refusal is about: the model, the tokenizer, or the two together (a mismatch). */
export type EmbeddingBlame = 'model' | 'tokenizer' | 'both';

export class EmbeddingRefused extends Error {
  constructor(
    readonly problem: Problem,
    readonly blame: EmbeddingBlame,
  ) {
    super(`${[problem.file, problem.line !== undefined ? `line ${problem.line}` : undefined, problem.field].filter(Boolean).join(', ')}: ${problem.reason}`);
  }
}

/** Texts of different lengths and scripts, embedded in one padded batch by the check. */
const PROBE_TEXTS = ['Hello world.', 'Bonjour le monde, comment allez-vous ?', '東京は日本の首都です。'];

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** First non-space character, skipping a UTF-8 byte-order mark. */
function firstChar(bytes: Uint8Array): string | null {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return i < bytes.length ? String.fromCharCode(bytes[i]) : null;
}

interface CheckedTokenizer {
  json: Record<string, unknown>;
  /** the largest token id of the probe texts (for a mismatch message) */
  maxProbeId: number;
}

function checkTokenizer(name: string, text: string): CheckedTokenizer {
  const refuse = (reason: string, line?: number): never => {
    throw new EmbeddingRefused({ file: name, line, reason }, 'tokenizer');
  };
  if (!text.trim()) refuse('the file is empty');
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    const at = jsonErrorOffset(text.replace(/^\uFEFF/, ''));
    refuse('not valid JSON (a tokenizer.json is expected)', at === null ? undefined : lineOf(text, at));
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return refuse('not a tokenizer.json: expected a JSON object');
  const obj = json as Record<string, unknown>;
  if (typeof obj.model !== 'object' || obj.model === null) refuse('not a tokenizer.json: it has no "model" section');
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(obj, {});
  } catch (e) {
    return refuse(`the tokenizer cannot be built from it (${(e as Error).message})`);
  }
  let maxProbeId = 0;
  for (const t of PROBE_TEXTS) {
    let enc: { ids: (number | undefined)[]; tokens: string[] };
    try {
      enc = tokenizer.encode(t);
    } catch (e) {
      return refuse(`it cannot tokenize the probe text '${t}' (${(e as Error).message})`);
    }
    const bad = enc.ids.findIndex((id) => typeof id !== 'number');
    if (bad >= 0) refuse(`token '${enc.tokens[bad]}' has no id (the vocabulary has no unknown-token fallback)`);
    if (!enc.ids.length) refuse(`it turns the probe text '${t}' into no tokens`);
    for (const id of enc.ids as number[]) maxProbeId = Math.max(maxProbeId, id);
  }
  return { json: obj, maxProbeId };
}

function modelReason(message: string): string {
  if (/protobuf parsing failed|No graph was found/i.test(message)) return `not an ONNX model: onnxruntime cannot read it (${message})`;
  return message.replace(/^embedding model: /, '');
}

/**
 * Checks a model and its tokenizer and returns the live session that passed. Throws EmbeddingRefused
 * naming the file to blame; nothing is left open after a refusal.
 */
export async function checkEmbedding(
  model: { name: string; bytes: Uint8Array },
  tokenizer: { name: string; text: string },
  source: EmbeddingInfo['source'],
  provider?: 'webgpu' | 'wasm',
): Promise<CheckedEmbedding> {
  const refuseModel = (reason: string): never => {
    throw new EmbeddingRefused({ file: model.name, reason }, 'model');
  };
  if (!model.bytes.length) refuseModel('the file is empty');
  const first = firstChar(model.bytes.subarray(0, 64));
  if (first === '{' || first === '[') refuseModel('this is a JSON file, not an ONNX model (choose the .onnx file as the model)');
  const tok = checkTokenizer(tokenizer.name, tokenizer.text);
  let similarity: EmbeddingSimilarity;
  try {
    similarity = await createEmbeddingSimilarity({ modelUrlOrBytes: model.bytes, tokenizerJson: tok.json, provider });
  } catch (e) {
    return refuseModel(modelReason((e as Error).message));
  }
  try {
    let vectors: Float32Array[];
    try {
      vectors = await similarity.embed(PROBE_TEXTS);
    } catch (e) {
      const msg = (e as Error).message;
      if (/^embedding model: output/.test(msg)) refuseModel(`its output cannot be used as token embeddings: ${modelReason(msg)}`);
      throw new EmbeddingRefused({
        file: `${model.name} + ${tokenizer.name}`,
        reason: `the model failed on the token ids of ${tokenizer.name} (largest id ${tok.maxProbeId}): do the model and the tokenizer belong together? (${msg})`,
      }, 'both');
    }
    const dim = vectors[0].length;
    if (!dim) refuseModel('its embeddings have size 0');
    vectors.forEach((v, i) => {
      if (v.length !== dim) refuseModel(`embeddings of different sizes (${dim} and ${v.length})`);
      if (!v.every(Number.isFinite)) refuseModel(`it gives non-finite values (NaN or ∞) for the probe text '${PROBE_TEXTS[i]}'`);
      if (v.every((x) => x === 0)) {
        throw new EmbeddingRefused({
          file: `${model.name} + ${tokenizer.name}`,
          reason: `the model gives an all-zero embedding for the probe text '${PROBE_TEXTS[i]}': do the model and the tokenizer belong together?`,
        }, 'both');
      }
    });
    const info: EmbeddingInfo = {
      source, model: model.name, tokenizer: tokenizer.name, modelBytes: model.bytes.length,
      inputNames: [...similarity.inputNames], outputName: similarity.outputName, dim,
    };
    return { info, similarity };
  } catch (e) {
    await similarity.dispose().catch(() => {});
    throw e;
  }
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Checks files the user opened; the result carries what the autosave needs. */
export async function openEmbeddingUpload(upload: EmbeddingUpload, provider?: 'webgpu' | 'wasm'): Promise<OpenedEmbedding> {
  const checked = await checkEmbedding(upload.model, upload.tokenizer, 'file', provider);
  return { ...checked, upload, sha256: await sha256Hex(upload.model.bytes) };
}

/** Loads and checks reward.embedding_model_url and reward.embedding_tokenizer_url (same origin). */
export async function loadConfiguredEmbedding(
  reward: RewardConfig,
  io: { readText(p: string): Promise<string>; readBytes(p: string): Promise<Uint8Array> },
): Promise<CheckedEmbedding> {
  const modelUrl = reward.embedding_model_url;
  const tokUrl = reward.embedding_tokenizer_url;
  if (!modelUrl) throw new EmbeddingRefused({ field: 'reward.embedding_model_url', reason: 'reward.similarity is "embedding" but no model URL is set (or open a model file in the Reward settings)' }, 'model');
  if (!tokUrl) throw new EmbeddingRefused({ field: 'reward.embedding_tokenizer_url', reason: 'reward.similarity is "embedding" but no tokenizer.json URL is set' }, 'tokenizer');
  const read = async <T>(url: string, blame: EmbeddingBlame, f: (u: string) => Promise<T>): Promise<T> => {
    try {
      return await f(url);
    } catch (e) {
      throw new EmbeddingRefused({ file: url, reason: `could not be read (${(e as Error).message})` }, blame);
    }
  };
  const bytes = await read(modelUrl, 'model', io.readBytes);
  const text = await read(tokUrl, 'tokenizer', io.readText);
  return checkEmbedding({ name: modelUrl, bytes }, { name: tokUrl, text }, 'config');
}

/** The reward options with an opened model in place of the configured similarity. */
export function rewardWithEmbedding(reward: RewardConfig, opened: CheckedEmbedding | null): RewardConfig {
  return opened ? { ...reward, similarity: 'embedding' } : reward;
}
