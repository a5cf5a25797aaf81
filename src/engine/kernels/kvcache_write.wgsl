// Copy the k and v parts of qkv [N, 3C] into the layer's caches [rows, MAX_T, C]: token n belongs to
// cached sequence row[n] and sits at position pos[n].
struct P { N: u32, C: u32, MAX_T: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> kcache: array<f32>;
@group(0) @binding(2) var<storage, read_write> vcache: array<f32>;
@group(0) @binding(3) var<storage, read> qkv: array<f32>;
@group(0) @binding(4) var<storage, read> rowOf: array<i32>;
@group(0) @binding(5) var<storage, read> pos: array<i32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= p.N * p.C) { return; }
  let n = i / p.C;
  let c = i % p.C;
  let dst = (u32(rowOf[n]) * p.MAX_T + u32(pos[n])) * p.C + c;
  kcache[dst] = qkv[n * 3u * p.C + p.C + c];
  vcache[dst] = qkv[n * 3u * p.C + 2u * p.C + c];
}
