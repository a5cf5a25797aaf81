// LayerNorm over the last dim, one workgroup per row reducing mean and variance (reduce_tree.wgsl or
// reduce_subgroups.wgsl, included).
// out = (x - mean) * rstd * weight + bias; saves mean and rstd for the backward pass.
struct P { N: u32, C: u32, eps: f32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> outp: array<f32>;
@group(0) @binding(2) var<storage, read_write> mean: array<f32>;
@group(0) @binding(3) var<storage, read_write> rstd: array<f32>;
@group(0) @binding(4) var<storage, read> inp: array<f32>;
@group(0) @binding(5) var<storage, read> weight: array<f32>;
@group(0) @binding(6) var<storage, read> bias: array<f32>;

// threads per row: a power of two picked by the host from the row length (row-workgroup.ts)
override WG: u32 = 64u;
// #include reduce


@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid3: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let row = wid.x + wid.y * nwg.x;
  if (row >= p.N) { return; }
  let lid = lid3.x;
  let base = row * p.C;
  var s = 0.0;
  for (var c = lid; c < p.C; c += WG) { s += inp[base + c]; }
  let m = reduce_sum(lid, s) / f32(p.C);
  var v = 0.0;
  for (var c = lid; c < p.C; c += WG) { let d = inp[base + c] - m; v += d * d; }
  let r = 1.0 / sqrt(reduce_sum(lid, v) / f32(p.C) + p.eps);
  for (var c = lid; c < p.C; c += WG) {
    outp[base + c] = (inp[base + c] - m) * r * weight[c] + bias[c];
  }
  if (lid == 0u) { mean[row] = m; rstd[row] = r; }
}
