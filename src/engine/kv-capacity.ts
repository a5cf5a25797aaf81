// How many positions a row's KV cache holds on the GPU decoder (llama-gpu/kv-decoder.ts), shared with
// the memory planner so the plan counts what is allocated: a prompt starts at the smallest power of two
// (from 16) with 16 positions to spare, the cache doubles when the row outgrows it, never past the
// model's context.

/** capacity of a row's cache after its prompt (`prompt` tokens) */
export function kvStartCapacity(prompt: number, blockSize: number): number {
  let cap = 16;
  while (cap < prompt + 16) cap *= 2;
  return Math.min(cap, blockSize);
}

/** capacity after growing from `cap` to hold `need` positions */
export function kvGrownCapacity(cap: number, need: number, blockSize: number): number {
  while (cap < need) cap *= 2;
  return Math.min(cap, blockSize);
}

/** capacity of a row that holds a `prompt`-token prompt and ends `length` tokens long */
export function kvCapacity(prompt: number, length: number, blockSize: number): number {
  return kvGrownCapacity(kvStartCapacity(prompt, blockSize), length, blockSize);
}
