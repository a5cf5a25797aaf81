// The memory plan of the configured run on the opened Hugging Face model, against this page's
// WebGPU adapter's buffer limits and the GPU memory the user said the run may use (gpu-memory-budget.ts;
// a page cannot ask the GPU for its memory): the model picker shows it, the run controls refuse Start with its
// problems. Null when no opened model is the configured model.path. A model.path the picker did not
// open (the URL, run.json) is opened from the browser's cache and checked the same way; until it is,
// or when it cannot be, Start is refused with the reason (useStartRefusal).

import { useEffect, useState } from 'react';
import { inspectPlan } from '../../lrpo/family/inspect-model';
import type { RunMemoryPlan } from '../../lrpo/family/run-memory-plan';
import { useSettingsStore } from '../store/settings-store';
import { useGpuMemoryBudget } from './gpu-memory-budget';
import { useModelHubStore } from './model-hub-store';

type Limits = { maxBufferSize: number; maxStorageBufferBindingSize: number };
let limitsPromise: Promise<Limits | null> | null = null;

/** the adapter's limits, asked once per page */
function adapterLimits(): Promise<Limits | null> {
  limitsPromise ??= (async () => {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ limits: Limits } | null> } }).gpu;
    const a = await gpu?.requestAdapter().catch(() => null);
    return a ? { maxBufferSize: a.limits.maxBufferSize, maxStorageBufferBindingSize: a.limits.maxStorageBufferBindingSize } : null;
  })();
  return limitsPromise;
}

export function useRunPlan(): RunMemoryPlan | null {
  const opened = useModelHubStore((s) => s.opened);
  const config = useSettingsStore((s) => s.config);
  const budgetBytes = useGpuMemoryBudget((s) => s.bytes);
  const [limits, setLimits] = useState<Limits | null>(null);
  useEffect(() => void adapterLimits().then(setLimits), []);
  const path = config.model.path;
  useEffect(() => {
    // read now, not from this render: a model opened in the picker edits model.path in the same flush
    const now = useSettingsStore.getState().config.model.path;
    if (now && useModelHubStore.getState().opened?.path !== now) void useModelHubStore.getState().openConfigured(now);
  }, [path, opened]);
  if (!opened || opened.path !== config.model.path) return null;
  return inspectPlan(opened.inspection, config, { ...(limits ?? { maxBufferSize: Infinity, maxStorageBufferBindingSize: Infinity }), budgetBytes });
}

/** Why Start must stay disabled on the configured model (the plan's problems, or a model.path not checked), or null. */
export function useStartRefusal(): { memory: boolean; problems: string[] } | null {
  const plan = useRunPlan();
  const configured = useModelHubStore((s) => s.configured);
  const path = useSettingsStore((s) => s.config.model.path);
  if (plan) return plan.fits ? null : { memory: true, problems: plan.problems };
  if (!path || configured?.path !== path) return null;
  return { memory: false, problems: [configured.state === 'checking' ? `checking model.path ${path} in this browser's model cache…` : configured.reason ?? `model.path ${path} cannot be opened`] };
}
