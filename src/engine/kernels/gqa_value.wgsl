// GQA attention output: out[b, t, h, i] = Σ_{t2 <= t} att[b, h, t, t2] * v[b, t2, h / (NH / NKV), i],
// one thread per output element. CPU reference: gqa-attention.ts.
struct P { B: u32, T: u32, NH: u32, NKV: u32, D: u32, scale: f32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> outp: array<f32>;
@group(0) @binding(2) var<storage, read> att: array<f32>;
@group(0) @binding(3) var<storage, read> v: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = gid.x + gid.y * nwg.x * 256u;
  if (idx >= p.B * p.T * p.NH * p.D) { return; }
  let i = idx % p.D;
  let h = (idx / p.D) % p.NH;
  let t = (idx / (p.D * p.NH)) % p.T;
  let b = idx / (p.D * p.NH * p.T);
  let kh = h / (p.NH / p.NKV);
  let row = ((b * p.NH + h) * p.T + t) * p.T;
  var s = 0.0;
  for (var t2 = 0u; t2 <= t; t2++) { s += att[row + t2] * v[((b * p.T + t2) * p.NKV + kh) * p.D + i]; }
  outp[idx] = s;
}
