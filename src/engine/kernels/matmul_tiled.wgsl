// Tiled GEMM for every matmul of the model: C[M, N] (+)= op(A)[M, K] · op(B)[K, N] (+ bias[N]).
// op() is chosen by override constants so one kernel serves the forward (inp·W + b), both backward
// products (dinp += dout·Wᵀ, dW += inpᵀ·dout) and the tied LM head (inp·wteᵀ and its backward):
//   TRANS_A = 0: A[m, k] = a[m*K + k]     TRANS_A = 1: A[m, k] = a[k*M + m]
//   TRANS_B = 0: B[k, n] = b[k*N + n]     TRANS_B = 1: B[k, n] = b[n*K + k]
// Each 64-thread workgroup computes a 64x64 output tile, 8x8 per thread held in 16 named vec4
// accumulators (named, not an array, so no compiler spills them to local memory),
// staging 64x16 slices of A and B in workgroup memory (stored k-major as vec4, so each k step is
// four vec4 reads and sixteen vec4 FMAs). Loads walk whichever index is contiguous in memory and are
// bounds-checked, as are the stores, so shapes need not be tile multiples. (8x8 per thread measured
// 2x faster than 4x4 per thread with 256 threads on SwiftShader, whose barriers are expensive.)
// VEC_A / VEC_B = 1 (set by the host when that operand's contiguous dimension is a multiple of 4,
// and its binding is 16-byte sized) load the operand as vec4 through a second, vec4-typed binding of
// the same buffer (a4 / b4): four loads per thread per tile instead of sixteen, one bounds check
// per vec4 (a vec4 never straddles the edge: its dimension is a multiple of 4 and so are the tile
// offsets). Ragged operands keep the bounds-checked scalar loads.
override TRANS_A: u32 = 0u;
override TRANS_B: u32 = 0u;
override ACCUMULATE: u32 = 0u;
override HAS_BIAS: u32 = 0u;
override VEC_A: u32 = 0u;
override VEC_B: u32 = 0u;

