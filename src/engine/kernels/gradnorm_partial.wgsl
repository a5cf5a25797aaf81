// First stage of the global gradient norm: workgroup w sums g^2 over a grid-stride slice of
// grads[0..N) and counts non-finite entries (checked on the bit pattern, so fast-math cannot hide a
// NaN/Inf); partial[base + w] = sum, partial[base + NWG + w] = count.
struct P { N: u32, base: u32, NWG: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> partial: array<f32>;
@group(0) @binding(2) var<storage, read> grads: array<f32>;

const WG = 256u;
var<workgroup> red: array<f32, 256>;
var<workgroup> bad: array<u32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid3: vec3u) {
  let lid = lid3.x;
  var s = 0.0;
  var nb = 0u;
  for (var i = wid.x * WG + lid; i < p.N; i += p.NWG * WG) {
    let g = grads[i];
    if ((bitcast<u32>(g) & 0x7f800000u) == 0x7f800000u) { nb += 1u; } else { s += g * g; }
  }
  red[lid] = s;
  bad[lid] = nb;
  workgroupBarrier();
  for (var k = WG / 2u; k > 0u; k >>= 1u) {
    if (lid < k) { red[lid] += red[lid + k]; bad[lid] += bad[lid + k]; }
    workgroupBarrier();
  }
  if (lid == 0u) {
    partial[p.base + wid.x] = red[0];
    partial[p.base + p.NWG + wid.x] = f32(bad[0]);
  }
}
