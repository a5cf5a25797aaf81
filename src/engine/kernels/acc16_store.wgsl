// Included as `// #include acc16_store` (wgsl-include.ts) at the end of the subgroup GEMMs' main: the
// 16 accumulator rows (acc16_zero.wgsl) stored from row m, column n, through the module's store8.
  store8(m + 0u, n, c0a, c0b); store8(m + 1u, n, c1a, c1b); store8(m + 2u, n, c2a, c2b); store8(m + 3u, n, c3a, c3b);
  store8(m + 4u, n, c4a, c4b); store8(m + 5u, n, c5a, c5b); store8(m + 6u, n, c6a, c6b); store8(m + 7u, n, c7a, c7b);
  store8(m + 8u, n, c8a, c8b); store8(m + 9u, n, c9a, c9b); store8(m + 10u, n, c10a, c10b); store8(m + 11u, n, c11a, c11b);
  store8(m + 12u, n, c12a, c12b); store8(m + 13u, n, c13a, c13b); store8(m + 14u, n, c14a, c14b); store8(m + 15u, n, c15a, c15b);
