// Subgroup GEMM with 16-bit weights for CPU-like adapters (4-lane subgroups, e.g. SwiftShader):
// C[M, N] (+)= A[M, K] · op(W) (+ bias), the product, layouts, offsets and override constants of
// matmul_packed.wgsl (W bf16/f16 packed two to a u32, widened here, f32 compute; TRANS_W = 1: W [N, K]
// with K even, TRANS_W = 0: W [K, N] with N even) computed as matmul_subgroup.wgsl does: no workgroup
// memory or barrier, a subgroup of 4 lanes computes 16 rows x 32 columns, each lane 8 columns, and
// the 16 A values of a k step are gathered one per lane and shared by subgroupBroadcast. Two k steps
// per iteration, so one packed word serves both (TRANS_W = 1) or two columns (TRANS_W = 0). RB
// (override) = row bands per workgroup: a tile of 16*RB rows x 32*(16/RB) columns chosen from the
// shape by the host, so 16 rows (T = 16, decoding batches) are not padded to 64. Bounds-checked and
// branch-free: an out-of-range load reads index 0 and is replaced by 0.
enable subgroups;
override TRANS_W: u32 = 1u;
override HALF: u32 = 0u;
override ACCUMULATE: u32 = 0u;
override HAS_BIAS: u32 = 0u;
override RB: u32 = 4u;

