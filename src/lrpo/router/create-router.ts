// One entry point: the router a RouterConfig asks for, with a seeded RNG of its own.

import type { Rng } from '../../engine/rng';
import type { RouterConfig } from '../config';
import type { BaseRouter } from './base-router';
import { SoftmaxEpsRouter } from './softmax-eps-router';
import { ThompsonRouter } from './thompson-router';
import type { RouterState } from './types';
import { UcbRouter } from './ucb-router';

export function createRouter(config: RouterConfig, seed: number | Rng = 0): BaseRouter {
  switch (config.algorithm) {
    case 'softmax_eps':
      return new SoftmaxEpsRouter(config, seed);
    case 'ucb':
      return new UcbRouter(config, seed);
    case 'thompson':
      return new ThompsonRouter(config, seed);
    default:
      throw new Error(`router: unknown algorithm '${String((config as { algorithm: unknown }).algorithm)}' (softmax_eps, ucb or thompson)`);
  }
}

/** A router restored from a saved state (the config must match the state's algorithm and languages). */
export function restoreRouter(config: RouterConfig, state: RouterState): BaseRouter {
  const r = createRouter(config, 0);
  r.setState(state);
  return r;
}
