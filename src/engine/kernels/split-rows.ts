// How a [rows, cols] tensor is cut into row chunks so that no chunk exceeds `maxBytes` (the device's
// maxStorageBufferBindingSize, and maxBufferSize): a 151,936 x 896 bf16 embedding (272 MB) is three
// chunks under a 128 MiB limit. Pure; the GPU tensor (packed-matrix.gpu.ts) uploads one buffer per chunk.

export interface RowChunk {
  row0: number;
  rows: number;
}

export function splitRows(rows: number, cols: number, bytesPerElement: number, maxBytes: number): RowChunk[] {
  const rowBytes = cols * bytesPerElement;
  if (!(rowBytes > 0) || !(rows > 0)) throw new Error(`cannot split a [${rows}, ${cols}] tensor`);
  const perChunk = Math.floor(maxBytes / rowBytes);
  if (perChunk < 1) throw new Error(`one row of ${cols} values (${rowBytes} bytes) is larger than the device's binding limit of ${maxBytes} bytes`);
  const chunks: RowChunk[] = [];
  for (let r = 0; r < rows; r += perChunk) chunks.push({ row0: r, rows: Math.min(perChunk, rows - r) });
  return chunks;
}
