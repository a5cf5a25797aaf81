// SwiGLU: out = silu(gate) * up, silu(g) = g / (1 + exp(-g)). CPU reference: swiglu.ts.
struct P { N: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> outp: array<f32>;
@group(0) @binding(2) var<storage, read> gate: array<f32>;
@group(0) @binding(3) var<storage, read> up: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= p.N) { return; }
  let g = gate[i];
  outp[i] = g / (1.0 + exp(-g)) * up[i];
}
