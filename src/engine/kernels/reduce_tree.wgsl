// Workgroup reductions over WG threads (WG a power of two, an override of the including kernel) by a
// log2(WG)-step tree in workgroup memory, for devices without subgroups (see reduce_subgroups.wgsl,
// the same functions with subgroup operations). Included by the row kernels with `// #include reduce`
// (wgsl-include.ts). Every thread of the workgroup must call them (uniform control flow); each ends
// with a barrier, so they can be called one after another.
var<workgroup> red: array<f32, WG>;

fn reduce_op(a: f32, b: f32, is_max: bool) -> f32 {
  return select(a + b, max(a, b), is_max);
}

fn reduce(lid: u32, v: f32, is_max: bool) -> f32 {
  red[lid] = v;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s >>= 1u) {
    if (lid < s) { red[lid] = reduce_op(red[lid], red[lid + s], is_max); }
    workgroupBarrier();
  }
  let r = red[0];
  workgroupBarrier();
  return r;
}

fn reduce_sum(lid: u32, v: f32) -> f32 { return reduce(lid, v, false); }
fn reduce_max(lid: u32, v: f32) -> f32 { return reduce(lid, v, true); }
