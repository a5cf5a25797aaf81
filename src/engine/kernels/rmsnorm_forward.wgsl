// RMSNorm over the last dim, one workgroup per row reducing the sum of squares (reduce_tree.wgsl or
// reduce_subgroups.wgsl, included).
// out = x * rstd * weight, rstd = 1/sqrt(mean(x²) + eps); saves rstd for the backward pass.
// CPU reference: rmsnorm.ts. Rows may be tokens (C = hidden) or heads (C = head_dim, Qwen3 q/k norm).
struct P { N: u32, C: u32, eps: f32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> outp: array<f32>;
@group(0) @binding(2) var<storage, read_write> rstd: array<f32>;
@group(0) @binding(3) var<storage, read> inp: array<f32>;
@group(0) @binding(4) var<storage, read> weight: array<f32>;

// threads per row: a power of two picked by the host from the row length (row-workgroup.ts)
override WG: u32 = 64u;
// #include reduce


@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid3: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let row = wid.x + wid.y * nwg.x;
  if (row >= p.N) { return; }
  let lid = lid3.x;
  let base = row * p.C;
  var ss = 0.0;
  for (var c = lid; c < p.C; c += WG) { let x = inp[base + c]; ss += x * x; }
  let r = 1.0 / sqrt(reduce_sum(lid, ss) / f32(p.C) + p.eps);
  for (var c = lid; c < p.C; c += WG) { outp[base + c] = inp[base + c] * r * weight[c]; }
  if (lid == 0u) { rstd[row] = r; }
}
