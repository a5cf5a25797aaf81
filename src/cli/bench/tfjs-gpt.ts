// The same GPT-2 as the engine (pre-LN blocks, causal attention, tanh-GELU MLP of width 4C, tied LM
// head) written with TensorFlow.js ops, trained with its autodiff, for the engine benchmark's
// comparison rows. The step matches the engine's: gradients, global L2 norm read back (a non-finite
// norm skips the update), clipping by global norm (torch's clip_grad_norm_: scale by
// max / (norm + 1e-6) when below 1), then AdamW with bias correction and decoupled weight decay in
// torch's order (p -= lr*wd*p; p -= lr * mhat / (sqrt(vhat) + eps)), written with tf ops because
// tf.train.adam has no decoupled decay. Benchmark support only: weights are random (normal 0.02).
import type * as TF from '@tensorflow/tfjs';
import type { GPTConfig } from '../../engine/model-api';

type Tf = typeof TF;

export interface TfjsGpt {
  /** one training step (forward, loss, backward, clip, AdamW) on a [B, T] batch; resolves with the loss */
  trainStep(tokens: Int32Array, targets: Int32Array, B: number, T: number): Promise<number>;
  dispose(): void;
}

export interface TfjsAdamW {
  lr: number; beta1: number; beta2: number; eps: number; weightDecay: number;
  /** 0 or undefined = no clipping */
  maxGradNorm?: number;
}

export function createTfjsGpt(tf: Tf, config: GPTConfig, adamw: TfjsAdamW, seed = 1): TfjsGpt {
  const { nLayer: L, nHead: NH, nEmbd: C, blockSize, vocabSize: V } = config;
  const hs = C / NH;
  const eps = config.layerNormEps ?? 1e-5;
  let s = seed;
  const normal = (shape: number[], std = 0.02) => tf.variable(tf.randomNormal(shape, 0, std, 'float32', s++));
  const ones = (n: number) => tf.variable(tf.ones([n]));
  const zeros = (n: number) => tf.variable(tf.zeros([n]));
  const wte = normal([V, C]);
  const wpe = normal([blockSize, C]);
  const layers = Array.from({ length: L }, () => ({
    ln1w: ones(C), ln1b: zeros(C), qkvw: normal([C, 3 * C]), qkvb: zeros(3 * C), projw: normal([C, C]), projb: zeros(C),
    ln2w: ones(C), ln2b: zeros(C), fcw: normal([C, 4 * C]), fcb: zeros(4 * C), fcprojw: normal([4 * C, C]), fcprojb: zeros(C),
  }));
  const lnfw = ones(C), lnfb = zeros(C);
  const params: TF.Variable[] = [wte, wpe, ...layers.flatMap((l) => Object.values(l)), lnfw, lnfb];
  const mState = params.map((p) => tf.variable(tf.zerosLike(p), false));
  const vState = params.map((p) => tf.variable(tf.zerosLike(p), false));
  let t = 0;

  const layerNorm = (x: TF.Tensor2D, w: TF.Tensor, b: TF.Tensor) => {
    const { mean, variance } = tf.moments(x, -1, true);
    return x.sub(mean).mul(tf.rsqrt(variance.add(eps))).mul(w).add(b) as TF.Tensor2D;
  };
  const gelu = (x: TF.Tensor) => x.mul(0.5).mul(tf.tanh(x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI))).add(1));

  const loss = (tokens: TF.Tensor1D, targets: TF.Tensor1D, mask: TF.Tensor2D, B: number, T: number) => () => {
    const BT = B * T;
    const pos = wpe.slice([0, 0], [T, C]).tile([B, 1]) as TF.Tensor2D;
    let x = tf.gather(wte, tokens).add(pos) as TF.Tensor2D; // [BT, C]
    for (const lw of layers) {
      const h = layerNorm(x, lw.ln1w, lw.ln1b);
      const qkv = tf.matMul(h, lw.qkvw).add(lw.qkvb).reshape([B, T, 3, NH, hs]).transpose([2, 0, 3, 1, 4]); // [3, B, NH, T, hs]
      const [q, k, v] = tf.unstack(qkv, 0);
      const att = tf.softmax(tf.matMul(q, k, false, true).mul(1 / Math.sqrt(hs)).add(mask), -1);
      const y = tf.matMul(att, v).transpose([0, 2, 1, 3]).reshape([BT, C]) as TF.Tensor2D;
      x = x.add(tf.matMul(y, lw.projw).add(lw.projb));
      const h2 = layerNorm(x, lw.ln2w, lw.ln2b);
      const f = gelu(tf.matMul(h2, lw.fcw).add(lw.fcb)) as TF.Tensor2D;
      x = x.add(tf.matMul(f, lw.fcprojw).add(lw.fcprojb));
    }
    const logits = tf.matMul(layerNorm(x, lnfw, lnfb), wte, false, true);
    return tf.losses.softmaxCrossEntropy(tf.oneHot(targets, V), logits) as TF.Scalar;
  };

  return {
    async trainStep(tokens, targets, B, T) {
      const masked = new Float32Array(T * T);
      for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) masked[i * T + j] = -1e9;
      const [tk, tg, mask] = [tf.tensor1d(tokens, 'int32'), tf.tensor1d(targets, 'int32'), tf.tensor2d(masked, [T, T])];
      const { value, grads } = tf.variableGrads(loss(tk, tg, mask, B, T), params);
      const gs = params.map((p) => grads[p.name]);
      // pairwise adds: tf.addN over every parameter exceeds the webgpu backend's storage-buffer limit
      const sumSq = tf.tidy(() => gs.map((g) => g.square().sum()).reduce((acc, x) => acc.add(x)));
      const norm = Math.sqrt((await sumSq.data())[0]); // read back, as the engine reads its grad norm
      if (Number.isFinite(norm)) {
        t += 1;
        const max = adamw.maxGradNorm ?? 0;
        const coef = max > 0 && max / (norm + 1e-6) < 1 ? max / (norm + 1e-6) : 1;
        const { lr, beta1: b1, beta2: b2, eps, weightDecay: wd } = adamw;
        const bc1 = 1 - b1 ** t, bc2 = 1 - b2 ** t;
        tf.tidy(() => {
          params.forEach((p, i) => {
            const g = coef === 1 ? gs[i] : gs[i].mul(coef);
            const m = mState[i].mul(b1).add(g.mul(1 - b1));
            const v = vState[i].mul(b2).add(g.square().mul(1 - b2));
            mState[i].assign(m);
            vState[i].assign(v);
            const step = m.div(bc1).div(v.div(bc2).sqrt().add(eps)).mul(lr);
            p.assign(p.mul(1 - lr * wd).sub(step));
          });
        });
      }
      const lossValue = (await value.data())[0];
      tf.dispose([tk, tg, mask, value, sumSq, ...gs]);
      return lossValue;
    },
    dispose() {
      tf.dispose([...params, ...mState, ...vState]);
    },
  };
}
