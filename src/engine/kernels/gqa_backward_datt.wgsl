// GQA backward, step 1: datt[b, h, t, t2] = dout[b, t, h] · v[b, t2, kh] for t2 <= t, else 0 (written).
struct P { B: u32, T: u32, NH: u32, NKV: u32, D: u32, scale: f32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> datt: array<f32>;
@group(0) @binding(2) var<storage, read> dout: array<f32>;
@group(0) @binding(3) var<storage, read> v: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = gid.x + gid.y * nwg.x * 256u;
  if (idx >= p.B * p.NH * p.T * p.T) { return; }
  let t2 = idx % p.T;
  let t = (idx / p.T) % p.T;
  let h = (idx / (p.T * p.T)) % p.NH;
  let b = idx / (p.T * p.T * p.NH);
  if (t2 > t) { datt[idx] = 0.0; return; }
  let kh = h / (p.NH / p.NKV);
  let o = ((b * p.T + t) * p.NH + h) * p.D;
  let vo = ((b * p.T + t2) * p.NKV + kh) * p.D;
  var s = 0.0;
  for (var i = 0u; i < p.D; i++) { s += dout[o + i] * v[vo + i]; }
  datt[idx] = s;
}
