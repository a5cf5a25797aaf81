// Threads per workgroup for the one-workgroup-per-row kernels (LayerNorm, attention softmax,
// log-probabilities): a power of two giving each thread about four elements of the
// row, between 32 and `max`, so short rows do not pay for idle threads and tree-reduction steps.
export function rowWorkgroup(rowLength: number, max: number): number {
  let wg = 32;
  while (wg < max && wg * 4 < rowLength) wg *= 2;
  return wg;
}
