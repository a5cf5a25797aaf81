// Tiled GEMM with 16-bit weights: C[M, N] (+)= A[M, K] · op(W) (+ bias), W kept bf16 or f16 in GPU
// memory packed two to a u32 (element 2i in the low half) and widened in the shader, compute in f32.
//   HALF = 0: bf16, widened by a 16-bit shift;   HALF = 1: f16, by unpack2x16float (core WGSL).
//   TRANS_W = 1: op(W)[k, n] = W[n, k], W [N, K] (a Hugging Face Linear: y = x Wᵀ; K even)
//   TRANS_W = 0: op(W)[k, n] = W[k, n], W [K, N] (its input gradient: dx = dy W; N even)
// A[m, k] = a[m * lda + aOff + k] and C[m, n] = c[m * ldc + cOff + n], so a weight split into row
// chunks (tensors larger than one binding) is a dispatch per chunk writing (forward) or reading
// (backward) its own band of columns; bias[cOff + n] likewise. Tiling as matmul_tiled.wgsl: 64 threads,
// 8x8 outputs per thread in named vec4 accumulators, slices staged k-major. BM (override, chosen by
// the host from the number of rows) = the tile's rows: 64 (a 64x64 tile, 16-deep k slices) or 16
// (a 16x256 tile, 8-deep slices, so T = 16 rows do not compute 48 padding rows).
// VEC_A = 1 (host: lda and aOff multiples of 4, binding 16-byte sized) loads A as vec4 through a4.
override TRANS_W: u32 = 1u;
override HALF: u32 = 0u;
override ACCUMULATE: u32 = 0u;
override HAS_BIAS: u32 = 0u;
override VEC_A: u32 = 0u;

