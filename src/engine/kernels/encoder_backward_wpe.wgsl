// dwpe[t, c] += sum_b dout[b, t, c]   (one thread per (t, c), batch rows in order)
struct P { B: u32, T: u32, C: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> dwpe: array<f32>;
@group(0) @binding(2) var<storage, read> dout: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= p.T * p.C) { return; }
  var acc = dwpe[i];
  for (var b = 0u; b < p.B; b++) {
    acc += dout[b * p.T * p.C + i];
  }
  dwpe[i] = acc;
}
