// Subgroup GEMM with 16-bit weights for CPU-like adapters (4-lane subgroups, e.g. SwiftShader):
// C[M, N] (+)= A[M, K] · op(W) (+ bias), the product, layouts, offsets and override constants of
// matmul_packed.wgsl (W bf16/f16 packed two to a u32, widened here, f32 compute; TRANS_W = 1: W [N, K]
// with K even, TRANS_W = 0: W [K, N] with N even) computed as matmul_subgroup.wgsl does: no workgroup
// memory or barrier, a subgroup of 4 lanes computes 16 rows x 32 columns, each lane 8 columns, and
// the 16 A values of a k step are gathered one per lane and shared by subgroupBroadcast. Two k steps
// per iteration, so one packed word serves both (TRANS_W = 1) or two columns (TRANS_W = 0). RB
// (override) = row bands per workgroup: a tile of 16*RB rows x 32*(16/RB) columns chosen from the
// shape by the host, so 16 rows (T = 16, decoding batches) are not padded to 64. Ragged shapes as
// matmul_subgroup.wgsl: rows and columns past the edge clamped before the loop, no test inside it
// except A's k + 1 past an odd K (TRANS_W = 0), which is zeroed.
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

// #include widen

// #include store8

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) li: u32, @builtin(subgroup_invocation_id) l: u32) {
  let CB = 16u / RB;
  let sg = li / 4u;
  let m = wid.y * (16u * RB) + (sg / CB) * 16u; // the subgroup's 16 rows
  let n = wid.x * (32u * CB) + (sg % CB) * 32u + l * 8u; // this lane's 8 columns
  // A[row, k] = a[ra + k]; words of W: TRANS_W = 1, column c's pair (k, k+1) at cw + k/2;
  // TRANS_W = 0, columns (c, c+1) of row k at k * N/2 + cw. Rows and columns clamped to the edge.
  var ra: array<u32, 4>;
  for (var q = 0u; q < 4u; q++) { ra[q] = min(m + 4u * q + l, p.M - 1u) * p.lda + p.aOff; }
  var cw: array<u32, 8>;
  for (var j = 0u; j < 8u; j++) {
    if (TRANS_W == 1u) { cw[j] = min(n + j, p.N - 1u) * (p.K / 2u); } else { cw[j] = min(n + 2u * (j % 4u), p.N - 2u) / 2u; }
  }
  let ra0 = ra[0]; let ra1 = ra[1]; let ra2 = ra[2]; let ra3 = ra[3];
  let cw0 = cw[0]; let cw1 = cw[1]; let cw2 = cw[2]; let cw3 = cw[3]; let cw4 = cw[4]; let cw5 = cw[5]; let cw6 = cw[6]; let cw7 = cw[7];
  let halfN = p.N / 2u;
  // #include acc16_zero
  for (var k = 0u; k < p.K; k += 2u) {
    // op(W) rows k (b0, b1) and k + 1 (e0, e1) at this lane's 8 columns
    var b0: vec4<f32>; var b1: vec4<f32>; var e0: vec4<f32>; var e1: vec4<f32>;
    let has1 = k + 1u < p.K; // only TRANS_W = 0 can have an odd K
    if (TRANS_W == 1u) {
      let kw = k / 2u;
      let t0 = widen(w[cw0 + kw]); let t1 = widen(w[cw1 + kw]); let t2 = widen(w[cw2 + kw]); let t3 = widen(w[cw3 + kw]);
      let t4 = widen(w[cw4 + kw]); let t5 = widen(w[cw5 + kw]); let t6 = widen(w[cw6 + kw]); let t7 = widen(w[cw7 + kw]);
      b0 = vec4<f32>(t0.x, t1.x, t2.x, t3.x); b1 = vec4<f32>(t4.x, t5.x, t6.x, t7.x);
      e0 = vec4<f32>(t0.y, t1.y, t2.y, t3.y); e1 = vec4<f32>(t4.y, t5.y, t6.y, t7.y);
    } else {
      let r0 = k * halfN; let r1 = min(k + 1u, p.K - 1u) * halfN;
      b0 = vec4<f32>(widen(w[r0 + cw0]), widen(w[r0 + cw1])); b1 = vec4<f32>(widen(w[r0 + cw2]), widen(w[r0 + cw3]));
      e0 = vec4<f32>(widen(w[r1 + cw0]), widen(w[r1 + cw1])); e1 = vec4<f32>(widen(w[r1 + cw2]), widen(w[r1 + cw3]));
    }
    // lane l holds A[m + 4q + l, k] (x) and A[m + 4q + l, k + 1] (y, 0 past K); broadcast gives every lane all 16
    let k1 = min(k + 1u, p.K - 1u);
    let x0 = a[ra0 + k]; let x1 = a[ra1 + k]; let x2 = a[ra2 + k]; let x3 = a[ra3 + k];
    let y0 = select(0.0, a[ra0 + k1], has1); let y1 = select(0.0, a[ra1 + k1], has1); let y2 = select(0.0, a[ra2 + k1], has1); let y3 = select(0.0, a[ra3 + k1], has1);
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
  // #include acc16_store
}
