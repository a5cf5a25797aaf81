// Second stage of the global gradient norm: one workgroup adds the S segments of partial sums written
// by gradnorm_partial (each segment: NWG sums then NWG non-finite counts).
// out[0] = sum of g^2, out[1] = number of non-finite gradient entries.
struct P { S: u32, NWG: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> outp: array<f32>;
@group(0) @binding(2) var<storage, read> partial: array<f32>;

const WG = 256u;
var<workgroup> red: array<f32, 256>;
var<workgroup> bad: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_id) lid3: vec3u) {
  let lid = lid3.x;
  var s = 0.0;
  var nb = 0.0;
  for (var i = lid; i < p.S * p.NWG; i += WG) {
    let seg = i / p.NWG;
    let w = i % p.NWG;
    s += partial[seg * 2u * p.NWG + w];
    nb += partial[seg * 2u * p.NWG + p.NWG + w];
  }
  red[lid] = s;
  bad[lid] = nb;
  workgroupBarrier();
  for (var k = WG / 2u; k > 0u; k >>= 1u) {
    if (lid < k) { red[lid] += red[lid + k]; bad[lid] += bad[lid + k]; }
    workgroupBarrier();
  }
  if (lid == 0u) {
    outp[0] = red[0];
    outp[1] = bad[0];
  }
}
