// WebGPU-vs-CPU parity checks that run anywhere WebGPU does (the browser self-test page runs them in
// chromium; the Node unit tests have fuller per-kernel suites in kernels/*.gpu.test.ts). Each check
// returns its error relative to the reference's largest magnitude and the tolerance it must meet.
import type { GpuContext } from '../backend/gpu-context';
import { gpuRun, relErr } from '../backend/gpu-test-helpers';
import { Rng } from '../rng';
import { attentionBackward, attentionForward } from '../kernels/attention';
import { attentionBackwardGpu, attentionForwardGpu } from '../kernels/attention.gpu';
import { encoderBackward, encoderForward } from '../kernels/encoder';
import { encoderBackwardGpu, encoderForwardGpu } from '../kernels/encoder.gpu';
import { geluBackward, geluForward } from '../kernels/gelu';
import { geluBackwardGpu, geluForwardGpu } from '../kernels/gelu.gpu';
import { layernormBackward, layernormForward } from '../kernels/layernorm';
import { layernormBackwardGpu, layernormForwardGpu } from '../kernels/layernorm.gpu';
import { logprobsBackward, logprobsForward } from '../kernels/logprobs';
import { logprobsBackwardGpu, logprobsForwardGpu } from '../kernels/logprobs.gpu';
import { matmulBackward, matmulForward } from '../kernels/matmul';
import { matmulBackwardGpu, matmulForwardGpu } from '../kernels/matmul.gpu';
import { residualForward } from '../kernels/residual';
import { residualForwardGpu } from '../kernels/residual.gpu';
import { samplingChecks } from './sampling-checks';

export interface CheckResult {
  name: string;
  err: number;
  tol: number;
  pass: boolean;
}

const result = (name: string, err: number, tol: number): CheckResult => ({ name, err, tol, pass: err < tol });

function rnd(seed: number) {
  const rng = new Rng(seed);
  return { rng, arr: (n: number, s = 1) => new Float32Array(n).map(() => rng.normal() * s) };
}

