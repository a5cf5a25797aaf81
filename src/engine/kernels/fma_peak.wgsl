// Throughput probe (benchmarks only): each thread runs ITER rounds of 8 independent vec4 FMA chains,
// i.e. 8 * 4 * 2 = 64 FLOP per round, and stores a value that depends on all of them.
override ITER: u32 = 1024u;
struct P { seed: f32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> outp: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * 256u;
  let x = vec4<f32>(f32(i) * 1e-7 + p.seed);
  let a = vec4<f32>(0.999, 0.998, 0.997, 0.996);
  let c = vec4<f32>(1e-4);
  var r0 = x; var r1 = x + c; var r2 = x + 2.0 * c; var r3 = x + 3.0 * c;
  var r4 = x + 4.0 * c; var r5 = x + 5.0 * c; var r6 = x + 6.0 * c; var r7 = x + 7.0 * c;
  for (var k = 0u; k < ITER; k++) {
    r0 = fma(r0, a, c); r1 = fma(r1, a, c); r2 = fma(r2, a, c); r3 = fma(r3, a, c);
    r4 = fma(r4, a, c); r5 = fma(r5, a, c); r6 = fma(r6, a, c); r7 = fma(r7, a, c);
  }
  let s = r0 + r1 + r2 + r3 + r4 + r5 + r6 + r7;
  outp[i] = s.x + s.y + s.z + s.w;
}
