// Subgroup GEMM for CPU-like adapters (4-lane subgroups, e.g. SwiftShader): C[M, N] (+)= op(A)·op(B)
// (+ bias[N]), the same product, layouts and override constants as matmul_tiled.wgsl. On such an
// adapter a workgroup is run 4 invocations at a time as SIMD lanes, and every load whose address
// varies across lanes is a per-lane gather, while workgroup memory and barriers buy nothing (the
// tiled kernel spent half its time staging tiles). So here no workgroup memory and no barrier: each
// subgroup of 4 lanes computes 16 rows x 32 columns, a lane its own 8 columns (two vec4) of the 16
// rows; per k step a lane gathers its 8 elements of op(B) and ONE element of each 4-row group of
// op(A), and subgroupBroadcast hands every lane the 16 A values: 12 gathers per 128 FMAs instead of
// 16 per 64 (host: only where the adapter's subgroup size is exactly 4; see matmul.gpu.ts).
// RB (override) = row bands of subgroups per 64-lane workgroup (1, 2, 4, 8 or 16): a workgroup tile
// of 16*RB rows x 32*(16/RB) columns, chosen by the host from the shape so few rows (e.g. T = 16)
// or few columns (a LoRA rank) are not padded to 64. Loads and stores are bounds-checked (ragged
// shapes) without a test in the k loop: a lane's rows and columns past the edge are clamped to the last
// one before the loop (they only feed outputs that are never stored) and k < K is the loop's bound.
// (Per-load bounds tests in the loop cost a third of the time on SwiftShader.)
enable subgroups;
override TRANS_A: u32 = 0u;
override TRANS_B: u32 = 0u;
override ACCUMULATE: u32 = 0u;
override HAS_BIAS: u32 = 0u;
override RB: u32 = 4u;

struct P { M: u32, N: u32, K: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> c: array<f32>;
@group(0) @binding(2) var<storage, read> a: array<f32>;
@group(0) @binding(3) var<storage, read> b: array<f32>;
@group(0) @binding(4) var<storage, read> bias: array<f32>;

// #include store8

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) li: u32, @builtin(subgroup_invocation_id) l: u32) {
  let CB = 16u / RB;
  let sg = li / 4u;
  let m = wid.y * (16u * RB) + (sg / CB) * 16u; // the subgroup's 16 rows
  let n = wid.x * (32u * CB) + (sg % CB) * 32u + l * 8u; // this lane's 8 columns
  // op(A)[row, k] = a[ra + k * sa], op(B)[k, col] = b[k * sb + cb], rows and columns clamped to the edge
  var sa = 1u; var sb = p.N;
  if (TRANS_A == 1u) { sa = p.M; }
  if (TRANS_B == 1u) { sb = 1u; }
  var ra: array<u32, 4>;
  for (var q = 0u; q < 4u; q++) {
    let row = min(m + 4u * q + l, p.M - 1u);
    ra[q] = select(row * p.K, row, TRANS_A == 1u);
  }
  var cb: array<u32, 8>;
  for (var j = 0u; j < 8u; j++) {
    let col = min(n + j, p.N - 1u);
    cb[j] = select(col, col * p.K, TRANS_B == 1u);
  }
  let ra0 = ra[0]; let ra1 = ra[1]; let ra2 = ra[2]; let ra3 = ra[3];
  let cb0 = cb[0]; let cb1 = cb[1]; let cb2 = cb[2]; let cb3 = cb[3]; let cb4 = cb[4]; let cb5 = cb[5]; let cb6 = cb[6]; let cb7 = cb[7];
  // #include acc16_zero
  for (var k = 0u; k < p.K; k++) {
    let kb = k * sb;
    let b0 = vec4<f32>(b[kb + cb0], b[kb + cb1], b[kb + cb2], b[kb + cb3]);
    let b1 = vec4<f32>(b[kb + cb4], b[kb + cb5], b[kb + cb6], b[kb + cb7]);
    // lane l holds A[m + 4q + l, k]; broadcast gives every lane all 16
    let ka = k * sa;
    let x0 = a[ra0 + ka]; let x1 = a[ra1 + ka]; let x2 = a[ra2 + ka]; let x3 = a[ra3 + ka];
    let a0 = vec4<f32>(subgroupBroadcast(x0, 0u)); c0a = fma(a0, b0, c0a); c0b = fma(a0, b1, c0b);
    let a1 = vec4<f32>(subgroupBroadcast(x0, 1u)); c1a = fma(a1, b0, c1a); c1b = fma(a1, b1, c1b);
    let a2 = vec4<f32>(subgroupBroadcast(x0, 2u)); c2a = fma(a2, b0, c2a); c2b = fma(a2, b1, c2b);
    let a3 = vec4<f32>(subgroupBroadcast(x0, 3u)); c3a = fma(a3, b0, c3a); c3b = fma(a3, b1, c3b);
    let a4 = vec4<f32>(subgroupBroadcast(x1, 0u)); c4a = fma(a4, b0, c4a); c4b = fma(a4, b1, c4b);
    let a5 = vec4<f32>(subgroupBroadcast(x1, 1u)); c5a = fma(a5, b0, c5a); c5b = fma(a5, b1, c5b);
    let a6 = vec4<f32>(subgroupBroadcast(x1, 2u)); c6a = fma(a6, b0, c6a); c6b = fma(a6, b1, c6b);
    let a7 = vec4<f32>(subgroupBroadcast(x1, 3u)); c7a = fma(a7, b0, c7a); c7b = fma(a7, b1, c7b);
    let a8 = vec4<f32>(subgroupBroadcast(x2, 0u)); c8a = fma(a8, b0, c8a); c8b = fma(a8, b1, c8b);
    let a9 = vec4<f32>(subgroupBroadcast(x2, 1u)); c9a = fma(a9, b0, c9a); c9b = fma(a9, b1, c9b);
    let a10 = vec4<f32>(subgroupBroadcast(x2, 2u)); c10a = fma(a10, b0, c10a); c10b = fma(a10, b1, c10b);
    let a11 = vec4<f32>(subgroupBroadcast(x2, 3u)); c11a = fma(a11, b0, c11a); c11b = fma(a11, b1, c11b);
    let a12 = vec4<f32>(subgroupBroadcast(x3, 0u)); c12a = fma(a12, b0, c12a); c12b = fma(a12, b1, c12b);
    let a13 = vec4<f32>(subgroupBroadcast(x3, 1u)); c13a = fma(a13, b0, c13a); c13b = fma(a13, b1, c13b);
    let a14 = vec4<f32>(subgroupBroadcast(x3, 2u)); c14a = fma(a14, b0, c14a); c14b = fma(a14, b1, c14b);
    let a15 = vec4<f32>(subgroupBroadcast(x3, 3u)); c15a = fma(a15, b0, c15a); c15b = fma(a15, b1, c15b);
  }
  // #include acc16_store
}
