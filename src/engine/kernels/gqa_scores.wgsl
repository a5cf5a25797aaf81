// GQA attention scores: att[b, h, t, t2] = scale * q[b, t, h] · k[b, t2, h / (NH / NKV)] for t2 <= t,
// 0 above the diagonal; one thread per entry. gqa_softmax.wgsl then normalizes att in place.
// Layouts: q [B, T, NH, D], k [B, T, NKV, D], att [B, NH, T, T]. CPU reference: gqa-attention.ts.
struct P { B: u32, T: u32, NH: u32, NKV: u32, D: u32, scale: f32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> att: array<f32>;
@group(0) @binding(2) var<storage, read> q: array<f32>;
@group(0) @binding(3) var<storage, read> k: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = gid.x + gid.y * nwg.x * 256u;
  if (idx >= p.B * p.NH * p.T * p.T) { return; }
  let t2 = idx % p.T;
  let t = (idx / p.T) % p.T;
  let h = (idx / (p.T * p.T)) % p.NH;
  let b = idx / (p.T * p.T * p.NH);
  if (t2 > t) { att[idx] = 0.0; return; }
  let kh = h / (p.NH / p.NKV);
  let qo = ((b * p.T + t) * p.NH + h) * p.D;
  let ko = ((b * p.T + t2) * p.NKV + kh) * p.D;
  var s = 0.0;
  for (var i = 0u; i < p.D; i++) { s += q[qo + i] * k[ko + i]; }
  att[idx] = s * p.scale;
}
