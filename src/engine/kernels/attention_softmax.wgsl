// Causal softmax of each attention row (b, h, t) over t2 <= t, one workgroup per row with
// workgroup reductions (included: tree or subgroups) for the max and the sum; entries above the diagonal become 0.
struct P { rows: u32, T: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> att: array<f32>;
@group(0) @binding(2) var<storage, read> preatt: array<f32>;

// threads per row: a power of two picked by the host from the row length (row-workgroup.ts)
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
  for (var t2 = lid; t2 <= t; t2 += WG) { m = max(m, preatt[base + t2]); }
  let mx = reduce(lid, m, true);
  var s = 0.0;
  for (var t2 = lid; t2 <= t; t2 += WG) { s += exp(preatt[base + t2] - mx); }
  let sum = reduce(lid, s, false);
  let inv = select(0.0, 1.0 / sum, sum > 0.0);
  for (var t2 = lid; t2 < p.T; t2 += WG) {
    att[base + t2] = select(0.0, exp(preatt[base + t2] - mx) * inv, t2 <= t);
  }
}
