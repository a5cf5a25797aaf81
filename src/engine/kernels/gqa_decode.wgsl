// GQA attention against a KV cache, one workgroup per (token n, query head h): token n's query
// q [N, NH, D] attends to positions 0..pos[n] of cache row rowOf[n] (caches [rows, MAX_T, NKV, D];
// gqa_kv_write has stored this call's k, v, so a prompt of several tokens is one call). Scores go
// through a global scratch [N, NH, MAX_T], so the cache length is not bound by workgroup memory.
// CPU reference: gqa-attention.ts (gqaDecode).
struct P { N: u32, NH: u32, NKV: u32, D: u32, MAX_T: u32, scale: f32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> outp: array<f32>;
@group(0) @binding(2) var<storage, read_write> sc: array<f32>;
@group(0) @binding(3) var<storage, read> q: array<f32>;
@group(0) @binding(4) var<storage, read> kcache: array<f32>;
@group(0) @binding(5) var<storage, read> vcache: array<f32>;
@group(0) @binding(6) var<storage, read> rowOf: array<i32>;
@group(0) @binding(7) var<storage, read> pos: array<i32>;

const WG = 64u;
// #include reduce
var<workgroup> plen: u32;


@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid3: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let lid = lid3.x;
  let idx = wid.x + wid.y * nwg.x; // n * NH + h
  let n = idx / p.NH;
  let h = idx % p.NH;
  if (n >= p.N) { return; }
  if (lid == 0u) { plen = u32(pos[n]) + 1u; }
  let len = workgroupUniformLoad(&plen);
  let kh = h / (p.NH / p.NKV);
  let row = u32(rowOf[n]);
  let qo = idx * p.D;
  let so = idx * p.MAX_T;
  var m = -3.0e38;
  for (var t2 = lid; t2 < len; t2 += WG) {
    let ko = ((row * p.MAX_T + t2) * p.NKV + kh) * p.D;
    var s = 0.0;
    for (var j = 0u; j < p.D; j++) { s += q[qo + j] * kcache[ko + j]; }
    s *= p.scale;
    sc[so + t2] = s;
    m = max(m, s);
  }
  let mx = reduce(lid, m, true);
  var e = 0.0;
  for (var t2 = lid; t2 < len; t2 += WG) {
    let x = exp(sc[so + t2] - mx);
    sc[so + t2] = x;
    e += x;
  }
  let inv = 1.0 / reduce(lid, e, false);
  storageBarrier();
  for (var j = lid; j < p.D; j += WG) {
    var s = 0.0;
    for (var t2 = 0u; t2 < len; t2++) { s += sc[so + t2] * vcache[((row * p.MAX_T + t2) * p.NKV + kh) * p.D + j]; }
    outp[qo + j] = s * inv;
  }
}
