// The memory plan of the configured run on the opened Hugging Face model, against this page's
// WebGPU adapter's buffer limits: the model picker shows it, the run controls refuse Start with its
// problems. Null when no opened model is the configured model.path.

import { useEffect, useState } from 'react';
import { inspectPlan } from '../../lrpo/family/inspect-model';
import type { RunMemoryPlan } from '../../lrpo/family/run-memory-plan';
import { useSettingsStore } from '../store/settings-store';
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
  const [limits, setLimits] = useState<Limits | null>(null);
  useEffect(() => void adapterLimits().then(setLimits), []);
  if (!opened || opened.path !== config.model.path) return null;
  return inspectPlan(opened.inspection, config, { ...(limits ?? { maxBufferSize: Infinity, maxStorageBufferBindingSize: Infinity }), budgetBytes: Infinity });
}
