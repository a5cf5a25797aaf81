// RMSNorm weight gradient: dweight[c] += Σ_rows x[n, c] * rstd[n] * dout[n, c], one thread per column.
// CPU reference: rmsnorm.ts (rmsnormBackward).
struct P { N: u32, C: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> dweight: array<f32>;
@group(0) @binding(2) var<storage, read> dout: array<f32>;
@group(0) @binding(3) var<storage, read> inp: array<f32>;
@group(0) @binding(4) var<storage, read> rstd: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let c = gid.x;
  if (c >= p.C) { return; }
  var s = 0.0;
  for (var n = 0u; n < p.N; n++) { s += inp[n * p.C + c] * rstd[n] * dout[n * p.C + c]; }
  dweight[c] += s;
}
