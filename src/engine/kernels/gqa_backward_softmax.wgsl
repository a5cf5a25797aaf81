// GQA backward, step 2, in place on each row of datt: dpre = att * (datt - Σ att·datt) * scale,
// the gradient of the scaled scores (the scale folded in). One workgroup per row (b, h, t).
struct P { rows: u32, T: u32, scale: f32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> datt: array<f32>;
@group(0) @binding(2) var<storage, read> att: array<f32>;

override WG: u32 = 64u;
// #include reduce

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid3: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let row = wid.x + wid.y * nwg.x;
  if (row >= p.rows) { return; }
  let lid = lid3.x;
  let t = row % p.T;
  let base = row * p.T;
  var d = 0.0;
  for (var t2 = lid; t2 <= t; t2 += WG) { d += att[base + t2] * datt[base + t2]; }
  let dot = reduce_sum(lid, d);
  for (var t2 = lid; t2 <= t; t2 += WG) { datt[base + t2] = att[base + t2] * (datt[base + t2] - dot) * p.scale; }
}
