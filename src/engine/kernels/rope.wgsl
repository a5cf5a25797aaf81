// Rotary position embedding in place, rotate-half form (transformers' apply_rotary_pos_emb), one
// thread per (token n, head h, pair i < D/2). x [N, nH, D]; token n sits at position pos[n]; cos and
// sin [maxPos, D/2] are the host's table (ropeTable in rope.ts: exact cos/sin, WGSL's are not
// accurate for large angles). SIGN = 1 rotates by +angle (forward); SIGN = -1 by -angle, the
// transpose, which is the backward pass applied to the gradient. CPU reference: rope.ts.
struct P { N: u32, NH: u32, D: u32, SIGN: f32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> x: array<f32>;
@group(0) @binding(2) var<storage, read> cosT: array<f32>;
@group(0) @binding(3) var<storage, read> sinT: array<f32>;
@group(0) @binding(4) var<storage, read> pos: array<i32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = gid.x + gid.y * nwg.x * 256u;
  let half = p.D / 2u;
  if (idx >= p.N * p.NH * half) { return; }
  let i = idx % half;
  let nh = idx / half; // n * NH + h
  let n = nh / p.NH;
  let t = u32(pos[n]) * half + i;
  let c = cosT[t];
  let s = sinT[t] * p.SIGN;
  let o = nh * p.D + i;
  let a = x[o];
  let b = x[o + half];
  x[o] = a * c - b * s;
  x[o + half] = b * c + a * s;
}
