// Tied LM head, input gradient correction: the frozen head's dx = dlogits · W used W's stored rows
// for the trainable ids; add the difference to the trained rows:
//   dln[n, c] += Σ_k dlogits[n, ids[k]] (rows[k, c] - base[k, c])
struct P { N: u32, H: u32, K: u32, V: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> dln: array<f32>;
@group(0) @binding(2) var<storage, read> dlogits: array<f32>;
@group(0) @binding(3) var<storage, read> ids: array<i32>;
@group(0) @binding(4) var<storage, read> rows: array<f32>;
@group(0) @binding(5) var<storage, read> base: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= p.N * p.H) { return; }
  let n = i / p.H;
  let c = i % p.H;
  var s = 0.0;
  for (var k = 0u; k < p.K; k++) {
    s += dlogits[n * p.V + u32(ids[k])] * (rows[k * p.H + c] - base[k * p.H + c]);
  }
  dln[i] += s;
}