struct P { M: u32, N: u32, K: u32, lda: u32, ldc: u32, aOff: u32, cOff: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> c: array<f32>;
@group(0) @binding(2) var<storage, read> a: array<f32>;
@group(0) @binding(3) var<storage, read> w: array<u32>;
@group(0) @binding(4) var<storage, read> bias: array<f32>;

fn widen(u: u32) -> vec2<f32> {
  if (HALF == 1u) { return unpack2x16float(u); }
  return vec2<f32>(bitcast<f32>(u << 16u), bitcast<f32>(u & 0xffff0000u));
}

fn loadA(m: u32, k: u32) -> f32 {
  let ok = m < p.M && k < p.K;
  return select(0.0, a[select(0u, m * p.lda + p.aOff + k, ok)], ok);
}

// TRANS_W = 1: op(W)[k, n] and op(W)[k + 1, n], one word of W [N, K] (k even, K even)
fn pairK(k: u32, n: u32) -> vec2<f32> {
  let ok = n < p.N && k < p.K;
  return select(vec2<f32>(0.0), widen(w[select(0u, (n * p.K + k) / 2u, ok)]), ok);
}

// TRANS_W = 0: op(W)[k, n] and op(W)[k, n + 1], one word of W [K, N] (n even, N even)
fn pairN(k: u32, n: u32) -> vec2<f32> {
  let ok = k < p.K && n < p.N;
  return select(vec2<f32>(0.0), widen(w[select(0u, (k * p.N + n) / 2u, ok)]), ok);
}

fn store8(m: u32, n0: u32, va: vec4<f32>, vb: vec4<f32>) {
  if (m >= p.M) { return; }
  let vals = array<f32, 8>(va.x, va.y, va.z, va.w, vb.x, vb.y, vb.z, vb.w);
  for (var j = 0u; j < 8u; j++) {
    let n = n0 + j;
    if (n >= p.N) { return; }
    var v = vals[j];
    if (HAS_BIAS == 1u) { v += bias[p.cOff + n]; }
    let at = m * p.ldc + p.cOff + n;
    if (ACCUMULATE == 1u) { v += c[at]; }
    c[at] = v;
  }
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) li: u32, @builtin(subgroup_invocation_id) l: u32) {
  let CB = 16u / RB;
  let sg = li / 4u;
  let m = wid.y * (16u * RB) + (sg / CB) * 16u; // the subgroup's 16 rows
  let n = wid.x * (32u * CB) + (sg % CB) * 32u + l * 8u; // this lane's 8 columns
  var c0a = vec4<f32>(0.0); var c0b = vec4<f32>(0.0);
  var c1a = vec4<f32>(0.0); var c1b = vec4<f32>(0.0);
  var c2a = vec4<f32>(0.0); var c2b = vec4<f32>(0.0);
  var c3a = vec4<f32>(0.0); var c3b = vec4<f32>(0.0);
  var c4a = vec4<f32>(0.0); var c4b = vec4<f32>(0.0);
  var c5a = vec4<f32>(0.0); var c5b = vec4<f32>(0.0);
  var c6a = vec4<f32>(0.0); var c6b = vec4<f32>(0.0);
  var c7a = vec4<f32>(0.0); var c7b = vec4<f32>(0.0);
  var c8a = vec4<f32>(0.0); var c8b = vec4<f32>(0.0);
  var c9a = vec4<f32>(0.0); var c9b = vec4<f32>(0.0);
  var c10a = vec4<f32>(0.0); var c10b = vec4<f32>(0.0);
  var c11a = vec4<f32>(0.0); var c11b = vec4<f32>(0.0);
  var c12a = vec4<f32>(0.0); var c12b = vec4<f32>(0.0);
  var c13a = vec4<f32>(0.0); var c13b = vec4<f32>(0.0);
  var c14a = vec4<f32>(0.0); var c14b = vec4<f32>(0.0);
  var c15a = vec4<f32>(0.0); var c15b = vec4<f32>(0.0);
  for (var k = 0u; k < p.K; k += 2u) {
    // op(W) rows k (b0, b1) and k + 1 (e0, e1) at this lane's 8 columns
    var b0: vec4<f32>; var b1: vec4<f32>; var e0: vec4<f32>; var e1: vec4<f32>;
    if (TRANS_W == 1u) {
      let t0 = pairK(k, n); let t1 = pairK(k, n + 1u); let t2 = pairK(k, n + 2u); let t3 = pairK(k, n + 3u);
      let t4 = pairK(k, n + 4u); let t5 = pairK(k, n + 5u); let t6 = pairK(k, n + 6u); let t7 = pairK(k, n + 7u);
      b0 = vec4<f32>(t0.x, t1.x, t2.x, t3.x); b1 = vec4<f32>(t4.x, t5.x, t6.x, t7.x);
      e0 = vec4<f32>(t0.y, t1.y, t2.y, t3.y); e1 = vec4<f32>(t4.y, t5.y, t6.y, t7.y);
    } else {
      b0 = vec4<f32>(pairN(k, n), pairN(k, n + 2u)); b1 = vec4<f32>(pairN(k, n + 4u), pairN(k, n + 6u));
      e0 = vec4<f32>(pairN(k + 1u, n), pairN(k + 1u, n + 2u)); e1 = vec4<f32>(pairN(k + 1u, n + 4u), pairN(k + 1u, n + 6u));
    }
    // lane l holds A[m + 4q + l, k] (x) and A[m + 4q + l, k + 1] (y); broadcast gives every lane all 16
    let x0 = loadA(m + 0u + l, k); let x1 = loadA(m + 4u + l, k); let x2 = loadA(m + 8u + l, k); let x3 = loadA(m + 12u + l, k);
    let y0 = loadA(m + 0u + l, k + 1u); let y1 = loadA(m + 4u + l, k + 1u); let y2 = loadA(m + 8u + l, k + 1u); let y3 = loadA(m + 12u + l, k + 1u);
    let a0 = vec4<f32>(subgroupBroadcast(x0, 0u)); let d0 = vec4<f32>(subgroupBroadcast(y0, 0u));
    c0a = fma(d0, e0, fma(a0, b0, c0a)); c0b = fma(d0, e1, fma(a0, b1, c0b));
    let a1 = vec4<f32>(subgroupBroadcast(x0, 1u)); let d1 = vec4<f32>(subgroupBroadcast(y0, 1u));
    c1a = fma(d1, e0, fma(a1, b0, c1a)); c1b = fma(d1, e1, fma(a1, b1, c1b));
    let a2 = vec4<f32>(subgroupBroadcast(x0, 2u)); let d2 = vec4<f32>(subgroupBroadcast(y0, 2u));
    c2a = fma(d2, e0, fma(a2, b0, c2a)); c2b = fma(d2, e1, fma(a2, b1, c2b));
    let a3 = vec4<f32>(subgroupBroadcast(x0, 3u)); let d3 = vec4<f32>(subgroupBroadcast(y0, 3u));
    c3a = fma(d3, e0, fma(a3, b0, c3a)); c3b = fma(d3, e1, fma(a3, b1, c3b));
    let a4 = vec4<f32>(subgroupBroadcast(x1, 0u)); let d4 = vec4<f32>(subgroupBroadcast(y1, 0u));
    c4a = fma(d4, e0, fma(a4, b0, c4a)); c4b = fma(d4, e1, fma(a4, b1, c4b));
    let a5 = vec4<f32>(subgroupBroadcast(x1, 1u)); let d5 = vec4<f32>(subgroupBroadcast(y1, 1u));
    c5a = fma(d5, e0, fma(a5, b0, c5a)); c5b = fma(d5, e1, fma(a5, b1, c5b));
    let a6 = vec4<f32>(subgroupBroadcast(x1, 2u)); let d6 = vec4<f32>(subgroupBroadcast(y1, 2u));
    c6a = fma(d6, e0, fma(a6, b0, c6a)); c6b = fma(d6, e1, fma(a6, b1, c6b));
    let a7 = vec4<f32>(subgroupBroadcast(x1, 3u)); let d7 = vec4<f32>(subgroupBroadcast(y1, 3u));
    c7a = fma(d7, e0, fma(a7, b0, c7a)); c7b = fma(d7, e1, fma(a7, b1, c7b));
    let a8 = vec4<f32>(subgroupBroadcast(x2, 0u)); let d8 = vec4<f32>(subgroupBroadcast(y2, 0u));
    c8a = fma(d8, e0, fma(a8, b0, c8a)); c8b = fma(d8, e1, fma(a8, b1, c8b));
    let a9 = vec4<f32>(subgroupBroadcast(x2, 1u)); let d9 = vec4<f32>(subgroupBroadcast(y2, 1u));
    c9a = fma(d9, e0, fma(a9, b0, c9a)); c9b = fma(d9, e1, fma(a9, b1, c9b));
    let a10 = vec4<f32>(subgroupBroadcast(x2, 2u)); let d10 = vec4<f32>(subgroupBroadcast(y2, 2u));
    c10a = fma(d10, e0, fma(a10, b0, c10a)); c10b = fma(d10, e1, fma(a10, b1, c10b));
    let a11 = vec4<f32>(subgroupBroadcast(x2, 3u)); let d11 = vec4<f32>(subgroupBroadcast(y2, 3u));
    c11a = fma(d11, e0, fma(a11, b0, c11a)); c11b = fma(d11, e1, fma(a11, b1, c11b));
    let a12 = vec4<f32>(subgroupBroadcast(x3, 0u)); let d12 = vec4<f32>(subgroupBroadcast(y3, 0u));
    c12a = fma(d12, e0, fma(a12, b0, c12a)); c12b = fma(d12, e1, fma(a12, b1, c12b));
    let a13 = vec4<f32>(subgroupBroadcast(x3, 1u)); let d13 = vec4<f32>(subgroupBroadcast(y3, 1u));
    c13a = fma(d13, e0, fma(a13, b0, c13a)); c13b = fma(d13, e1, fma(a13, b1, c13b));
    let a14 = vec4<f32>(subgroupBroadcast(x3, 2u)); let d14 = vec4<f32>(subgroupBroadcast(y3, 2u));
    c14a = fma(d14, e0, fma(a14, b0, c14a)); c14b = fma(d14, e1, fma(a14, b1, c14b));
    let a15 = vec4<f32>(subgroupBroadcast(x3, 3u)); let d15 = vec4<f32>(subgroupBroadcast(y3, 3u));
    c15a = fma(d15, e0, fma(a15, b0, c15a)); c15b = fma(d15, e1, fma(a15, b1, c15b));
  }
  store8(m + 0u, n, c0a, c0b); store8(m + 1u, n, c1a, c1b); store8(m + 2u, n, c2a, c2b); store8(m + 3u, n, c3a, c3b);
  store8(m + 4u, n, c4a, c4b); store8(m + 5u, n, c5a, c5b); store8(m + 6u, n, c6a, c6b); store8(m + 7u, n, c7a, c7b);
  store8(m + 8u, n, c8a, c8b); store8(m + 9u, n, c9a, c9b); store8(m + 10u, n, c10a, c10b); store8(m + 11u, n, c11a, c11b);
  store8(m + 12u, n, c12a, c12b); store8(m + 13u, n, c13a, c13b); store8(m + 14u, n, c14a, c14b); store8(m + 15u, n, c15a, c15b);
}
