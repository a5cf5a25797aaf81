// Temperature and epsilon schedules, once per training step, before sampling:
//   tau = max(tau_min, tau_init * tau_decay^step),  eps = max(eps_min, eps_init * eps_decay^step)
// where `step` counts the training steps completed before this one (0 for the first).
// Each is annealed on its own: eps decays even when tau is held constant (the reference skips eps
// annealing in that case; we fix it).

import type { RouterConfig } from '../config';
import type { StepSchedule } from './types';

export function scheduleAt(cfg: RouterConfig, completedSteps: number): StepSchedule {
  const tau = Math.max(cfg.lang_policy_temperature_min, cfg.lang_policy_temperature_init * cfg.lang_policy_temperature_decay ** completedSteps);
  const eps = Math.max(cfg.lang_policy_epsilon_min, cfg.lang_policy_epsilon_init * cfg.lang_policy_epsilon_decay ** completedSteps);
  return { tau, eps };
}
