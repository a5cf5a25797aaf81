// GELU with the tanh approximation (Hugging Face "gelu_new"), llm.c style. CPU reference for the
// WGSL kernel: y = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). Backward ACCUMULATES into dinp.

const GELU_SCALE = Math.sqrt(2 / Math.PI);

export function geluForward(out: Float32Array, inp: Float32Array, N: number): void {
  for (let i = 0; i < N; i++) {
    const x = inp[i];
    const cube = 0.044715 * x * x * x;
    out[i] = 0.5 * x * (1 + Math.tanh(GELU_SCALE * (x + cube)));
  }
}

export function geluBackward(dinp: Float32Array, inp: Float32Array, dout: Float32Array, N: number): void {
  for (let i = 0; i < N; i++) {
    const x = inp[i];
    const cube = 0.044715 * x * x * x;
    const tanhArg = GELU_SCALE * (x + cube);
    const tanhOut = Math.tanh(tanhArg);
    const sech2 = 1 - tanhOut * tanhOut;
    const local = 0.5 * (1 + tanhOut) + x * 0.5 * sech2 * GELU_SCALE * (1 + 3 * 0.044715 * x * x);
    dinp[i] += local * dout[i];
  }
}
