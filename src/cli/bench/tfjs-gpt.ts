// The same GPT-2 as the engine (pre-LN blocks, causal attention, tanh-GELU MLP of width 4C, tied LM
// head) written with TensorFlow.js ops, trained with its autodiff and Adam, for the engine benchmark's
// comparison rows. Benchmark support only: weights are random (normal 0.02), nothing is checked here.
import type * as TF from '@tensorflow/tfjs';
import type { GPTConfig } from '../../engine/model-api';

type Tf = typeof TF;

export interface TfjsGpt {
  /** one training step (forward, loss, backward, Adam) on a [B, T] batch; resolves with the loss */
  trainStep(tokens: Int32Array, targets: Int32Array, B: number, T: number): Promise<number>;
  dispose(): void;
}

export function createTfjsGpt(tf: Tf, config: GPTConfig, lr = 1e-3, seed = 1): TfjsGpt {
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
  const opt = tf.train.adam(lr, 0.9, 0.999, 1e-8);

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
      const cost = opt.minimize(loss(tk, tg, mask, B, T), true)!;
      const v = (await cost.data())[0];
      tf.dispose([tk, tg, mask, cost]);
      return v;
    },
    dispose() {
      opt.dispose();
      tf.dispose([wte, wpe, lnfw, lnfb, ...layers.flatMap((l) => Object.values(l))]);
    },
  };
}
