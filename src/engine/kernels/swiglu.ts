// SwiGLU gate of the Llama-family MLP: out = silu(gate) * up, silu(g) = g · sigmoid(g)
// (down_proj(act_fn(gate_proj(x)) * up_proj(x)) in transformers). CPU reference for swiglu_*.wgsl.
// Shapes: out, gate, up, dout, dgate, dup [N] (N = tokens × intermediate_size).
// Backward WRITES dgate and dup (activation gradients, fresh each step).

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function swigluForward(out: Float32Array, gate: Float32Array, up: Float32Array, N: number): void {
  for (let i = 0; i < N; i++) out[i] = gate[i] * sigmoid(gate[i]) * up[i];
}

/** d silu(g)/dg = s (1 + g (1 - s)), s = sigmoid(g). */
export function swigluBackward(
  dgate: Float32Array, dup: Float32Array, dout: Float32Array, gate: Float32Array, up: Float32Array, N: number,
): void {
  for (let i = 0; i < N; i++) {
    const g = gate[i];
    const s = sigmoid(g);
    dup[i] = dout[i] * g * s;
    dgate[i] = dout[i] * up[i] * s * (1 + g * (1 - s));
  }
}
