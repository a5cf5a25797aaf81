// Causal softmax in place over each attention row (b, h, t), t2 <= t; entries above the diagonal
// stay 0. One workgroup per row, workgroup reductions for the max and the sum.
struct P { rows: u32, T: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> att: array<f32>;

override WG: u32 = 64u;
// #include reduce


@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid3: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let row = wid.x + wid.y * nwg.x;
  if (row >= p.rows) { return; }
  let lid = lid3.x;
  let t = row % p.T;
  let base = row * p.T;
  var m = -3.0e38;
  for (var t2 = lid; t2 <= t; t2 += WG) { m = max(m, att[base + t2]); }
  let mx = reduce(lid, m, true);
  var s = 0.0;
  for (var t2 = lid; t2 <= t; t2 += WG) { s += exp(att[base + t2] - mx); }
  let inv = 1.0 / reduce(lid, s, false);
  for (var t2 = lid; t2 <= t; t2 += WG) { att[base + t2] = exp(att[base + t2] - mx) * inv; }
}
