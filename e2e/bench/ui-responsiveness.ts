// `npm run bench:ui` — a benchmark, not a test: how long the studio's main thread is busy while the
// worker trains. Builds and serves the studio (vite preview on 127.0.0.1:4180), opens it in Debian's
// chromium with WebGPU on, trains the tiny preset, records a Chrome trace of the main thread from
// step 2 (the charts exist by then and only update) to step N, and prints each task's wall and CPU
// time against one frame (16.7 ms) and the long-task line (50 ms). Wall time includes waiting for a
// core (SwiftShader renders WebGPU on the CPU); CPU time is the page's own work. Writes
// bench-results/ui.json.
//   node bin/run-ts.mjs e2e/bench/ui-responsiveness.ts [--steps 8]
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { PRESETS } from '../../src/ui/store/presets';
import { configToQuery } from '../../src/ui/url-config';
import { traceMainThread } from '../main-thread-trace';

// not 4190: that port is on the Fetch standard's blocked list (Node's fetch and chromium refuse it)
const PORT = 4180;
const FRAME_MS = 1000 / 60;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const steps = arg('steps', 8);

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: 'inherit' });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within 60 s`);
}

async function stepOf(page: Page): Promise<number> {
  return Number(await page.getByTestId('run-step').textContent());
}

async function waitForStep(page: Page, n: number): Promise<void> {
  for (;;) {
    if ((await stepOf(page)) >= n) return;
    await page.waitForTimeout(200);
  }
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] : 0);
const r1 = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const vite = 'node_modules/vite/bin/vite.js'; // run directly (not through npx) so kill() stops the server itself
  await run(process.execPath, [vite, 'build', '--logLevel', 'warn']);
  const server = spawn(process.execPath, [vite, 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    await waitForServer(base);
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--enable-unsafe-webgpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-sandbox'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const query = configToQuery(PRESETS.find((p) => p.id === 'tiny')!.build());
    await page.goto(`${base}/?${query}#train`);
    await page.getByTestId('run-state').filter({ hasText: 'ready' }).waitFor({ timeout: 120_000 });
    const adapter = await page.getByTestId('adapter').textContent();
    await page.getByRole('button', { name: '▶ Start' }).click();
    await waitForStep(page, 2);
    const stop = await traceMainThread(page);
    const t0 = Date.now();
    await waitForStep(page, 2 + steps);
    const seconds = (Date.now() - t0) / 1000;
    const tasks = await stop();
    await page.getByRole('button', { name: '⏸ Pause' }).click();
    await browser.close();

    const wall = tasks.map((t) => t.wallMs);
    const cpu = tasks.map((t) => t.cpuMs);
    const over = (xs: number[], ms: number) => xs.filter((x) => x > ms).length;
    const result = {
      bench: 'ui', date: new Date().toISOString(), adapter, steps, seconds: r1(seconds), tasks: tasks.length,
      wall: { max: r1(Math.max(0, ...wall)), p99: r1(pct(wall, 0.99)), overFrame: over(wall, FRAME_MS), overLongTask: over(wall, 50) },
      cpu: { max: r1(Math.max(0, ...cpu)), p99: r1(pct(cpu, 0.99)), overFrame: over(cpu, FRAME_MS), overLongTask: over(cpu, 50) },
    };
    console.log(`ui bench: ${steps} training steps of the tiny preset in ${result.seconds} s on ${adapter}`);
    console.log(`main-thread tasks: ${tasks.length}`);
    console.log(`  wall time: longest ${result.wall.max} ms, p99 ${result.wall.p99} ms; over one frame (16.7 ms): ${result.wall.overFrame}; over 50 ms: ${result.wall.overLongTask}`);
    console.log(`  CPU time:  longest ${result.cpu.max} ms, p99 ${result.cpu.p99} ms; over one frame (16.7 ms): ${result.cpu.overFrame}; over 50 ms: ${result.cpu.overLongTask}`);
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/ui.json', JSON.stringify(result, null, 2) + '\n');
    console.log('wrote bench-results/ui.json');
  } finally {
    server.kill();
  }
}

await main();
