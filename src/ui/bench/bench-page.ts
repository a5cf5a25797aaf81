// The studio's /bench page (bench.html): the engine benchmark on the visitor's GPU, the same code as
// `npm run bench:engine`'s Llama-family part (engine/bench). Results are shown as text. Exposed as
// window.__lrpoBench(options) for the browser test, which runs the tiny shape.
import { createGpuContext } from '../../engine/backend';
import { benchFamily, defaultSettings, familyTable, isSoftwareAdapter, type FamilyBenchResult, type FamilyBenchSettings } from '../../engine/bench/family-bench';
import { FAMILY_SHAPES } from '../../engine/bench/family-shapes';
import { measureFmaPeak, measureMatmul } from '../../engine/bench/gpu-probes';
import { gemmVariant } from '../../engine/kernels/gemm-variant';

export interface BenchPageOptions {
  shapes: string[];
  /** full size even on a software adapter */
  full?: boolean;
  /** override the measured work (tests) */
  settings?: FamilyBenchSettings;
  /** matmul sizes (default 512, 1024) */
  matmul?: number[];
}

export interface BenchPageReport {
  adapter: string;
  fmaPeakGflops: number;
  matmul: { n: number; gflops: number; pctPeak: number }[];
  families: FamilyBenchResult[];
  lines: string[];
}

async function runBench(opts: BenchPageOptions, progress: (s: string) => void): Promise<BenchPageReport> {
  for (const s of opts.shapes) if (!FAMILY_SHAPES[s]) throw new Error(`unknown model shape '${s}' (known: ${Object.keys(FAMILY_SHAPES).join(', ')})`);
  const ctx = await createGpuContext();
  try {
    const a = ctx.adapter;
    const adapter = `${a.vendor} ${a.architecture} ${a.device} ${a.description}`.trim() + (a.isFallbackAdapter ? ' (fallback adapter)' : '');
    progress(`adapter: ${adapter}\nmeasuring the FMA peak…`);
    const peak = await measureFmaPeak(ctx, 0.2);
    const matmul = [];
    for (const n of opts.matmul ?? [512, 1024]) {
      progress(`matmul ${n}²…`);
      const r = await measureMatmul(ctx, n, 0.2);
      matmul.push({ n, gflops: r.gflops, pctPeak: (100 * r.gflops) / peak.gflops });
    }
    const software = isSoftwareAdapter(ctx) && !opts.full;
    const families: FamilyBenchResult[] = [];
    for (const name of opts.shapes) {
      progress(`${name}: building a random-weight model and measuring…`);
      const d = defaultSettings(FAMILY_SHAPES[name], software);
      families.push(await benchFamily(ctx, name, FAMILY_SHAPES[name], opts.settings ?? d.settings, opts.settings ? ['test settings'] : d.shortened, peak.gflops));
    }
    const lines = [
      `adapter: ${adapter}; subgroups: ${ctx.features.subgroups}; timestamp-query: ${ctx.features.timestampQuery}`,
      `FMA peak: ${peak.gflops.toFixed(2)} GFLOP/s`,
      ...matmul.map((m) => `${gemmVariant(ctx)} matmul ${m.n}²: ${m.gflops.toFixed(2)} GFLOP/s (${m.pctPeak.toFixed(1)}% of the peak)`),
      '',
      ...familyTable(families, peak.gflops),
    ];
    return { adapter, fmaPeakGflops: peak.gflops, matmul, families, lines };
  } finally {
    ctx.device.destroy();
  }
}

declare global {
  interface Window { __lrpoBench?: (o: BenchPageOptions) => Promise<BenchPageReport> }
}

const out = document.getElementById('out');
const show = (s: string) => { if (out) out.textContent = s; };
window.__lrpoBench = async (o) => {
  const r = await runBench(o, show);
  show(r.lines.join('\n'));
  return r;
};

const button = document.getElementById('run') as HTMLButtonElement | null;
button?.addEventListener('click', () => {
  const shapes = ((document.getElementById('shapes') as HTMLSelectElement | null)?.value ?? 'tiny').split(',');
  const full = (document.getElementById('full') as HTMLInputElement | null)?.checked ?? false;
  button.disabled = true;
  window.__lrpoBench!({ shapes, full }).catch((e: unknown) => show(`error: ${(e as Error).message}`)).finally(() => { button.disabled = false; });
});
