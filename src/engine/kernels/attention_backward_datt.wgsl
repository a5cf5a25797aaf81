// Attention backward through out = att · v: datt[b, h, t, t2] += dout[b, t, h] · v[b, t2, h] (t2 <= t).
struct P { B: u32, T: u32, C: u32, NH: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> datt: array<f32>;
@group(0) @binding(2) var<storage, read> dout: array<f32>;
@group(0) @binding(3) var<storage, read> qkv: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * 256u;
  let T = p.T;
  if (i >= p.B * p.NH * T * T) { return; }
  let t2 = i % T;
  let t = (i / T) % T;
  if (t2 > t) { return; }
  let h = (i / (T * T)) % p.NH;
  let b = i / (T * T * p.NH);
  let hs = p.C / p.NH;
  let o = (b * T + t) * p.C + h * hs;
  let v = (b * T + t2) * 3u * p.C + 2u * p.C + h * hs;
  var s = 0.0;
  for (var j = 0u; j < hs; j++) { s += dout[o + j] * qkv[v + j]; }
  datt[i] += s;
}
