// Tied LM head: logits[n, ids[k]] = lnf[n] · rows[k] (the trainable rows replace the frozen head's
// rows for those columns; the other columns keep the packed head's values).
struct P { N: u32, H: u32, K: u32, V: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> logits: array<f32>;
@group(0) @binding(2) var<storage, read> lnf: array<f32>;
@group(0) @binding(3) var<storage, read> ids: array<i32>;
@group(0) @binding(4) var<storage, read> rows: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= p.N * p.K) { return; }
  let n = i / p.K;
  let k = i % p.K;
  var s = 0.0;
  for (var c = 0u; c < p.H; c++) { s += lnf[n * p.H + c] * rows[k * p.H + c]; }
  logits[n * p.V + u32(ids[k])] = s;
}
