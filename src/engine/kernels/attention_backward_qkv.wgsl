// Attention backward into q, k and v, one thread per (b, t, channel), each writing only its own
// q, k and v entries (no races):
//   dq[t]  += scale * sum_{t2 <= t} dpreatt[t, t2] * k[t2]
//   dk[t]  += scale * sum_{t1 >= t} dpreatt[t1, t] * q[t1]
//   dv[t]  +=         sum_{t1 >= t} att[t1, t]     * dout[t1]
struct P { B: u32, T: u32, C: u32, NH: u32, scale: f32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> dqkv: array<f32>;
@group(0) @binding(2) var<storage, read> dpreatt: array<f32>;
@group(0) @binding(3) var<storage, read> att: array<f32>;
@group(0) @binding(4) var<storage, read> qkv: array<f32>;
@group(0) @binding(5) var<storage, read> dout: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * 256u;
  let T = p.T;
  let C = p.C;
  if (i >= p.B * T * C) { return; }
  let ch = i % C;
  let n = i / C;
  let t = n % T;
  let b = n / T;
  let h = ch / (C / p.NH);
  let C3 = 3u * C;
  let head = (b * p.NH + h) * T; // first row of this (b, h)
  var dq = 0.0;
  for (var t2 = 0u; t2 <= t; t2++) {
    dq += dpreatt[(head + t) * T + t2] * qkv[(b * T + t2) * C3 + C + ch];
  }
  var dk = 0.0;
  var dv = 0.0;
  for (var t1 = t; t1 < T; t1++) {
    let r = (head + t1) * T + t;
    dk += dpreatt[r] * qkv[(b * T + t1) * C3 + ch];
    dv += att[r] * dout[(b * T + t1) * C + ch];
  }
  let o = n * C3 + ch;
  dqkv[o] += dq * p.scale;
  dqkv[o + C] += dk * p.scale;
  dqkv[o + 2u * C] += dv;
}
