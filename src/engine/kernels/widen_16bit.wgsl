// Included as `// #include widen` (wgsl-include.ts) by the kernels that read 16-bit weights packed
// two to a u32: widen(u) is the pair as f32 (element 2i in the low half). HALF = 1: f16 through core
// WGSL unpack2x16float (no shader-f16 needed); else bf16, the high 16 bits of an f32.
// The including module declares `override HALF: u32`.
fn widen(u: u32) -> vec2<f32> {
  if (HALF == 1u) { return unpack2x16float(u); }
  return vec2<f32>(bitcast<f32>(u << 16u), bitcast<f32>(u & 0xffff0000u));
}
