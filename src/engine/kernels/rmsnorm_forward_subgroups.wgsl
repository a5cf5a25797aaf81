// RMSNorm forward with subgroup reductions (as rmsnorm_forward.wgsl, the row sum of squares reduced
// by subgroup operations, used when the device has the `subgroups` feature): each subgroup sums its lanes, one
// lane per subgroup leaves the total in workgroup memory, and every subgroup then sums those totals
// (lanes ranked densely with subgroupExclusiveAdd, so any subgroup size and partly filled subgroups
// work): two barriers instead of a log2(WG)-step tree. CPU reference: rmsnorm.ts.
enable subgroups;
struct P { N: u32, C: u32, eps: f32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> outp: array<f32>;
@group(0) @binding(2) var<storage, read_write> rstd: array<f32>;
@group(0) @binding(3) var<storage, read> inp: array<f32>;
@group(0) @binding(4) var<storage, read> weight: array<f32>;

override WG: u32 = 64u;
var<workgroup> red: array<f32, WG>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid3: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let row = wid.x + wid.y * nwg.x;
  if (row >= p.N) { return; }
  let lid = lid3.x;
  let base = row * p.C;
  var ss = 0.0;
  for (var c = lid; c < p.C; c += WG) { let x = inp[base + c]; ss += x * x; }
  let part = subgroupAdd(ss);
  let rank = subgroupExclusiveAdd(1u);
  let lanes = subgroupAdd(1u);
  red[lid] = select(0.0, part, rank == 0u);
  workgroupBarrier();
  var t = 0.0;
  for (var j = rank; j < WG; j += lanes) { t += red[j]; }
  let total = subgroupAdd(t);
  let r = 1.0 / sqrt(total / f32(p.C) + p.eps);
  for (var c = lid; c < p.C; c += WG) { outp[base + c] = inp[base + c] * r * weight[c]; }
  if (lid == 0u) { rstd[row] = r; }
}
