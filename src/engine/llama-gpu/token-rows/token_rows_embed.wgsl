// out[n, c] = rows[k, c] where ids[k] == tokens[n] (trainable token rows over the embedding lookup's
// frozen rows); other positions keep the lookup's value.
struct P { N: u32, H: u32, K: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> outp: array<f32>;
@group(0) @binding(2) var<storage, read> tokens: array<i32>;
@group(0) @binding(3) var<storage, read> ids: array<i32>;
@group(0) @binding(4) var<storage, read> rows: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= p.N * p.H) { return; }
  let n = i / p.H;
  let t = tokens[n];
  for (var k = 0u; k < p.K; k++) {
    if (ids[k] == t) {
      outp[i] = rows[k * p.H + i % p.H];
      return;
    }
  }
}
