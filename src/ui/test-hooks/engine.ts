// The engine's browser self-test page (engine-selftest.html, used by e2e/engine.spec.ts): runs the WebGPU
// kernel and model parity checks against the CPU reference in this browser's WebGPU and shows the
// results as text. Exposed as window.__lrpoEngineSelfTest() so the browser test can read them.
import { createGpuContext } from '../../engine/backend';
import { kernelChecks, type CheckResult } from '../../engine/selftest/kernel-checks';
import { modelChecks } from '../../engine/selftest/model-checks';

export interface SelfTestReport {
  adapter: { vendor: string; architecture: string; description: string; isFallbackAdapter: boolean };
  results: CheckResult[];
  error?: string;
}

async function selfTest(): Promise<SelfTestReport> {
  const ctx = await createGpuContext();
  try {
    const results = [...(await kernelChecks(ctx)), ...(await modelChecks(ctx))];
    return { adapter: ctx.adapter, results };
  } finally {
    ctx.device.destroy();
  }
}

declare global {
  interface Window { __lrpoEngineSelfTest?: () => Promise<SelfTestReport> }
}

window.__lrpoEngineSelfTest = selfTest;

const button = document.getElementById('run');
const out = document.getElementById('out');
button?.addEventListener('click', () => {
  if (out) out.textContent = 'running…';
  selfTest().then(
    (r) => {
      const lines = r.results.map((c) => `${c.pass ? 'PASS' : 'FAIL'}  ${c.name}: error ${c.err.toExponential(2)} (tolerance ${c.tol})`);
      if (out) out.textContent = [`adapter: ${r.adapter.vendor} ${r.adapter.architecture} ${r.adapter.description}`, ...lines].join('\n');
    },
    (e: unknown) => { if (out) out.textContent = `error: ${(e as Error).message}`; },
  );
});
