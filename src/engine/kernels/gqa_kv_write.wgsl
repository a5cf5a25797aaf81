// Store the k, v of N tokens ([N, NKV*D]) into a layer's caches [rows, MAX_T, NKV*D]: token n belongs
// to cached sequence rowOf[n] at position pos[n]. CPU reference: gqa-attention.ts (kvCacheWrite).
struct P { N: u32, W: u32, MAX_T: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> kcache: array<f32>;
@group(0) @binding(2) var<storage, read_write> vcache: array<f32>;
@group(0) @binding(3) var<storage, read> k: array<f32>;
@group(0) @binding(4) var<storage, read> v: array<f32>;
@group(0) @binding(5) var<storage, read> rowOf: array<i32>;
@group(0) @binding(6) var<storage, read> pos: array<i32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= p.N * p.W) { return; }
  let n = i / p.W;
  let c = i % p.W;
  let dst = (u32(rowOf[n]) * p.MAX_T + u32(pos[n])) * p.W + c;
  kcache[dst] = k[i];
  vcache[dst] = v[i];
}
