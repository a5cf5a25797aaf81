// Embedding gather from 16-bit rows packed two to a u32: out[n, :] = table[ids[n] - row0, :] for the
// tokens whose id falls in this chunk's rows row0..row0+rows (a table larger than one binding is
// several chunks, one dispatch each); one thread per output pair. HALF = 0 bf16, 1 f16. C even.
override HALF: u32 = 0u;
struct P { N: u32, C: u32, row0: u32, rows: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> outp: array<f32>;
@group(0) @binding(2) var<storage, read> ids: array<i32>;
@group(0) @binding(3) var<storage, read> table: array<u32>;

// #include widen

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = gid.x + gid.y * nwg.x * 256u;
  let half = p.C / 2u;
  if (i >= p.N * half) { return; }
  let n = i / half;
  let j = i % half;
  let tok = ids[n];
  if (tok < i32(p.row0) || tok >= i32(p.row0 + p.rows)) { return; }
  let v = widen(table[(u32(tok) - p.row0) * half + j]);
  outp[n * p.C + 2u * j] = v.x;
  outp[n * p.C + 2u * j + 1u] = v.y;
}
