// What a save of a run holds, and its encoding as named files: everything needed to continue a run
// exactly — policy weights, AdamW state, the frozen reference policy, where the run is (SFT or LRPO)
// with the SFT loop's state, the trainer's state (step, RNG streams, batch order, fault counters,
// the router's tables, buffer and RNG), the resolved config, and how far each log had been written
// (so a resume cuts logs back to the save). The run (run.ts) captures and restores it; writing the
// files atomically is the adapter's job (the CLI: temp folder + rename; the worker: its own storage).

import type { NamedTensor, OptimizerState } from '../../engine/model-api';
import { readSafetensors, writeSafetensors } from '../../engine/checkpoint/safetensors';
import type { RunConfig } from '../config';
import type { TrainerState } from '../trainer';
import type { SftLoopState } from '../sft-loop';

export type RunPhase = 'sft' | 'lrpo';

export interface RunSave {
  version: 2;
  /** LRPO steps done */
  step: number;
  config: RunConfig;
  phase: RunPhase;
  /** the SFT loop's state (null when the config has no SFT) */
  sft: SftLoopState | null;
  /** the trainer's state (null while SFT runs: the trainer starts after it) */
  trainer: TrainerState | null;
  policy: Map<string, NamedTensor>;
  optimizer: OptimizerState;
  reference: Map<string, NamedTensor> | null;
  /** byte length (or line count) of each log at save time, as the adapter records it */
  logs: Record<string, number>;
}

const SAVE_FILES = { state: 'state.json', policy: 'policy.safetensors', optimizer: 'optimizer.safetensors', reference: 'reference.safetensors' } as const;

export function encodeRunSave(s: RunSave): Record<string, Uint8Array> {
  const opt = new Map<string, NamedTensor>();
  for (const [name, m] of s.optimizer.m) opt.set(`m.${name}`, { shape: s.policy.get(name)?.shape ?? [m.length], data: m });
  for (const [name, v] of s.optimizer.v) opt.set(`v.${name}`, { shape: s.policy.get(name)?.shape ?? [v.length], data: v });
  const state = { version: s.version, step: s.step, config: s.config, phase: s.phase, sft: s.sft, trainer: s.trainer, logs: s.logs, optimizerStep: s.optimizer.step, hasReference: !!s.reference };
  const files: Record<string, Uint8Array> = {
    [SAVE_FILES.state]: new TextEncoder().encode(JSON.stringify(state)),
    [SAVE_FILES.policy]: writeSafetensors(s.policy, { format: 'pt' }),
    [SAVE_FILES.optimizer]: writeSafetensors(opt, { step: String(s.optimizer.step) }),
  };
  if (s.reference) files[SAVE_FILES.reference] = writeSafetensors(s.reference, { format: 'pt' });
  return files;
}

/** Decodes a save; throws with the file named when a part is missing or malformed. */
export function decodeRunSave(files: Record<string, Uint8Array>, where: string): RunSave {
  const need = (name: string) => {
    const b = files[name];
    if (!b) throw new Error(`${where}/${name}: missing from the save`);
    return b;
  };
  let state: { version: number; step: number; config: RunConfig; phase?: RunPhase; sft?: SftLoopState | null; trainer: TrainerState | null; logs: Record<string, number>; optimizerStep: number; hasReference: boolean };
  try {
    state = JSON.parse(new TextDecoder().decode(need(SAVE_FILES.state)));
  } catch (e) {
    throw new Error(`${where}/${SAVE_FILES.state}: not valid JSON (${(e as Error).message})`);
  }
  // version 1 (before SFT and validation ran inside the run): always in the LRPO phase
  if (state.version !== 1 && state.version !== 2) throw new Error(`${where}/${SAVE_FILES.state}: unknown save version ${String(state.version)}`);
  const toNamed = (name: string) => {
    const m = new Map<string, NamedTensor>();
    for (const [k, t] of readSafetensors(need(name), `${where}/${name}`).tensors) m.set(k, { shape: t.shape, data: t.data });
    return m;
  };
  const opt = toNamed(SAVE_FILES.optimizer);
  const optimizer: OptimizerState = { step: state.optimizerStep, m: new Map(), v: new Map() };
  for (const [k, t] of opt) {
    if (k.startsWith('m.')) optimizer.m.set(k.slice(2), t.data);
    else if (k.startsWith('v.')) optimizer.v.set(k.slice(2), t.data);
  }
  return {
    version: 2, step: state.step, config: state.config, phase: state.phase ?? 'lrpo', sft: state.sft ?? null, trainer: state.trainer, logs: state.logs ?? {},
    policy: toNamed(SAVE_FILES.policy), optimizer, reference: state.hasReference ? toNamed(SAVE_FILES.reference) : null,
  };
}
