// Per-row softmax with the target's log-probability and the distribution's entropy, one workgroup
// per row with reductions for max, sum exp and sum p*z:
//   probs = softmax(z);  logZ = max + log sum exp(z - max)
//   logprobs[n] = z[t] - logZ;  entropy[n] = logZ - sum p z   (both 0 when targets[n] = -1)
// with z = logits * inv_t (inv_t = 1 / temperature; 1 = the logits themselves)
struct P { N: u32, V: u32, inv_t: f32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> logprobs: array<f32>;
@group(0) @binding(2) var<storage, read_write> entropy: array<f32>;
@group(0) @binding(3) var<storage, read_write> probs: array<f32>;
@group(0) @binding(4) var<storage, read> logits: array<f32>;
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
  var m = -3.0e38;
  for (var j = lid; j < p.V; j += WG) { m = max(m, logits[off + j] * p.inv_t); }
  let mx = reduce(lid, m, true);
  var s = 0.0;
  for (var j = lid; j < p.V; j += WG) { s += exp(logits[off + j] * p.inv_t - mx); }
  let sum = reduce(lid, s, false);
  let inv = 1.0 / sum;
  var pz = 0.0;
  for (var j = lid; j < p.V; j += WG) {
    let z = logits[off + j] * p.inv_t;
    let pr = exp(z - mx) * inv;
    probs[off + j] = pr;
    pz += pr * z;
  }
  let spz = reduce(lid, pz, false);
  if (lid == 0u) {
    let t = targets[row];
    let logZ = mx + log(sum);
    if (t < 0) {
      logprobs[row] = 0.0;
      entropy[row] = 0.0;
    } else {
      logprobs[row] = logits[off + u32(t)] * p.inv_t - logZ;
      entropy[row] = logZ - spz;
    }
  }
}
