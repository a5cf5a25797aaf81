// Exports: MemoryPlanInput, DeviceLimits, MemoryPart, MemoryPlan and planMemory, a pure function
// that, before a Llama-family model is built, counts the bytes it will hold: weights (by stored
// dtype; F32 on the CPU), LoRA matrices, gradients and AdamW moments (adapter only with LoRA, every
// parameter with full fine-tuning), activations for the given batch and lengths (the forward
// buffers the backward pass reads, the attention probabilities, logits and probabilities), and the
// KV cache for generation (at the GPU decoder's capacity, kv-capacity.ts, with the activations,
// attention scores and logits the decoder holds beside it); then checks them against the device's
// limits (the largest single buffer against maxBufferSize, tensors that must be bound whole against
// maxStorageBufferBindingSize, the total against a budget) and, when something does not fit, says
// which part and what to change.
import type { LlamaConfig } from './hf/config';
import { LINEAR_NAMES, linearShape, llamaParamTable } from './hf/llama-params';
import type { HfDtype } from './hf/tensors';
import { kvCapacity, kvStartCapacity } from './kv-capacity';
import { kvActTokens, kvStepGroup } from './kv-decode-shape';
import type { LoraSpec } from './llama/lora';

export interface DeviceLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  /** bytes the model may use in total (e.g. a fraction of the device's memory, chosen by the caller) */
  budgetBytes: number;
}

export interface MemoryPlanInput {
  config: LlamaConfig;
  /** how the weights are held on the device (bf16/f16 stay 16-bit on WebGPU; the CPU uses F32) */
  weightDtype: HfDtype;
  /** 'none' = inference only */
  training: 'none' | 'lora' | 'full';
  lora?: LoraSpec;
  /** rows and tokens per row of one forward/backward pass */
  batch: number;
  seqLen: number;
  /** generation: rows decoded together and the longest prompt + new tokens (0 = no KV cache) */
  kvRows?: number;
  kvLength?: number;
  /** generation: the longest prompt (the decoder's activations, scores, logits and the cache's growth are
   *  counted with the KV cache; default 0: the caches alone) */
  kvPrompt?: number;
  limits: DeviceLimits;
  /** weights larger than maxStorageBufferBindingSize are split into bindable pieces (default true) */
  splitLargeWeights?: boolean;
}

export type MemoryPartName = 'weights' | 'lora' | 'gradients' | 'optimizer' | 'activations' | 'logits' | 'kvCache';

export interface MemoryPart {
  name: MemoryPartName;
  bytes: number;
  /** the largest single buffer of this part */
  largest: { what: string; bytes: number };
}

export interface MemoryPlan {
  parts: MemoryPart[];
  total: number;
  fits: boolean;
  /** one sentence per problem: which part does not fit and what to change */
  problems: string[];
}

const DTYPE_BYTES: Record<HfDtype, number> = { F32: 4, BF16: 2, F16: 2 };