export async function kernelChecks(ctx: GpuContext): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  {
    const [N, C, OC] = [7, 13, 29];
    const { arr } = rnd(1);
    const inp = arr(N * C), w = arr(C * OC), b = arr(OC), dout = arr(N * OC);
    const want = new Float32Array(N * OC);
    matmulForward(want, inp, w, b, N, C, OC);
    const dinp = new Float32Array(N * C), dw = new Float32Array(C * OC), db = new Float32Array(OC);
    matmulBackward(dinp, dw, db, dout, inp, w, N, C, OC);
    const g = await gpuRun(ctx, { out: new Float32Array(N * OC), inp, w, b, dout, dinp: new Float32Array(N * C), dw: new Float32Array(C * OC), db: new Float32Array(OC) }, (p, x) => {
      matmulForwardGpu(ctx, p, x.out, x.inp, x.w, x.b, N, C, OC);
      matmulBackwardGpu(ctx, p, x.dinp, x.dw, x.db, x.dout, x.inp, x.w, N, C, OC);
    }, ['out', 'dinp', 'dw', 'db']);
    out.push(result('matmul forward 7x13x29', relErr(g.out, want), 1e-5));
    out.push(result('matmul backward 7x13x29', Math.max(relErr(g.dinp, dinp), relErr(g.dw, dw), relErr(g.db, db)), 1e-4));
  }
  {
    const [N, C] = [5, 13];
    const { arr } = rnd(2);
    const inp = arr(N * C), w = arr(C), b = arr(C), dout = arr(N * C);
    const o = new Float32Array(N * C), mean = new Float32Array(N), rstd = new Float32Array(N);
    layernormForward(o, mean, rstd, inp, w, b, N, C, 1e-5);
    const di = new Float32Array(N * C), dw = new Float32Array(C), db = new Float32Array(C);
    layernormBackward(di, dw, db, dout, inp, w, mean, rstd, N, C);
    const g = await gpuRun(ctx, { o: new Float32Array(N * C), mean: new Float32Array(N), rstd: new Float32Array(N), inp, w, b, dout, di: new Float32Array(N * C), dw: new Float32Array(C), db: new Float32Array(C) }, (p, x) => {
      layernormForwardGpu(ctx, p, x.o, x.mean, x.rstd, x.inp, x.w, x.b, N, C, 1e-5);
      layernormBackwardGpu(ctx, p, x.di, x.dw, x.db, x.dout, x.inp, x.w, x.mean, x.rstd, N, C);
    }, ['o', 'di', 'dw', 'db']);
    out.push(result('layernorm forward 5x13', relErr(g.o, o), 1e-5));
    out.push(result('layernorm backward 5x13', Math.max(relErr(g.di, di), relErr(g.dw, dw), relErr(g.db, db)), 1e-4));
  }
  {
    const [B, T, C, NH] = [2, 5, 12, 3];
    const { arr } = rnd(3);
    const qkv = arr(B * T * 3 * C), dout = arr(B * T * C);
    const A = B * NH * T * T;
    const o = new Float32Array(B * T * C), pre = new Float32Array(A), att = new Float32Array(A);
    attentionForward(o, pre, att, qkv, B, T, C, NH);
    const dqkv = new Float32Array(B * T * 3 * C);
    attentionBackward(dqkv, new Float32Array(A), new Float32Array(A), dout, qkv, att, B, T, C, NH);
    const g = await gpuRun(ctx, { o: new Float32Array(B * T * C), pre: new Float32Array(A), att: new Float32Array(A), qkv, dout, dqkv: new Float32Array(B * T * 3 * C), dpre: new Float32Array(A), datt: new Float32Array(A) }, (p, x) => {
      attentionForwardGpu(ctx, p, x.o, x.pre, x.att, x.qkv, B, T, C, NH);
      attentionBackwardGpu(ctx, p, x.dqkv, x.dpre, x.datt, x.dout, x.qkv, x.att, B, T, C, NH);
    }, ['o', 'dqkv']);
    out.push(result('attention forward B2 T5 C12 NH3', relErr(g.o, o), 1e-5));
    out.push(result('attention backward B2 T5 C12 NH3', relErr(g.dqkv, dqkv), 1e-4));
  }
  {
    const [B, T, C, V] = [2, 3, 13, 11];
    const { rng, arr } = rnd(4);
    const inp = new Int32Array(B * T).map(() => rng.int(V));
    const wte = arr(V * C), wpe = arr(T * C), dout = arr(B * T * C);
    const o = new Float32Array(B * T * C);
    encoderForward(o, inp, wte, wpe, B, T, C);
    const dwte = new Float32Array(V * C), dwpe = new Float32Array(T * C);
    encoderBackward(dwte, dwpe, dout, inp, B, T, C);
    const g = await gpuRun(ctx, { o: new Float32Array(B * T * C), inp, wte, wpe, dout, dwte: new Float32Array(V * C), dwpe: new Float32Array(T * C) }, (p, x) => {
      encoderForwardGpu(ctx, p, x.o, x.inp, x.wte, x.wpe, B, T, C);
      encoderBackwardGpu(ctx, p, x.dwte, x.dwpe, x.dout, x.inp, B, T, C);
    }, ['o', 'dwte', 'dwpe']);
    out.push(result('embedding forward/backward', Math.max(relErr(g.o, o), relErr(g.dwte, dwte), relErr(g.dwpe, dwpe)), 1e-5));
  }
  {
    const N = 301;
    const { arr } = rnd(5);
    const x = arr(N, 3), y = arr(N), dout = arr(N);
    const gf = new Float32Array(N), gb = new Float32Array(N), r = new Float32Array(N);
    geluForward(gf, x, N);
    geluBackward(gb, x, dout, N);
    residualForward(r, x, y, N);
    const g = await gpuRun(ctx, { gf: new Float32Array(N), gb: new Float32Array(N), r: new Float32Array(N), x, y, dout }, (p, b) => {
      geluForwardGpu(ctx, p, b.gf, b.x, N);
      geluBackwardGpu(ctx, p, b.gb, b.x, b.dout, N);
      residualForwardGpu(ctx, p, b.r, b.x, b.y, N);
    }, ['gf', 'gb', 'r']);
    out.push(result('gelu forward/backward, residual', Math.max(relErr(g.gf, gf), relErr(g.gb, gb), relErr(g.r, r)), 1e-5));
  }
  {
    const [N, V] = [5, 29];
    const { rng, arr } = rnd(6);
    const logits = arr(N * V, 2), dlp = arr(N), dent = arr(N);
    const targets = new Int32Array(N).map(() => rng.int(V));
    targets[1] = -1;
    const lp = new Float32Array(N), ent = new Float32Array(N), probs = new Float32Array(N * V), dlogits = new Float32Array(N * V);
    logprobsForward(lp, ent, probs, logits, targets, N, V);
    logprobsBackward(dlogits, dlp, dent, probs, targets, N, V);
    const g = await gpuRun(ctx, { lp: new Float32Array(N), ent: new Float32Array(N), probs: new Float32Array(N * V), logits, targets, dlp, dent, dlogits: new Float32Array(N * V) }, (p, b) => {
      logprobsForwardGpu(ctx, p, b.lp, b.ent, b.probs, b.logits, b.targets, N, V);
      logprobsBackwardGpu(ctx, p, b.dlogits, b.dlp, b.dent, b.probs, b.targets, N, V);
    }, ['lp', 'ent', 'dlogits']);
    out.push(result('logprobs/entropy forward', Math.max(relErr(g.lp, lp), relErr(g.ent, ent)), 1e-5));
    out.push(result('logprobs/entropy backward', relErr(g.dlogits, dlogits), 1e-4));
  }
  out.push(...(await samplingChecks(ctx)));
  return out;
}
