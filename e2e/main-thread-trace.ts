// The page's main-thread tasks from a Chrome trace: for the studio's browser test and the UI
// responsiveness benchmark (e2e/bench/ui-responsiveness.ts). No test-runner imports, so plain Node
// scripts can use it too.
import type { Page } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * Records the page's main-thread tasks (a Chrome trace) until the returned function is called, which
 * gives each task's wall time and the CPU time the thread spent in it. On a machine whose cores are
 * busy (SwiftShader renders WebGPU on the CPU), a task's wall time also holds the time it waited for
 * a core; its CPU time is the work the page itself did.
 */
export async function traceMainThread(page: Page): Promise<() => Promise<{ wallMs: number; cpuMs: number }[]>> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: 'disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
    const threads = events.filter((e) => e.name === 'thread_name');
    const withWorker = new Set(threads.filter((e) => e.args?.name?.startsWith('DedicatedWorker')).map((e) => e.pid));
    const mains = threads.filter((e) => e.args?.name === 'CrRendererMain');
    const main = mains.find((e) => withWorker.has(e.pid)) ?? mains[0];
    if (!main) throw new Error('the trace names no renderer main thread');
    return events
      .filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined)
      .map((e) => ({ wallMs: e.dur! / 1000, cpuMs: (e.tdur ?? e.dur!) / 1000 }));
  };
}
