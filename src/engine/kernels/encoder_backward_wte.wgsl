// dwte[inp[n], c] += dout[n, c]. One thread owns channel c and walks the rows in order, so rows that
// share a token never race and the sum order equals the CPU reference's.
struct P { N: u32, C: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> dwte: array<f32>;
@group(0) @binding(2) var<storage, read> dout: array<f32>;
@group(0) @binding(3) var<storage, read> inp: array<i32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let c = gid.x;
  if (c >= p.C) { return; }
  for (var n = 0u; n < p.N; n++) {
    let tok = u32(inp[n]);
    dwte[tok * p.C + c] += dout[n * p.C + c];
  }
}
