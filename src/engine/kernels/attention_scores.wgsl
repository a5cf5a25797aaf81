// Causal attention scores: preatt[b, h, t, t2] = q[b, t, h] · k[b, t2, h] / sqrt(hs) for t2 <= t,
// 0 above the diagonal. qkv is [B, T, 3C] packed q | k | v; one thread per score.
struct P { B: u32, T: u32, C: u32, NH: u32, scale: f32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> preatt: array<f32>;
@group(0) @binding(2) var<storage, read> qkv: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * 256u;
  let T = p.T;
  if (i >= p.B * p.NH * T * T) { return; }
  let t2 = i % T;
  let t = (i / T) % T;
  let h = (i / (T * T)) % p.NH;
  let b = i / (T * T * p.NH);
  if (t2 > t) { preatt[i] = 0.0; return; }
  let hs = p.C / p.NH;
  let C3 = 3u * p.C;
  let q = (b * T + t) * C3 + h * hs;
  let k = (b * T + t2) * C3 + p.C + h * hs;
  var s = 0.0;
  for (var j = 0u; j < hs; j++) { s += qkv[q + j] * qkv[k + j]; }
  preatt[i] = s * p.scale;
}
