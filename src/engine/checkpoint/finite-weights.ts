// The load-time check for NaN and ±Infinity in a checkpoint's weights. The safetensors codec keeps
// every bit (a NaN payload round-trips, which the tests rely on), so it cannot refuse them; whatever
// opens a checkpoint to train or sample runs this check instead (loadCheckpoint's requireFinite
// option) and the user learns which tensor is broken before a single step produces NaN.
import type { NamedTensor } from '../model-api';

export interface NonFiniteTensor {
  tensor: string;
  /** values that are NaN, +Infinity or -Infinity */
  count: number;
  nan: number;
  posInf: number;
  negInf: number;
  /** flat index (row-major in the tensor's shape) of the first one */
  firstIndex: number;
  /** values in the tensor */
  size: number;
}

/** Every tensor holding non-finite values, in the map's order (empty when all are finite). */
export function findNonFinite(params: ReadonlyMap<string, Pick<NamedTensor, 'data'>>): NonFiniteTensor[] {
  const out: NonFiniteTensor[] = [];
  for (const [tensor, { data }] of params) {
    let nan = 0, posInf = 0, negInf = 0, firstIndex = -1;
    for (let i = 0; i < data.length; i++) {
      const x = data[i];
      // x - x is 0 for every finite x and NaN for NaN and ±Infinity: one test on the hot path
      if (x - x === 0) continue;
      if (firstIndex < 0) firstIndex = i;
      if (x !== x) nan++;
      else if (x > 0) posInf++;
      else negInf++;
    }
    if (firstIndex >= 0) out.push({ tensor, count: nan + posInf + negInf, nan, posInf, negInf, firstIndex, size: data.length });
  }
  return out;
}

/** "FILE: tensor 'NAME': 3 non-finite values of 96 (2 NaN, 1 +Infinity; the first at index 17)" */
export function nonFiniteMessage(file: string, t: NonFiniteTensor): string {
  const kinds = [
    t.nan ? `${t.nan} NaN` : '',
    t.posInf ? `${t.posInf} +Infinity` : '',
    t.negInf ? `${t.negInf} -Infinity` : '',
  ].filter(Boolean).join(', ');
  return `${file}: tensor '${t.tensor}': ${t.count} non-finite value${t.count === 1 ? '' : 's'} of ${t.size} (${kinds}; the first at index ${t.firstIndex})`;
}

/** Throws one Error listing every broken tensor (at most 8 named, then a count) of the weights file `file`. */
export function requireFiniteWeights(params: ReadonlyMap<string, Pick<NamedTensor, 'data'>>, file: string): void {
  const bad = findNonFinite(params);
  if (!bad.length) return;
  const shown = bad.slice(0, 8).map((t) => nonFiniteMessage(file, t));
  if (bad.length > shown.length) shown.push(`${file}: and ${bad.length - shown.length} more tensors with non-finite values`);
  throw new Error(`${shown.join('\n')}\n${file}: the weights hold NaN or Infinity, so training or sampling from them cannot work; use another checkpoint`);
}
