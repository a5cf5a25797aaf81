// RMSNorm backward to the input, one workgroup per row:
//   dinp += rstd * (w * dout - norm * mean(w * dout * norm)),  norm = x * rstd.
// CPU reference: rmsnorm.ts (rmsnormBackward).
struct P { N: u32, C: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> dinp: array<f32>;
@group(0) @binding(2) var<storage, read> dout: array<f32>;
@group(0) @binding(3) var<storage, read> inp: array<f32>;
@group(0) @binding(4) var<storage, read> weight: array<f32>;
@group(0) @binding(5) var<storage, read> rstd: array<f32>;

override WG: u32 = 64u;
// #include reduce


@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid3: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let row = wid.x + wid.y * nwg.x;
  if (row >= p.N) { return; }
  let lid = lid3.x;
  let base = row * p.C;
  let r = rstd[row];
  var d = 0.0;
  for (var c = lid; c < p.C; c += WG) { d += weight[c] * dout[base + c] * inp[base + c] * r; }
  let dot = reduce_sum(lid, d) / f32(p.C);
  for (var c = lid; c < p.C; c += WG) {
    dinp[base + c] += r * (weight[c] * dout[base + c] - inp[base + c] * r * dot);
  }
}
