// y[m, n] (+)= Σ_k x[m, k] W[n, k] (+ bias[n]) for a few rows m (decoding: M = 1..4), with W [N, K]
// 16-bit packed two per u32 along k (HALF = 0 bf16, 1 f16), one thread per output column n walking
// its weight row once for all M rows. The tiled kernel (matmul_packed.wgsl) would compute 64 rows per
// tile and waste 63 of them here. Layout offsets as matmul_packed.wgsl: x[m * lda + aOff + k],
// y[m * ldc + cOff + n], bias[cOff + n]. M_MAX bounds the per-thread accumulators.
override HALF: u32 = 0u;
override ACCUMULATE: u32 = 0u;
override HAS_BIAS: u32 = 0u;
const M_MAX = 4u;

struct P { M: u32, N: u32, K: u32, lda: u32, ldc: u32, aOff: u32, cOff: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> c: array<f32>;
@group(0) @binding(2) var<storage, read> a: array<f32>;
@group(0) @binding(3) var<storage, read> w: array<u32>;
@group(0) @binding(4) var<storage, read> bias: array<f32>;

// #include widen

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let n = gid.x + gid.y * nwg.x * 64u;
  if (n >= p.N) { return; }
  var acc = array<f32, 4>(0.0, 0.0, 0.0, 0.0);
  let row = n * p.K / 2u;
  for (var kp = 0u; kp < p.K / 2u; kp++) {
    let v = widen(w[row + kp]);
    let k = 2u * kp;
    for (var m = 0u; m < p.M; m++) {
      let x = m * p.lda + p.aOff + k;
      acc[m] += a[x] * v.x + a[x + 1u] * v.y;
    }
  }
  for (var m = 0u; m < p.M; m++) {
    var r = acc[m];
    if (HAS_BIAS == 1u) { r += bias[p.cOff + n]; }
    let at = m * p.ldc + p.cOff + n;
    if (ACCUMULATE == 1u) { r += c[at]; }
    c[at] = r;
  }
}
