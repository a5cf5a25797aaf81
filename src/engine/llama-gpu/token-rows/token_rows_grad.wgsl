// Gradient of the trainable token rows (accumulated): for row k (token ids[k]) and channel c,
//   grad[k, c] += [tied] Σ_n dlogits[n, ids[k]] lnf[n, c]  +  Σ_{n: tokens[n] = ids[k]} dres[n, c]
// (the LM head's share when the head is the embedding, and the embedding lookup's share). One thread
// per (k, c) walks the positions in order: no races.
struct P { N: u32, H: u32, K: u32, V: u32, tied: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> grad: array<f32>;
@group(0) @binding(2) var<storage, read> dlogits: array<f32>;
@group(0) @binding(3) var<storage, read> lnf: array<f32>;
@group(0) @binding(4) var<storage, read> dres: array<f32>;
@group(0) @binding(5) var<storage, read> tokens: array<i32>;
@group(0) @binding(6) var<storage, read> ids: array<i32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= p.K * p.H) { return; }
  let k = i / p.H;
  let c = i % p.H;
  let id = ids[k];
  var s = 0.0;
  if (p.tied != 0u) {
    for (var n = 0u; n < p.N; n++) { s += dlogits[n * p.V + u32(id)] * lnf[n * p.H + c]; }
  }
  for (var n = 0u; n < p.N; n++) {
    if (tokens[n] == id) { s += dres[n * p.H + c]; }
  }
  grad[i] += s;
}
