// The `engine` test hook (?test=engine, see index.ts; e2e/engine.spec.ts): the WebGPU kernel and
// model parity checks against the CPU reference in this browser's WebGPU.
// window.__lrpoTest.engine() returns the report; the page shows a panel that runs it and prints the
// results as text instead of the studio.
import { createGpuContext } from '../../engine/backend';
import { kernelChecks, type CheckResult } from '../../engine/selftest/kernel-checks';
import { modelChecks } from '../../engine/selftest/model-checks';
import { hookSlot } from './index';

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

/** Installs window.__lrpoTest.engine and replaces the page's content with the self-test panel. */
export function installEngine(): void {
  hookSlot().engine = selfTest;
  const root = document.getElementById('root') ?? document.body;
  root.replaceChildren();
  const h1 = document.createElement('h1');
  h1.textContent = 'WebGPU engine self-test';
  const p = document.createElement('p');
  p.textContent = 'Runs the WebGPU kernels and a tiny model against the CPU reference in this browser.';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Run self-test';
  const out = document.createElement('pre');
  out.id = 'out';
  root.append(h1, p, button, out);
  button.addEventListener('click', () => {
    out.textContent = 'running…';
    selfTest().then(
      (r) => {
        const lines = r.results.map((c) => `${c.pass ? 'PASS' : 'FAIL'}  ${c.name}: error ${c.err.toExponential(2)} (tolerance ${c.tol})`);
        out.textContent = [`adapter: ${r.adapter.vendor} ${r.adapter.architecture} ${r.adapter.description}`, ...lines].join('\n');
      },
      (e: unknown) => { out.textContent = `error: ${(e as Error).message}`; },
    );
  });
}
