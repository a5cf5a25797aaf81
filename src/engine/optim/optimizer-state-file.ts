// The optimizer state (AdamW m and v per parameter, step count) as one safetensors file, so a run
// can resume exactly: tensors `m.<name>` and `v.<name>` in checkpoint layout, metadata
// {format: "pt", lrpo_optimizer: "adamw", step: "<n>"}.
import type { GPTConfig, OptimizerState } from '../model-api';
import { paramTable } from '../gpt/params';
import { readSafetensors, writeSafetensors } from '../checkpoint/safetensors';

export function optimizerStateToBytes(config: GPTConfig, state: OptimizerState): Uint8Array {
  const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const which of ['m', 'v'] as const) {
    for (const e of paramTable(config)) {
      const data = state[which].get(e.name);
      if (!data) throw new Error(`optimizer state: no ${which} for '${e.name}'`);
      tensors.set(`${which}.${e.name}`, { shape: e.shape, data });
    }
  }
  return writeSafetensors(tensors, { format: 'pt', lrpo_optimizer: 'adamw', step: String(state.step) });
}

export function optimizerStateFromBytes(config: GPTConfig, bytes: Uint8Array, file: string): OptimizerState {
  const st = readSafetensors(bytes, file);
  if (st.metadata.lrpo_optimizer !== 'adamw') throw new Error(`${file}: not an AdamW optimizer-state file (metadata 'lrpo_optimizer' missing)`);
  const step = Number(st.metadata.step);
  if (!Number.isInteger(step) || step < 0) throw new Error(`${file}: metadata 'step' must be a non-negative integer, got ${JSON.stringify(st.metadata.step)}`);
  const state: OptimizerState = { step, m: new Map(), v: new Map() };
  for (const which of ['m', 'v'] as const) {
    for (const e of paramTable(config)) {
      const name = `${which}.${e.name}`;
      const t = st.tensors.get(name);
      if (!t) throw new Error(`${file}: missing tensor '${name}'`);
      if (t.data.length !== e.size || t.shape.join(',') !== e.shape.join(',')) {
        throw new Error(`${file}: tensor '${name}' has shape [${t.shape.join(', ')}], expected [${e.shape.join(', ')}]`);
      }
      state[which].set(e.name, t.data);
    }
  }
  return state;
}
