// The RNG streams of one run, each derived from the run seed, so that the router's draws (its
// epsilon coin and language samples) and the trainer's (rollout sampling seeds, quota order) never
// share a sequence: with one seed for both, a router's first uniform equalled the trainer's first.

/** splitmix32 finalizer: a well-mixed 32-bit value of x */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** the trainer's RNG (rollout sampling seeds, planning) */
export function trainerSeed(runSeed: number): number {
  return runSeed >>> 0;
}

/** the batch order's RNG (runs that differ only in routing see the same questions) */
export function batchSeed(runSeed: number): number {
  return (runSeed ^ 0x9e3779b9) >>> 0;
}

/** the router's RNG: its own stream */
export function routerSeed(runSeed: number): number {
  return mix32((runSeed ^ 0x52f0a7c3) >>> 0);
}

/** the warm-start SFT's RNG (its epochs' extra languages and order) */
export function sftSeed(runSeed: number): number {
  return (runSeed ^ 0x5f7) >>> 0;
}
