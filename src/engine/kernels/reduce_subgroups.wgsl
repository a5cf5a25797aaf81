// Workgroup reductions over WG threads with subgroup operations (the `subgroups` feature): the same
// functions as reduce_tree.wgsl, included instead of it where the device has the feature. Each
// subgroup reduces its lanes, one lane per subgroup leaves the result in workgroup memory, and every
// subgroup then reduces those partials (lanes ranked densely with subgroupExclusiveAdd, so any
// subgroup size and partly filled subgroups work): two barriers instead of log2(WG) + 2.
enable subgroups;
var<workgroup> red: array<f32, WG>;

fn reduce(lid: u32, v: f32, is_max: bool) -> f32 {
  let part = select(subgroupAdd(v), subgroupMax(v), is_max);
  let rank = subgroupExclusiveAdd(1u);
  let lanes = subgroupAdd(1u);
  // slots of lanes that are not their subgroup's first hold the identity
  red[lid] = select(select(0.0, -3.4e38, is_max), part, rank == 0u);
  workgroupBarrier();
  var t = select(0.0, -3.4e38, is_max);
  for (var j = rank; j < WG; j += lanes) { t = select(t + red[j], max(t, red[j]), is_max); }
  let r = select(subgroupAdd(t), subgroupMax(t), is_max);
  workgroupBarrier();
  return r;
}

fn reduce_sum(lid: u32, v: f32) -> f32 { return reduce(lid, v, false); }
fn reduce_max(lid: u32, v: f32) -> f32 { return reduce(lid, v, true); }
