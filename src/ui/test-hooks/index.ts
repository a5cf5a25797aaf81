// The studio's test hooks, one convention for all (README, "Test hooks"): a page opened with
// `?test=<hook>[,<hook>…]` installs those hooks, and only those, on window.__lrpoTest.<hook>; a page
// without the parameter has none. The hooks:
//   drills   fault and device-loss drills and a look at the live run (drills.ts; e2e resume/studio)
//   rewards  language ID, chrF and embedding cosine computed in a worker of the real build (rewards.ts)
//   engine   the WebGPU kernel and model self-test against the CPU reference; the page shows the
//            self-test instead of the studio (engine.ts; e2e/engine.spec.ts)

import type { Drills } from './drills';
import type { RewardsCheck } from './rewards';
import type { SelfTestReport } from './engine';

declare global {
  interface Window {
    __lrpoTest?: { drills?: Drills; rewards?: RewardsCheck; engine?: () => Promise<SelfTestReport> };
  }
}

const TEST_HOOKS = ['drills', 'rewards', 'engine'] as const;
export type TestHook = (typeof TEST_HOOKS)[number];

/** The hooks the URL asks for (unknown names are ignored). */
export function requestedHooks(search: string): TestHook[] {
  const raw = new URLSearchParams(search).get('test');
  if (!raw) return [];
  return raw.split(',').map((s) => s.trim()).filter((s): s is TestHook => (TEST_HOOKS as readonly string[]).includes(s));
}

/** window.__lrpoTest, created on first use. */
export function hookSlot(): Record<string, unknown> {
  const w = window as unknown as { __lrpoTest?: Record<string, unknown> };
  return (w.__lrpoTest ??= {});
}

/** Installs the hooks the URL asks for; resolves when they are in place. */
export async function installTestHooks(search: string): Promise<TestHook[]> {
  const hooks = requestedHooks(search);
  for (const h of hooks) {
    if (h === 'drills') (await import('./drills')).installDrills();
    else if (h === 'rewards') (await import('./rewards')).installRewards();
    else if (h === 'engine') (await import('./engine')).installEngine();
  }
  return hooks;
}
