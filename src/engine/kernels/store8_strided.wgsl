// Included as `// #include store8` (wgsl-include.ts) by the 16-bit-weight GEMMs (matmul_packed.wgsl,
// matmul_packed_subgroup.wgsl): row m's 8 results from column n0 into c with row stride p.ldc at
// column offset p.cOff (a weight chunk's rows are a column range of c), each column past N dropped,
// plus bias[cOff + n] (HAS_BIAS) and the value already there (ACCUMULATE).
// The including module declares p (M, N, ldc, cOff), c, bias, HAS_BIAS and ACCUMULATE.
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
