// AdamW with bias correction and decoupled weight decay, exactly torch.optim.AdamW's update order:
//   p -= lr * wd * p
//   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
//   p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
// t is the 1-based step count. CPU reference for the WGSL kernel; updates params, m, v in place.

export function adamwUpdate(
  params: Float32Array, grads: Float32Array, m: Float32Array, v: Float32Array, N: number,
  lr: number, beta1: number, beta2: number, eps: number, weightDecay: number, t: number,
): void {
  const bc1 = 1 - Math.pow(beta1, t);
  const bc2 = 1 - Math.pow(beta2, t);
  const decay = 1 - lr * weightDecay;
  for (let i = 0; i < N; i++) {
    const g = grads[i];
    const mi = beta1 * m[i] + (1 - beta1) * g;
    const vi = beta2 * v[i] + (1 - beta2) * g * g;
    m[i] = mi;
    v[i] = vi;
    const mhat = mi / bc1;
    const vhat = vi / bc2;
    params[i] = params[i] * decay - lr * (mhat / (Math.sqrt(vhat) + eps));
  }
}