struct P { M: u32, N: u32, K: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> c: array<f32>;
@group(0) @binding(2) var<storage, read> a: array<f32>;
@group(0) @binding(3) var<storage, read> b: array<f32>;
@group(0) @binding(4) var<storage, read> bias: array<f32>;
@group(0) @binding(5) var<storage, read> a4: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read> b4: array<vec4<f32>>;

const BM = 64u;
const BN = 64u;
const BK = 16u;
var<workgroup> As: array<vec4<f32>, 256>; // [BK][BM/4]
var<workgroup> Bs: array<vec4<f32>, 256>; // [BK][BN/4]

fn loadA(m: u32, k: u32) -> f32 {
  if (m >= p.M || k >= p.K) { return 0.0; }
  if (TRANS_A == 1u) { return a[k * p.M + m]; }
  return a[m * p.K + k];
}

fn loadB(k: u32, n: u32) -> f32 {
  if (k >= p.K || n >= p.N) { return 0.0; }
  if (TRANS_B == 1u) { return b[n * p.K + k]; }
  return b[k * p.N + n];
}

// A tile [BM x BK] into As (k-major). Thread tid stores sixteen elements (scalar) or four vec4s.
fn loadTileA(tid: u32, m0: u32, k0: u32) {
  if (VEC_A == 1u) {
    for (var l = 0u; l < 4u; l++) {
      let idx = tid + l * 64u;
      if (TRANS_A == 1u) {
        // contiguous along m: one vec4 is four rows of one k, stored as is
        let ka = idx / 16u; let mq = idx % 16u;
        let m = m0 + mq * 4u; let k = k0 + ka;
        var v = vec4<f32>(0.0);
        if (m < p.M && k < p.K) { v = a4[(k * p.M + m) / 4u]; }
        As[ka * 16u + mq] = v;
      } else {
        // contiguous along k: one vec4 is four k of one row, spread over four k slices
        let mm = idx / 4u; let kq = idx % 4u;
        let m = m0 + mm; let k = k0 + kq * 4u;
        var v = vec4<f32>(0.0);
        if (m < p.M && k < p.K) { v = a4[(m * p.K + k) / 4u]; }
        As[(kq * 4u) * 16u + mm / 4u][mm % 4u] = v.x;
        As[(kq * 4u + 1u) * 16u + mm / 4u][mm % 4u] = v.y;
        As[(kq * 4u + 2u) * 16u + mm / 4u][mm % 4u] = v.z;
        As[(kq * 4u + 3u) * 16u + mm / 4u][mm % 4u] = v.w;
      }
    }
    return;
  }
  for (var l = 0u; l < 16u; l++) {
    let idx = tid + l * 64u;
    var mm: u32; var ka: u32;
    if (TRANS_A == 1u) { ka = idx / BM; mm = idx % BM; } else { mm = idx / BK; ka = idx % BK; }
    As[ka * 16u + mm / 4u][mm % 4u] = loadA(m0 + mm, k0 + ka);
  }
}

// B tile [BK x BN] into Bs (k-major), likewise.
fn loadTileB(tid: u32, n0: u32, k0: u32) {
  if (VEC_B == 1u) {
    for (var l = 0u; l < 4u; l++) {
      let idx = tid + l * 64u;
      if (TRANS_B == 1u) {
        let nn = idx / 4u; let kq = idx % 4u;
        let n = n0 + nn; let k = k0 + kq * 4u;
        var v = vec4<f32>(0.0);
        if (n < p.N && k < p.K) { v = b4[(n * p.K + k) / 4u]; }
        Bs[(kq * 4u) * 16u + nn / 4u][nn % 4u] = v.x;
        Bs[(kq * 4u + 1u) * 16u + nn / 4u][nn % 4u] = v.y;
        Bs[(kq * 4u + 2u) * 16u + nn / 4u][nn % 4u] = v.z;
        Bs[(kq * 4u + 3u) * 16u + nn / 4u][nn % 4u] = v.w;
      } else {
        let kb = idx / 16u; let nq = idx % 16u;
        let n = n0 + nq * 4u; let k = k0 + kb;
        var v = vec4<f32>(0.0);
        if (n < p.N && k < p.K) { v = b4[(k * p.N + n) / 4u]; }
        Bs[kb * 16u + nq] = v;
      }
    }
    return;
  }
  for (var l = 0u; l < 16u; l++) {
    let idx = tid + l * 64u;
    var nn: u32; var kb: u32;
    if (TRANS_B == 1u) { nn = idx / BK; kb = idx % BK; } else { kb = idx / BN; nn = idx % BN; }
    Bs[kb * 16u + nn / 4u][nn % 4u] = loadB(k0 + kb, n0 + nn);
  }
}

// #include store8

@compute @workgroup_size(8, 8)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let tx = lid.x; // output columns tx*8 .. tx*8+7
  let ty = lid.y; // output rows ty*8 .. ty*8+7
  let tid = ty * 8u + tx;
  let m0 = wid.y * BM;
  let n0 = wid.x * BN;
  // 8 rows x 2 vec4 accumulators, named (not an array) so they stay in registers
  var c0a = vec4<f32>(0.0); var c0b = vec4<f32>(0.0); var c1a = vec4<f32>(0.0); var c1b = vec4<f32>(0.0);
  var c2a = vec4<f32>(0.0); var c2b = vec4<f32>(0.0); var c3a = vec4<f32>(0.0); var c3b = vec4<f32>(0.0);
  var c4a = vec4<f32>(0.0); var c4b = vec4<f32>(0.0); var c5a = vec4<f32>(0.0); var c5b = vec4<f32>(0.0);
  var c6a = vec4<f32>(0.0); var c6b = vec4<f32>(0.0); var c7a = vec4<f32>(0.0); var c7b = vec4<f32>(0.0);
  for (var k0 = 0u; k0 < p.K; k0 += BK) {
    loadTileA(tid, m0, k0);
    loadTileB(tid, n0, k0);
    workgroupBarrier();
    for (var k = 0u; k < BK; k++) {
      let a0 = As[k * 16u + ty * 2u];
      let a1 = As[k * 16u + ty * 2u + 1u];
      let b0 = Bs[k * 16u + tx * 2u];
      let b1 = Bs[k * 16u + tx * 2u + 1u];
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
