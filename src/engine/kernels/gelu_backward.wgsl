// GELU backward (tanh approximation): dinp += dout * d gelu(x) / dx
struct P { N: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> dinp: array<f32>;
@group(0) @binding(2) var<storage, read> inp: array<f32>;
@group(0) @binding(3) var<storage, read> dout: array<f32>;

const S = 0.7978845608028654; // sqrt(2/pi)

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= p.N) { return; }
  let x = inp[i];
  let t = tanh(clamp(S * (x + 0.044715 * x * x * x), -15.0, 15.0));
  let sech2 = 1.0 - t * t;
  let local = 0.5 * (1.0 + t) + x * 0.5 * sech2 * S * (1.0 + 3.0 * 0.044715 * x * x);
  dinp[i] += local * dout[i];
}
