// Next-token choice on the GPU, one workgroup per row of logits [N, V]; the rule (greedy argmax, or
// temperature, top-k, top-p and the inverse CDF of one uniform u[n] over the kept tokens in id
// order) is defined beside the CPU reference, sample-tokens.ts. Writes outp[2n] = token id (as f32,
// exact below 2^24) and outp[2n + 1] = log softmax(z)[token] at temperature 1: that is all a decode
// step reads back.
// Without sorting: tokens rank by key = the f32 bits mapped to an ordered u32 (ties by lower id).
// - the k-th largest key tK comes from a radix search, 4 bits per step (the counts at or above 15
//   candidate keys in one reduction); ties at tK keep the lowest ids, up to a cut found by a 4-way
//   search on the id prefix (three prefix counts per reduction);
// - the top-p threshold tP is the largest key whose top-k-kept mass at or above it still reaches
//   p * (top-k mass): the same radix search over sums of w; ties at tP are cut the same way;
// - the draw is the same 4-way search for the first id prefix whose kept mass exceeds u * (kept mass).
// Reductions: each thread writes its partial, and after one barrier every thread adds all partials
// in the same order (identical bits everywhere, two barriers per reduction: barriers dominate on
// software adapters). Every mass is a per-thread sum in id order of terms that only grow with the
// prefix or the threshold, so F(m) and S(t) are monotone and the searches are consistent.
// Searches run a fixed number of steps (from V), so barriers stay in uniform control flow.
// wts[n, V] is scratch for w_j = exp((z_j - max) / T), written and read by the same thread.
struct P { N: u32, V: u32, topK: u32, greedy: u32, temp: f32, topP: f32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read_write> outp: array<f32>;
@group(0) @binding(2) var<storage, read> logits: array<f32>;
@group(0) @binding(3) var<storage, read> uni: array<f32>;
@group(0) @binding(4) var<storage, read_write> wts: array<f32>;

// threads per row: a power of two (32..128) picked by the host from V
override WG: u32 = 32u;
var<workgroup> part: array<vec4<f32>, WG * 4u>;
var<workgroup> flag: u32;

// kept = ranked above the top-k threshold (ties: id < cutK) and above the top-p one (ties: id < cutP)
struct Cut { tK: u32, cutK: u32, tP: u32, cutP: u32 }
struct M16 { a: vec4<f32>, b: vec4<f32>, c: vec4<f32>, d: vec4<f32> }

fn keyOf(z: f32) -> u32 {
  let b = bitcast<u32>(z);
  if ((b & 0x80000000u) != 0u) { return ~b; }
  return b | 0x80000000u;
}

fn keptK(j: u32, key: u32, c: Cut) -> bool {
  return key > c.tK || (key == c.tK && j < c.cutK);
}

fn kept(j: u32, key: u32, c: Cut) -> bool {
  return keptK(j, key, c) && (key > c.tP || (key == c.tP && j < c.cutP));
}

fn reduce4(lid: u32, v: vec4<f32>) -> vec4<f32> {
  part[lid] = v;
  workgroupBarrier();
  var s = part[0];
  for (var t = 1u; t < WG; t++) { s += part[t]; }
  workgroupBarrier();
  return s;
}

fn reduce16(lid: u32, v: M16) -> M16 {
  part[4u * lid] = v.a;
  part[4u * lid + 1u] = v.b;
  part[4u * lid + 2u] = v.c;
  part[4u * lid + 3u] = v.d;
  workgroupBarrier();
  var s = M16(part[0], part[1], part[2], part[3]);
  for (var t = 1u; t < WG; t++) {
    s.a += part[4u * t];
    s.b += part[4u * t + 1u];
    s.c += part[4u * t + 2u];
    s.d += part[4u * t + 3u];
  }
  workgroupBarrier();
  return s;
}

/** a condition every thread computed identically, made uniform for control flow around barriers */
fn uniformFlag(lid: u32, cond: bool) -> bool {
  if (lid == 0u) { flag = select(0u, 1u, cond); }
  return workgroupUniformLoad(&flag) == 1u;
}

/** mode 0: 1 per token (top-k); mode 1: w of the top-k kept tokens (top-p) */
fn mass(mode: u32, j: u32, key: u32, off: u32, c: Cut) -> f32 {
  if (mode == 0u) { return 1.0; }
  return select(0.0, wts[off + j], keptK(j, key, c));
}

/** the largest key t whose mass at or above t reaches `goal` (0 if none) */
fn largestKey(lid: u32, off: u32, mode: u32, c: Cut, goal: f32) -> u32 {
  let d1 = vec4<f32>(1.0, 2.0, 3.0, 4.0);
  var t = 0u;
  for (var b = 28i; b >= 0i; b -= 4i) {
    let sh = u32(b);
    let hiMask = ~((16u << sh) - 1u); // bits above this digit (t has no others set yet)
    var m = M16(vec4<f32>(0.0), vec4<f32>(0.0), vec4<f32>(0.0), vec4<f32>(0.0));
    for (var j = lid; j < p.V; j += WG) {
      let key = keyOf(logits[off + j]);
      let v = mass(mode, j, key, off, c);
      // candidates t | (d << sh), d = 1..15: key is at or above the first D of them
      let hi = key & hiMask;
      let D = f32(select(select(0u, (key >> sh) & 15u, hi == t), 15u, hi > t));
      let dv = vec4<f32>(D);
      m.a += select(vec4<f32>(0.0), vec4<f32>(v), dv >= d1);
      m.b += select(vec4<f32>(0.0), vec4<f32>(v), dv >= d1 + 4.0);
      m.c += select(vec4<f32>(0.0), vec4<f32>(v), dv >= d1 + 8.0);
      m.d += select(vec4<f32>(0.0), vec4<f32>(v), dv >= d1 + 12.0);
    }
    let r = reduce16(lid, m);
    // masses fall with d, so the candidates that reach the goal are a prefix: count them
    let g = vec4<f32>(goal);
    let n = dot(select(vec4<f32>(0.0), vec4<f32>(1.0), r.a >= g), vec4<f32>(1.0))
      + dot(select(vec4<f32>(0.0), vec4<f32>(1.0), r.b >= g), vec4<f32>(1.0))
      + dot(select(vec4<f32>(0.0), vec4<f32>(1.0), r.c >= g), vec4<f32>(1.0))
      + dot(select(vec3<f32>(0.0), vec3<f32>(1.0), r.d.xyz >= g.xyz), vec3<f32>(1.0));
    t = t | (u32(n) << sh);
  }
  return t;
}

/** (mass strictly above key t, number of tokens with mass exactly at t, total mass) */
fn tieStats(lid: u32, off: u32, mode: u32, c: Cut, t: u32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  for (var j = lid; j < p.V; j += WG) {
    let key = keyOf(logits[off + j]);
    let v = mass(mode, j, key, off, c);
    acc += vec4<f32>(select(0.0, v, key > t), select(0.0, 1.0, key == t && v > 0.0), v, 0.0);
  }
  return reduce4(lid, acc);
}

/** per-id contribution to a prefix: 0 = ties at tK (count), 1 = top-k kept ties at tP (w), 2 = kept (w) */
fn contrib(mode: u32, j: u32, off: u32, c: Cut) -> f32 {
  let key = keyOf(logits[off + j]);
  if (mode == 0u) { return select(0.0, 1.0, key == c.tK); }
  if (mode == 1u) { return select(0.0, wts[off + j], keptK(j, key, c) && key == c.tP); }
  return select(0.0, wts[off + j], kept(j, key, c));
}

/** F(m1), F(m2), F(m3) with F(m) = sum of contrib over ids j < m (m1 <= m2 <= m3) */
fn prefix3(lid: u32, off: u32, mode: u32, c: Cut, m1: u32, m2: u32, m3: u32) -> vec4<f32> {
  var acc = vec4<f32>(0.0);
  for (var j = lid; j < m3; j += WG) {
    let v = contrib(mode, j, off, c);
    acc += vec4<f32>(select(0.0, v, j < m1), select(0.0, v, j < m2), v, 0.0);
  }
  return reduce4(lid, acc);
}

/** the smallest m in [1, V] with base + F(m) >= goal (> goal when strict); V if none */
fn firstPrefix(lid: u32, off: u32, mode: u32, c: Cut, base: f32, goal: f32, strict: bool) -> u32 {
  var steps = 0u;
  for (var span = 1u; span < p.V; span *= 4u) { steps++; }
  var lo = 0u;
  var hi = p.V;
  for (var s = 0u; s < steps; s++) {
    let d = hi - lo;
    let m1 = min(lo + max(d / 4u, 1u), hi);
    let m2 = min(lo + max(d / 2u, 1u), hi);
    let m3 = min(lo + max((3u * d) / 4u, 1u), hi);
    let r = prefix3(lid, off, mode, c, m1, m2, m3) + vec4<f32>(base);
    let meets = select(r >= vec4<f32>(goal), r > vec4<f32>(goal), strict);
    if (d > 1u) {
      if (meets.x) { hi = m1; } else if (meets.y) { lo = m1; hi = m2; } else if (meets.z) { lo = m2; hi = m3; } else { lo = m3; }
    }
  }
  return hi;
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid3: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let row = wid.x + wid.y * nwg.x;
  if (row >= p.N) { return; }
  let lid = lid3.x;
  let off = row * p.V;
  // argmax (lowest id on ties) and log-sum-exp in one reduction: per thread (max, its id, sum exp(z - max))
  var bv = -3.0e38;
  var bi = p.V;
  for (var j = lid; j < p.V; j += WG) {
    let z = logits[off + j];
    if (z > bv || bi == p.V) { bv = z; bi = j; }
  }
  var se = 0.0;
  for (var j = lid; j < p.V; j += WG) { se += exp(logits[off + j] - bv); }
  part[lid] = vec4<f32>(bv, f32(bi), se, 0.0);
  workgroupBarrier();
  var mx = -3.0e38;
  var tok = p.V;
  for (var t = 0u; t < WG; t++) {
    let q = part[t];
    let id = u32(q.y);
    if (id < p.V && (tok == p.V || q.x > mx || (q.x == mx && id < tok))) { mx = q.x; tok = id; }
  }
  var lse = 0.0;
  for (var t = 0u; t < WG; t++) {
    let q = part[t];
    if (u32(q.y) < p.V) { lse += q.z * exp(q.x - mx); }
  }
  workgroupBarrier();
  if (p.greedy == 0u) {
    for (var j = lid; j < p.V; j += WG) { wts[off + j] = exp((logits[off + j] - mx) / p.temp); }
    var c = Cut(0u, p.V, 0u, p.V);
    if (p.topK > 0u && p.topK < p.V) {
      let k = f32(p.topK);
      c.tK = largestKey(lid, off, 0u, c, k);
      let st = tieStats(lid, off, 0u, c, c.tK);
      let need = k - st.x;
      if (uniformFlag(lid, need < st.y)) { c.cutK = firstPrefix(lid, off, 0u, c, 0.0, need, false); }
    }
    if (p.topP < 1.0) {
      let goal = p.topP * tieStats(lid, off, 1u, c, 0u).z;
      c.tP = largestKey(lid, off, 1u, c, goal);
      let st = tieStats(lid, off, 1u, c, c.tP);
      if (uniformFlag(lid, st.y > 1.0)) { c.cutP = firstPrefix(lid, off, 1u, c, st.x, goal, false); }
    }
    let keptMass = prefix3(lid, off, 2u, c, p.V, p.V, p.V).x;
    let x = uni[row] * keptMass;
    let strict = x < keptMass;
    tok = firstPrefix(lid, off, 2u, c, 0.0, select(keptMass, x, strict), strict) - 1u;
  }
  if (lid == 0u) {
    outp[2u * row] = f32(tok);
    outp[2u * row + 1u] = logits[off + tok] - mx - log(lse);
  }
}
