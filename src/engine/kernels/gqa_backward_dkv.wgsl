// GQA backward, step 4: one thread per key/value element (b, t2, kh, i), summing over the query
// heads of its group and the positions t >= t2 that attend to it:
//   dk += Σ_h Σ_t dpre[b, h, t, t2] * q[b, t, h, i],   dv += Σ_h Σ_t att[b, h, t, t2] * dout[b, t, h, i].
struct P { B: u32, T: u32, NH: u32, NKV: u32, D: u32, scale: f32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> dk: array<f32>;
@group(0) @binding(2) var<storage, read_write> dv: array<f32>;
@group(0) @binding(3) var<storage, read> dpre: array<f32>;
@group(0) @binding(4) var<storage, read> att: array<f32>;
@group(0) @binding(5) var<storage, read> q: array<f32>;
@group(0) @binding(6) var<storage, read> dout: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = gid.x + gid.y * nwg.x * 256u;
  if (idx >= p.B * p.T * p.NKV * p.D) { return; }
  let i = idx % p.D;
  let kh = (idx / p.D) % p.NKV;
  let t2 = (idx / (p.D * p.NKV)) % p.T;
  let b = idx / (p.D * p.NKV * p.T);
  let rep = p.NH / p.NKV;
  var sk = 0.0;
  var sv = 0.0;
  for (var r = 0u; r < rep; r++) {
    let h = kh * rep + r;
    for (var t = t2; t < p.T; t++) {
      let a = ((b * p.NH + h) * p.T + t) * p.T + t2;
      let o = ((b * p.T + t) * p.NH + h) * p.D + i;
      sk += dpre[a] * q[o];
      sv += att[a] * dout[o];
    }
  }
  dk[idx] += sk;
  dv[idx] += sv;
}
