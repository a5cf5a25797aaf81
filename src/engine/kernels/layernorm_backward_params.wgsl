// LayerNorm backward for weight and bias: a column reduction over rows (rows in order per channel).
// dweight[c] += sum_n norm[n, c] * dout[n, c];  dbias[c] += sum_n dout[n, c]
struct P { N: u32, C: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> dweight: array<f32>;
@group(0) @binding(2) var<storage, read_write> dbias: array<f32>;
@group(0) @binding(3) var<storage, read> dout: array<f32>;
@group(0) @binding(4) var<storage, read> inp: array<f32>;
@group(0) @binding(5) var<storage, read> mean: array<f32>;
@group(0) @binding(6) var<storage, read> rstd: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let c = gid.x;
  if (c >= p.C) { return; }
  var dw = 0.0;
  var db = 0.0;
  for (var n = 0u; n < p.N; n++) {
    let i = n * p.C + c;
    let norm = (inp[i] - mean[n]) * rstd[n];
    dw += norm * dout[i];
    db += dout[i];
  }
  dweight[c] += dw;
  dbias[c] += db;
}
