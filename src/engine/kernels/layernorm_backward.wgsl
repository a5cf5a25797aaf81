// LayerNorm backward for the input, one workgroup per row:
// dinp += (w*dout - mean(w*dout) - norm * mean(w*dout*norm)) * rstd
struct P { N: u32, C: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> dinp: array<f32>;
@group(0) @binding(2) var<storage, read> dout: array<f32>;
@group(0) @binding(3) var<storage, read> inp: array<f32>;
@group(0) @binding(4) var<storage, read> weight: array<f32>;
@group(0) @binding(5) var<storage, read> mean: array<f32>;
@group(0) @binding(6) var<storage, read> rstd: array<f32>;

// threads per row: a power of two picked by the host from the row length (row-workgroup.ts)
override WG: u32 = 64u;
// #include reduce


@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid3: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let row = wid.x + wid.y * nwg.x;
  if (row >= p.N) { return; }
  let lid = lid3.x;
  let base = row * p.C;
  let m = mean[row];
  let r = rstd[row];
  var a = 0.0;
  var b = 0.0;
  for (var c = lid; c < p.C; c += WG) {
    let norm = (inp[base + c] - m) * r;
    let dn = weight[c] * dout[base + c];
    a += dn;
    b += dn * norm;
  }
  let dnorm_mean = reduce_sum(lid, a) / f32(p.C);
  let dnorm_norm_mean = reduce_sum(lid, b) / f32(p.C);
  for (var c = lid; c < p.C; c += WG) {
    let norm = (inp[base + c] - m) * r;
    let dn = weight[c] * dout[base + c];
    dinp[base + c] += (dn - dnorm_mean - norm * dnorm_norm_mean) * r;
  }
}
