// Cross-entropy backward, WRITTEN (not accumulated): dlogits[n, j] = dlosses[n] (p_j - 1[j = t]);
// rows with targets[n] = -1 get 0. One thread per logit.
struct P { N: u32, V: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> dlogits: array<f32>;
@group(0) @binding(2) var<storage, read> dlosses: array<f32>;
@group(0) @binding(3) var<storage, read> probs: array<f32>;
@group(0) @binding(4) var<storage, read> targets: array<i32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= p.N * p.V) { return; }
  let n = i / p.V;
  let j = i % p.V;
  let t = targets[n];
  let ind = select(0.0, 1.0, i32(j) == t);
  dlogits[i] = select(dlosses[n] * (probs[i] - ind), 0.0, t < 0);
}
