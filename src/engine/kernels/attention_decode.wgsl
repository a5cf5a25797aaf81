// Causal attention against a KV cache, one workgroup per (token n, head h): token n belongs to
// cached sequence row[n] and sits at position pos[n]; its query (qkv [N, 3C]) attends to that row's
// cached keys/values [rows, MAX_T, C] at positions 0..pos[n] (kvcache_write has already stored the
// k, v of every token of this call, so a prompt of several tokens is one call).
override MAX_T: u32 = 128u;
struct P { N: u32, C: u32, NH: u32, scale: f32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> outp: array<f32>;
@group(0) @binding(2) var<storage, read> qkv: array<f32>;
@group(0) @binding(3) var<storage, read> kcache: array<f32>;
@group(0) @binding(4) var<storage, read> vcache: array<f32>;
@group(0) @binding(5) var<storage, read> rowOf: array<i32>;
@group(0) @binding(6) var<storage, read> pos: array<i32>;

const WG = 64u;
var<workgroup> sc: array<f32, MAX_T>;
// #include reduce
var<workgroup> plen: u32;


@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid3: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let lid = lid3.x;
  // (token, head) pairs fold into 2-D when a batched prefill has more than the per-dimension limit
  let idx = wid.x + wid.y * nwg.x;
  let n = idx / p.NH;
  let h = idx % p.NH;
  if (n >= p.N) { return; }
  if (lid == 0u) { plen = u32(pos[n]) + 1u; }
  let len = workgroupUniformLoad(&plen);
  let b = u32(rowOf[n]);
  let hs = p.C / p.NH;
  let q = n * 3u * p.C + h * hs;
  var m = -3.0e38;
  for (var t2 = lid; t2 < len; t2 += WG) {
    let k = (b * MAX_T + t2) * p.C + h * hs;
    var s = 0.0;
    for (var j = 0u; j < hs; j++) { s += qkv[q + j] * kcache[k + j]; }
    s *= p.scale;
    sc[t2] = s;
    m = max(m, s);
  }
  let mx = reduce(lid, m, true);
  var e = 0.0;
  for (var t2 = lid; t2 < len; t2 += WG) {
    let x = exp(sc[t2] - mx);
    sc[t2] = x;
    e += x;
  }
  let inv = 1.0 / reduce(lid, e, false);
  for (var j = lid; j < hs; j += WG) {
    var s = 0.0;
    for (var t2 = 0u; t2 < len; t2++) { s += sc[t2] * vcache[(b * MAX_T + t2) * p.C + h * hs + j]; }
    outp[n * p.C + h * hs + j] = s * inv;
  }
}
