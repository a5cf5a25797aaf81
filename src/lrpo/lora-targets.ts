// verl's actor_rollout_ref.model.target_modules as the engine's LoRA targets: "all-linear" (verl's
// and PEFT's shorthand: every linear projection of a decoder layer, the LM head excepted) or a
// comma-separated list of projection names.

import { brief } from '../data/brief';
import { LINEAR_NAMES, type LinearName } from '../engine/hf/llama-params';

/** Why the text is not a target list, or null. */
export function loraTargetsProblem(text: string): string | null {
  const t = text.trim();
  if (t === 'all-linear') return null;
  const parts = t.split(',').map((s) => s.trim()).filter(Boolean);
  if (!parts.length) return `must be all-linear or a comma-separated list of ${LINEAR_NAMES.join(', ')}`;
  for (const p of parts) {
    if (!(LINEAR_NAMES as readonly string[]).includes(p)) return `${brief(p)} is not a projection of a Llama-family layer (${LINEAR_NAMES.join(', ')}, or all-linear)`;
    if (parts.indexOf(p) !== parts.lastIndexOf(p)) return `${brief(p)} is listed twice`;
  }
  return null;
}

/** The projections LoRA adapts (in the engine's order); throws with the reason for a bad list. */
export function loraTargets(text: string): LinearName[] {
  const problem = loraTargetsProblem(text);
  if (problem) throw new Error(`model.target_modules ${problem}`);
  if (text.trim() === 'all-linear') return [...LINEAR_NAMES];
  const set = new Set(text.split(',').map((s) => s.trim()));
  return LINEAR_NAMES.filter((n) => set.has(n));
}
