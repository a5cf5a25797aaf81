import { describe, expect, it } from 'vitest';
import { loraTargets, loraTargetsProblem } from './lora-targets';

describe('LoRA target_modules (verl names)', () => {
  it('all-linear is every projection; a list keeps the engine order', () => {
    expect(loraTargets('all-linear')).toEqual(['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj']);
    expect(loraTargets(' v_proj, q_proj ')).toEqual(['q_proj', 'v_proj']);
  });
  it('names the bad entry', () => {
    expect(loraTargetsProblem('q_proj,lm_head')).toMatch(/"lm_head" is not a projection/);
    expect(loraTargetsProblem('q_proj,q_proj')).toMatch(/listed twice/);
    expect(loraTargetsProblem('')).toMatch(/all-linear or/);
    expect(() => loraTargets('c_attn')).toThrow(/model.target_modules "c_attn"/);
  });
});
