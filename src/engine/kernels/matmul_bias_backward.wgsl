// dbias[n] += sum_m dout[m, n]: 64 columns per workgroup, 4 row lanes per column reduced in
// workgroup memory.
struct P { M: u32, N: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> dbias: array<f32>;
@group(0) @binding(2) var<storage, read> dout: array<f32>;

var<workgroup> red: array<f32, 256>;

@compute @workgroup_size(64, 4)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let n = wid.x * 64u + lid.x;
  var s = 0.0;
  if (n < p.N) {
    for (var m = lid.y; m < p.M; m += 4u) { s += dout[m * p.N + n]; }
  }
  red[lid.y * 64u + lid.x] = s;
  workgroupBarrier();
  if (lid.y == 0u && n < p.N) {
    dbias[n] += red[lid.x] + red[64u + lid.x] + red[128u + lid.x] + red[192u + lid.x];
  }
}
