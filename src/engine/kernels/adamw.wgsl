// AdamW with bias correction and decoupled weight decay (torch.optim.AdamW), the gradient scaled by
// gscale first (global-norm clipping folded in):
//   g = gscale * grad;  m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
//   p = p (1 - lr wd) - lr (m / bc1) / (sqrt(v / bc2) + eps),  bc = 1 - beta^t
// The host computes 1 - b1, 1 - b2, 1 - lr wd and bc in float64 (1 - 0.999 in float32 is off by 5e-5).
struct P { N: u32, lr: f32, beta1: f32, beta2: f32, eps: f32, decay: f32, omb1: f32, omb2: f32, bc1: f32, bc2: f32, gscale: f32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> params: array<f32>;
@group(0) @binding(2) var<storage, read_write> m: array<f32>;
@group(0) @binding(3) var<storage, read_write> v: array<f32>;
@group(0) @binding(4) var<storage, read> grads: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= p.N) { return; }
  let g = grads[i] * p.gscale;
  let mi = p.beta1 * m[i] + p.omb1 * g;
  let vi = p.beta2 * v[i] + p.omb2 * g * g;
  m[i] = mi;
  v[i] = vi;
  let mhat = mi / p.bc1;
  let vhat = vi / p.bc2;
  params[i] = params[i] * p.decay - p.lr * (mhat / (sqrt(vhat) + p.eps));
}