struct P { M: u32, N: u32, K: u32, lda: u32, ldc: u32, aOff: u32, cOff: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> c: array<f32>;
@group(0) @binding(2) var<storage, read> a: array<f32>;
@group(0) @binding(3) var<storage, read> w: array<u32>;
@group(0) @binding(4) var<storage, read> bias: array<f32>;
@group(0) @binding(5) var<storage, read> a4: array<vec4<f32>>;

override BM: u32 = 64u; // 64 or 16
override BN: u32 = 4096u / BM; // 64 threads x 64 outputs
override BK: u32 = select(16u, 8u, BM == 16u);
override A_VEC4S: u32 = BK * BM / 4u;
override B_VEC4S: u32 = BK * BN / 4u;
var<workgroup> As: array<vec4<f32>, A_VEC4S>; // [BK][BM/4]
var<workgroup> Bs: array<vec4<f32>, B_VEC4S>; // [BK][BN/4]

// #include widen

fn loadTileA(tid: u32, m0: u32, k0: u32) {
  let RA = BM / 4u; // vec4s per k slice row of As
  if (VEC_A == 1u) {
    for (var l = 0u; l * 64u < BM * BK / 4u; l++) {
      let idx = tid + l * 64u;
      if (idx >= BM * BK / 4u) { break; }
      let mm = idx / (BK / 4u); let kq = idx % (BK / 4u);
      let m = m0 + mm; let k = k0 + kq * 4u;
      var v = vec4<f32>(0.0);
      if (m < p.M && k < p.K) { v = a4[(m * p.lda + p.aOff + k) / 4u]; }
      As[(kq * 4u) * RA + mm / 4u][mm % 4u] = v.x;
      As[(kq * 4u + 1u) * RA + mm / 4u][mm % 4u] = v.y;
      As[(kq * 4u + 2u) * RA + mm / 4u][mm % 4u] = v.z;
      As[(kq * 4u + 3u) * RA + mm / 4u][mm % 4u] = v.w;
    }
    return;
  }
  for (var l = 0u; l * 64u < BM * BK; l++) {
    let idx = tid + l * 64u;
    let mm = idx / BK; let ka = idx % BK;
    let m = m0 + mm; let k = k0 + ka;
    var v = 0.0;
    if (m < p.M && k < p.K) { v = a[m * p.lda + p.aOff + k]; }
    As[ka * RA + mm / 4u][mm % 4u] = v;
  }
}

// B tile [BK x BN] = op(W) slice into Bs (k-major): BK*BN/2 packed words, BK*BN/128 per thread.
fn loadTileB(tid: u32, n0: u32, k0: u32) {
  let RB4 = BN / 4u; // vec4s per k slice row of Bs
  for (var l = 0u; l * 64u < BK * BN / 2u; l++) {
    let idx = tid + l * 64u;
    if (TRANS_W == 1u) {
      // pairs along k: word (n, k..k+1)
      let nn = idx / (BK / 2u); let kp = idx % (BK / 2u);
      let n = n0 + nn; let k = k0 + kp * 2u;
      var v = vec2<f32>(0.0);
      if (n < p.N && k < p.K) { v = widen(w[(n * p.K + k) / 2u]); }
      Bs[(kp * 2u) * RB4 + nn / 4u][nn % 4u] = v.x;
      Bs[(kp * 2u + 1u) * RB4 + nn / 4u][nn % 4u] = v.y;
    } else {
      // pairs along n: word (k, n..n+1)
      let kb = idx / (BN / 2u); let np = idx % (BN / 2u);
      let n = n0 + np * 2u; let k = k0 + kb;
      var v = vec2<f32>(0.0);
      if (n < p.N && k < p.K) { v = widen(w[(k * p.N + n) / 2u]); }
      let nn = np * 2u;
      Bs[kb * RB4 + nn / 4u][nn % 4u] = v.x;
      Bs[kb * RB4 + nn / 4u][nn % 4u + 1u] = v.y;
    }
  }
}

// #include store8

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) tid: u32) {
  let TX = BN / 8u; // threads across the tile's columns
  let tx = tid % TX;
  let ty = tid / TX;
  let m0 = wid.y * BM;
  let n0 = wid.x * BN;
  var c0a = vec4<f32>(0.0); var c0b = vec4<f32>(0.0); var c1a = vec4<f32>(0.0); var c1b = vec4<f32>(0.0);
  var c2a = vec4<f32>(0.0); var c2b = vec4<f32>(0.0); var c3a = vec4<f32>(0.0); var c3b = vec4<f32>(0.0);
  var c4a = vec4<f32>(0.0); var c4b = vec4<f32>(0.0); var c5a = vec4<f32>(0.0); var c5b = vec4<f32>(0.0);
  var c6a = vec4<f32>(0.0); var c6b = vec4<f32>(0.0); var c7a = vec4<f32>(0.0); var c7b = vec4<f32>(0.0);
  for (var k0 = 0u; k0 < p.K; k0 += BK) {
    loadTileA(tid, m0, k0);
    loadTileB(tid, n0, k0);
    workgroupBarrier();
    for (var k = 0u; k < BK; k++) {
      let a0 = As[k * (BM / 4u) + ty * 2u];
      let a1 = As[k * (BM / 4u) + ty * 2u + 1u];
      let b0 = Bs[k * (BN / 4u) + tx * 2u];
      let b1 = Bs[k * (BN / 4u) + tx * 2u + 1u];
      c0a = fma(vec4<f32>(a0.x), b0, c0a); c0b = fma(vec4<f32>(a0.x), b1, c0b);
      c1a = fma(vec4<f32>(a0.y), b0, c1a); c1b = fma(vec4<f32>(a0.y), b1, c1b);
      c2a = fma(vec4<f32>(a0.z), b0, c2a); c2b = fma(vec4<f32>(a0.z), b1, c2b);
      c3a = fma(vec4<f32>(a0.w), b0, c3a); c3b = fma(vec4<f32>(a0.w), b1, c3b);
      c4a = fma(vec4<f32>(a1.x), b0, c4a); c4b = fma(vec4<f32>(a1.x), b1, c4b);
      c5a = fma(vec4<f32>(a1.y), b0, c5a); c5b = fma(vec4<f32>(a1.y), b1, c5b);
      c6a = fma(vec4<f32>(a1.z), b0, c6a); c6b = fma(vec4<f32>(a1.z), b1, c6b);
      c7a = fma(vec4<f32>(a1.w), b0, c7a); c7b = fma(vec4<f32>(a1.w), b1, c7b);
    }
    workgroupBarrier();
  }
  let mr = m0 + ty * 8u;
  let nc = n0 + tx * 8u;
  store8(mr, nc, c0a, c0b); store8(mr + 1u, nc, c1a, c1b); store8(mr + 2u, nc, c2a, c2b); store8(mr + 3u, nc, c3a, c3b);
  store8(mr + 4u, nc, c4a, c4b); store8(mr + 5u, nc, c5a, c5b); store8(mr + 6u, nc, c6a, c6b); store8(mr + 7u, nc, c7a, c7b);
}