export function formatBytes(n: number): string {
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(2)} GiB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(1)} MiB`;
  if (n >= 2 ** 10) return `${(n / 2 ** 10).toFixed(1)} KiB`;
  return `${n} B`;
}

function posInt(v: number, what: string): void {
  if (!Number.isInteger(v) || v < 0) throw new Error(`memory plan: ${what} must be a non-negative integer, got ${v}`);
}

export function planMemory(inp: MemoryPlanInput): MemoryPlan {
  const c = inp.config;
  posInt(inp.batch, 'batch');
  posInt(inp.seqLen, 'seqLen');
  const kvRows = inp.kvRows ?? 0;
  const kvLength = inp.kvLength ?? 0;
  const kvPrompt = inp.kvPrompt ?? 0;
  posInt(kvRows, 'kvRows');
  posInt(kvLength, 'kvLength');
  posInt(kvPrompt, 'kvPrompt');
  if (inp.training === 'lora' && !inp.lora) throw new Error('memory plan: training "lora" needs the LoRA spec (r, alpha, targets)');
  const wb = DTYPE_BYTES[inp.weightDtype];
  const H = c.hiddenSize, I = c.intermediateSize, V = c.vocabSize, D = c.headDim;
  const QD = c.nHead * D, KD = c.nKvHead * D;
  const parts: MemoryPart[] = [];

  // weights
  const table = llamaParamTable(c);
  let wBytes = 0;
  let wLargest = { what: '', bytes: 0 };
  let nParams = 0;
  for (const p of table) {
    const n = p.shape.reduce((a, b) => a * b, 1);
    nParams += n;
    wBytes += n * wb;
    if (n * wb > wLargest.bytes) wLargest = { what: p.name, bytes: n * wb };
  }
  parts.push({ name: 'weights', bytes: wBytes, largest: wLargest });

  // LoRA matrices (float32)
  let trainable = 0;
  let tLargest = { what: '', bytes: 0 };
  if (inp.training === 'lora') {
    const s = inp.lora!;
    let n = 0;
    for (const t of s.targets) {
      if (!LINEAR_NAMES.includes(t)) throw new Error(`memory plan: LoRA target '${t}' is not a projection`);
      const [o, i] = linearShape(c, t);
      n += s.r * (o + i);
      if (4 * s.r * Math.max(o, i) > tLargest.bytes) tLargest = { what: `${t} lora matrix`, bytes: 4 * s.r * Math.max(o, i) };
    }
    // trainable token rows (new <|out_lang_xx|> tags): float32 [n, hidden]
    trainable = n * c.nLayer + (s.tokenIds?.length ?? 0) * c.hiddenSize;
    parts.push({ name: 'lora', bytes: 4 * trainable, largest: tLargest });
  } else if (inp.training === 'full') {
    trainable = nParams;
    tLargest = { what: wLargest.what, bytes: (wLargest.bytes / wb) * 4 };
  }
  if (inp.training !== 'none') {
    parts.push({ name: 'gradients', bytes: 4 * trainable, largest: tLargest });
    parts.push({ name: 'optimizer', bytes: 8 * trainable, largest: tLargest });
  }

  // activations of one forward pass kept for backward (float32), as llama/forward.ts lays them out
  const N = inp.batch * inp.seqLen;
  if (N > 0) {
    const loraR = inp.training === 'lora' ? inp.lora!.r * inp.lora!.targets.length : 0;
    const perTokenLayer = 6 * H + 2 * QD + 3 * KD + (c.qkNorm ? QD + KD + c.nHead + c.nKvHead : 0) + 3 * I + 2 + loraR;
    const att = inp.batch * c.nHead * inp.seqLen * inp.seqLen;
    const actBytes = 4 * (c.nLayer * (N * perTokenLayer + att) + 2 * N * H + N);
    parts.push({ name: 'activations', bytes: actBytes, largest: { what: 'attention probabilities of one layer', bytes: 4 * att } });
    // logits and probabilities (+ their gradient when training)
    const logits = 4 * N * V;
    parts.push({ name: 'logits', bytes: logits * (inp.training === 'none' ? 2 : 3), largest: { what: `logits [${inp.batch}, ${inp.seqLen}, ${V}]`, bytes: logits } });
  }

  // KV cache (float32 keys and values, per layer one buffer holding every row at the decoder's shared
  // capacity, llama-gpu/kv-decoder.ts), and beside it one set of activations for max(longest prompt,
  // rows per step group) tokens (llama-gpu/activations.ts, no attention probabilities, two layers'
  // worth used in turn), the attention scores (the larger of the prompt pass and a step over the
  // group), the group's logits [G, V] and the last prompt row. When the cache outgrows its start capacity, the old and new caches coexist while
  // the rows are copied across: the peak is the larger of that moment and the end state.
  if (kvRows > 0 && kvLength > 0) {
    const P = kvPrompt;
    const cap = kvCapacity(P, kvLength, c.blockSize);
    const start = kvStartCapacity(P, c.blockSize);
    // the decoder's row groups; a single row's logits over the binding limit: 1 (the limits check below reports it)
    const G = 4 * V <= inp.limits.maxStorageBufferBindingSize ? kvStepGroup(kvRows, V, inp.limits.maxStorageBufferBindingSize) : 1;
    const T = kvActTokens(P, G);
    const cacheOf = (k: number) => 2 * c.nLayer * kvRows * 4 * k * KD;
    const scoresOf = (k: number) => 4 * Math.max(P * c.nHead * start, G * c.nHead * k);
    const loraR = inp.training === 'lora' ? inp.lora!.r * inp.lora!.targets.length : 0;
    const perTokenLayer = 4 * H + 2 * QD + 2 * KD + (c.qkNorm ? QD + KD + c.nHead + c.nKvHead : 0) + 3 * I + 2 + loraR;
    const acts = 4 * (Math.min(2, c.nLayer) * T * perTokenLayer + 3 * T * H + 4 * T + G * V + H);
    let prev = 0;
    for (let k = start; k < cap; k = Math.min(2 * k, c.blockSize)) prev = k;
    const steady = cacheOf(cap) + acts + scoresOf(cap);
    const grown = prev > 0 ? Math.max(steady, cacheOf(cap) + cacheOf(prev) + acts + scoresOf(prev)) : steady;
    const bytes = P > 0 ? grown : cacheOf(cap); // no prompt given: the caches alone
    const keys = 4 * kvRows * cap * KD, logits = 4 * G * V;
    const largest = keys >= logits
      ? { what: `all ${kvRows} rows' keys of one layer`, bytes: keys }
      : { what: `logits of ${G} decoded rows`, bytes: logits };
    parts.push({ name: 'kvCache', bytes, largest });
  }

  const total = parts.reduce((a, p) => a + p.bytes, 0);
  const problems: string[] = [];
  const L = inp.limits;
  const advice: Record<MemoryPartName, string> = {
    weights: 'choose a smaller model or keep the weights in bf16/f16',
    lora: 'lower the LoRA rank or target fewer projections',
    gradients: inp.training === 'full' ? 'train with LoRA instead of full fine-tuning' : 'lower the LoRA rank or target fewer projections',
    optimizer: inp.training === 'full' ? 'train with LoRA instead of full fine-tuning' : 'lower the LoRA rank or target fewer projections',
    activations: 'lower the batch size or the sequence length',
    logits: 'lower the batch size or the sequence length',
    kvCache: 'decode fewer rows at once or lower the maximum length',
  };
  const split = inp.splitLargeWeights ?? true;
  for (const p of parts) {
    if (p.name === 'weights' && split) continue; // the GPU model splits weights into bindable pieces
    if (p.largest.bytes > L.maxBufferSize) {
      problems.push(`${p.name}: ${p.largest.what} needs one buffer of ${formatBytes(p.largest.bytes)}, more than the device's maxBufferSize ${formatBytes(L.maxBufferSize)}; ${advice[p.name]}`);
    } else if (p.largest.bytes > L.maxStorageBufferBindingSize) {
      problems.push(`${p.name}: ${p.largest.what} needs a binding of ${formatBytes(p.largest.bytes)}, more than the device's maxStorageBufferBindingSize ${formatBytes(L.maxStorageBufferBindingSize)}; ${advice[p.name]}`);
    }
  }
  if (!split && wLargest.bytes > L.maxStorageBufferBindingSize) {
    problems.push(`weights: ${wLargest.what} (${formatBytes(wLargest.bytes)}) exceeds maxStorageBufferBindingSize ${formatBytes(L.maxStorageBufferBindingSize)} and splitting is off`);
  }
  if (total > L.budgetBytes) {
    const biggest = [...parts].sort((a, b) => b.bytes - a.bytes)[0];
    problems.push(`total ${formatBytes(total)} exceeds the budget of ${formatBytes(L.budgetBytes)}; the largest part is ${biggest.name} (${formatBytes(biggest.bytes)}): ${advice[biggest.name]}`);
  }
  return { parts, total, fits: problems.length === 0, problems };
}

/** planMemory, throwing one message listing every problem when something does not fit. */
export function requireFits(inp: MemoryPlanInput): MemoryPlan {
  const plan = planMemory(inp);
  if (!plan.fits) throw new Error(`${inp.config.architecture} does not fit: ${plan.problems.join('; ')}`);
  return plan;
}
