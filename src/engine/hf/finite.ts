// Exports: requireFiniteHf, refusing a checkpoint whose weights hold NaN or infinity (one would poison
// every number downstream), naming the folder, the tensor, how many values and the first index;
// BF16/F16 are checked on their bits (exponent all ones), without widening.
import type { HfTensor } from './tensors';

export function requireFiniteHf(tensors: Map<string, HfTensor>, label: string): void {
  for (const [name, t] of tensors) {
    let count = 0;
    let first = -1;
    const d = t.data;
    if (t.dtype === 'F32') {
      for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) { count++; if (first < 0) first = i; }
    } else {
      const exp = t.dtype === 'BF16' ? 0x7f80 : 0x7c00;
      for (let i = 0; i < d.length; i++) if ((d[i] & exp) === exp) { count++; if (first < 0) first = i; }
    }
    if (count > 0) throw new Error(`${label}: tensor '${name}' holds ${count} non-finite value${count > 1 ? 's' : ''} of ${d.length} (NaN or infinity; the first at index ${first})`);
  }
}
