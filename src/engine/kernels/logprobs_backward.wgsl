// Backward of per-token log-probabilities and entropies into the logits, one workgroup per row.
// dlogits is WRITTEN (not accumulated):
//   dlogits[n, j] = dlogprobs[n] (1[j = t] - p_j) + dentropy[n] (-p_j (log p_j + H)),  H = -sum p log p
// rows with targets[n] = -1 get 0. HAS_DENTROPY = 0 ignores the dentropy binding's contents.
// With a temperature (z = logits * inv_t, probs of z) the result is multiplied by inv_t.
override HAS_DENTROPY: u32 = 1u;
struct P { N: u32, V: u32, inv_t: f32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> dlogits: array<f32>;
@group(0) @binding(2) var<storage, read> dlogprobs: array<f32>;
@group(0) @binding(3) var<storage, read> dentropy: array<f32>;
@group(0) @binding(4) var<storage, read> probs: array<f32>;
@group(0) @binding(5) var<storage, read> targets: array<i32>;

// threads per row: a power of two picked by the host from the row length (row-workgroup.ts)
override WG: u32 = 256u;
// #include reduce

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid3: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let row = wid.x + wid.y * nwg.x;
  if (row >= p.N) { return; }
  let lid = lid3.x;
  let off = row * p.V;
  var dh = 0.0;
  if (HAS_DENTROPY == 1u) { dh = dentropy[row]; }
  var h = 0.0;
  for (var j = lid; j < p.V; j += WG) {
    let pr = probs[off + j];
    if (pr > 0.0) { h -= pr * log(pr); }
  }
  let H = reduce_sum(lid, h);
  let t = targets[row];
  let dlp = dlogprobs[row];
  for (var j = lid; j < p.V; j += WG) {
    let pr = probs[off + j];
    var d = -dlp * pr;
    if (dh != 0.0 && pr > 0.0) { d -= dh * pr * (log(pr) + H); }
    if (i32(j) == t) { d += dlp; }
    dlogits[off + j] = select(d * p.inv_t, 0.0, t < 0);
  }
}
