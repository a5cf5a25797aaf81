// out[b, t, h*hs + j] = sum_{t2 <= t} att[b, h, t, t2] * v[b, t2, h*hs + j]; one thread per output.
struct P { B: u32, T: u32, C: u32, NH: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> outp: array<f32>;
@group(0) @binding(2) var<storage, read> att: array<f32>;
@group(0) @binding(3) var<storage, read> qkv: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= p.B * p.T * p.C) { return; }
  let ch = i % p.C;
  let n = i / p.C;
  let t = n % p.T;
  let b = n / p.T;
  let h = ch / (p.C / p.NH);
  let row = ((b * p.NH + h) * p.T + t) * p.T;
  let C3 = 3u * p.C;
  var s = 0.0;
  for (var t2 = 0u; t2 <= t; t2++) { s += att[row + t2] * qkv[(b * p.T + t2) * C3 + 2u * p.C + ch]; }
  outp[i] = s;
}
