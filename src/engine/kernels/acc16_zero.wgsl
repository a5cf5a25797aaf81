// Included as `// #include acc16_zero` (wgsl-include.ts) in the subgroup GEMMs' main (matmul_subgroup.wgsl,
// matmul_packed_subgroup.wgsl): a lane's 16 rows x 8 columns of results as 16 x 2 vec4 accumulators,
// named rather than an array so that no compiler keeps them in indexed memory.
  var c0a = vec4<f32>(0.0); var c0b = vec4<f32>(0.0);
  var c1a = vec4<f32>(0.0); var c1b = vec4<f32>(0.0);
  var c2a = vec4<f32>(0.0); var c2b = vec4<f32>(0.0);
  var c3a = vec4<f32>(0.0); var c3b = vec4<f32>(0.0);
  var c4a = vec4<f32>(0.0); var c4b = vec4<f32>(0.0);
  var c5a = vec4<f32>(0.0); var c5b = vec4<f32>(0.0);
  var c6a = vec4<f32>(0.0); var c6b = vec4<f32>(0.0);
  var c7a = vec4<f32>(0.0); var c7b = vec4<f32>(0.0);
  var c8a = vec4<f32>(0.0); var c8b = vec4<f32>(0.0);
  var c9a = vec4<f32>(0.0); var c9b = vec4<f32>(0.0);
  var c10a = vec4<f32>(0.0); var c10b = vec4<f32>(0.0);
  var c11a = vec4<f32>(0.0); var c11b = vec4<f32>(0.0);
  var c12a = vec4<f32>(0.0); var c12b = vec4<f32>(0.0);
  var c13a = vec4<f32>(0.0); var c13b = vec4<f32>(0.0);
  var c14a = vec4<f32>(0.0); var c14b = vec4<f32>(0.0);
  var c15a = vec4<f32>(0.0); var c15b = vec4<f32>(0.0);
