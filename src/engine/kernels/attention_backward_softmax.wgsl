// Softmax backward of each causal attention row, one workgroup per row:
// dpreatt[t2] += att[t2] * (datt[t2] - sum_{t3 <= t} att[t3] * datt[t3])   for t2 <= t
struct P { rows: u32, T: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> dpreatt: array<f32>;
@group(0) @binding(2) var<storage, read> att: array<f32>;
@group(0) @binding(3) var<storage, read> datt: array<f32>;

// threads per row: a power of two picked by the host from the row length (row-workgroup.ts)
override WG: u32 = 64u;
var<workgroup> red: array<f32, WG>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid3: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let row = wid.x + wid.y * nwg.x;
  if (row >= p.rows) { return; }
  let lid = lid3.x;
  let t = row % p.T;
  let base = row * p.T;
  var s = 0.0;
  for (var t2 = lid; t2 <= t; t2 += WG) { s += att[base + t2] * datt[base + t2]; }
  red[lid] = s;
  workgroupBarrier();
  for (var k = WG / 2u; k > 0u; k >>= 1u) {
    if (lid < k) { red[lid] += red[lid + k]; }
    workgroupBarrier();
  }
  let dot = red[0];
  for (var t2 = lid; t2 <= t; t2 += WG) {
    dpreatt[base + t2] += att[base + t2] * (datt[base + t2] - dot);
  }
}
