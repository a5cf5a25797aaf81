// What a save of a run holds, and its encoding as named files: everything needed to continue a run
// exactly — policy weights, AdamW state, the frozen reference policy, the trainer's state (step,
// RNG, batch order, fault counters, the router's tables, buffer and RNG), the resolved config, and
// how far each log had been written (so a resume cuts logs back to the save). Writing the files
// atomically is the caller's job (the CLI: temp folder + rename; the worker: its own storage).

import type { Model, NamedTensor, OptimizerState } from '../engine/model-api';
import { readSafetensors, writeSafetensors } from '../engine/checkpoint/safetensors';
import type { RunConfig } from './config';
import type { Trainer, TrainerState } from './trainer';

export interface RunSave {
  version: 1;
  step: number;
  config: RunConfig;
  trainer: TrainerState;
  policy: Map<string, NamedTensor>;
  optimizer: OptimizerState;
  reference: Map<string, NamedTensor> | null;
  /** byte length of each log file (metrics.jsonl, router.jsonl, rollouts.jsonl) at save time */
  logs: Record<string, number>;
}

export const SAVE_FILES = { state: 'state.json', policy: 'policy.safetensors', optimizer: 'optimizer.safetensors', reference: 'reference.safetensors' } as const;

export async function captureRunSave(trainer: Trainer, model: Model, reference: Model | null, logs: Record<string, number>): Promise<RunSave> {
  return {
    version: 1,
    step: trainer.step,
    config: structuredClone(trainer.config),
    trainer: trainer.getState(),
    policy: await model.exportParams(),
    optimizer: await model.exportOptimizerState(),
    reference: reference ? await reference.exportParams() : null,
    logs: { ...logs },
  };
}

export async function restoreRunSave(save: RunSave, trainer: Trainer, model: Model, reference: Model | null): Promise<void> {
  await model.importParams(save.policy);
  await model.importOptimizerState(save.optimizer);
  if (reference && save.reference) await reference.importParams(save.reference);
  trainer.setState(save.trainer);
}

export function encodeRunSave(s: RunSave): Record<string, Uint8Array> {
  const opt = new Map<string, NamedTensor>();
  for (const [name, m] of s.optimizer.m) opt.set(`m.${name}`, { shape: s.policy.get(name)?.shape ?? [m.length], data: m });
  for (const [name, v] of s.optimizer.v) opt.set(`v.${name}`, { shape: s.policy.get(name)?.shape ?? [v.length], data: v });
  const state = { version: s.version, step: s.step, config: s.config, trainer: s.trainer, logs: s.logs, optimizerStep: s.optimizer.step, hasReference: !!s.reference };
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
  let state: { version: number; step: number; config: RunConfig; trainer: TrainerState; logs: Record<string, number>; optimizerStep: number; hasReference: boolean };
  try {
    state = JSON.parse(new TextDecoder().decode(need(SAVE_FILES.state)));
  } catch (e) {
    throw new Error(`${where}/${SAVE_FILES.state}: not valid JSON (${(e as Error).message})`);
  }
  if (state.version !== 1) throw new Error(`${where}/${SAVE_FILES.state}: unknown save version ${String(state.version)}`);
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
    version: 1, step: state.step, config: state.config, trainer: state.trainer, logs: state.logs ?? {},
    policy: toNamed(SAVE_FILES.policy), optimizer, reference: state.hasReference ? toNamed(SAVE_FILES.reference) : null,
  };
}
